import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { coverStatus, daysOfCover, type ItemCover, type SiteSupplies } from '@fangkong/domain';
import { useT } from '../../i18n/useT';
import { CoverStatusTag, coverText, quantityText, STATUS_COLOR } from './suppliesUi';


/** The item's stock and cover now and after the movement typed, worked out by the domain's rules. */
export function CoverPreview({ item, site, usableAfter, demandPerDay, extra }: {
  item: ItemCover;
  site: Pick<SiteSupplies, 'floorDays' | 'targetDays'>;
  usableAfter: number;
  /** The daily demand to count with; the item's current demand when absent. */
  demandPerDay?: number | null;
  extra?: ReactNode;
}) {
  const t = useT();
  const demand = demandPerDay === undefined ? item.dailyDemand : demandPerDay;
  const coverAfter = daysOfCover(Math.max(0, usableAfter), demand);
  const statusAfter = coverStatus(coverAfter, site, { usable: Math.max(0, usableAfter), required: item.required });
  return (
    <div className="fk-supply-preview" data-testid="supplies-preview" data-cover={coverAfter ?? ''} data-status={statusAfter}>
      <Flex gap={16} wrap align="center">
        {usableAfter !== item.usable && (
          <span>
            <Typography.Text type="secondary">{t('common.labelValue', { label: t('supplies.usable'), value: '' })}</Typography.Text>
            {quantityText(item.usable, item.unit)} → <strong>{quantityText(usableAfter, item.unit)}</strong>
          </span>
        )}
        <span>
          <Typography.Text type="secondary">{t('common.labelValue', { label: t('supplies.daysOfCover'), value: '' })}</Typography.Text>
          {coverText(item.daysOfCover)} → <strong style={{ color: STATUS_COLOR[statusAfter] }}>{coverText(coverAfter)}</strong> {t('unit.days')}
        </span>
        <CoverStatusTag status={statusAfter} />
      </Flex>
      {extra}
    </div>
  );
}
