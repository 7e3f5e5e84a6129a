import { Select } from 'antd';
import { SITE_TYPES, SiteType } from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';

/** A site type's name; an unknown type as it is, none as empty. */
export function siteTypeText(type: string | null, t: Translate): string {
  const parsed = SiteType.safeParse(type);
  return parsed.success ? t(`siteType.${parsed.data}`) : type ?? '';
}

/** The filter by site type of a list or an overview; cleared, it shows all types. */
export function SiteTypeSelect({ value, onChange, minWidth }: {
  value: SiteType | undefined;
  onChange: (value: SiteType | undefined) => void;
  minWidth: number;
}) {
  const t = useT();
  return (
    <Select<SiteType>
      allowClear
      placeholder={t('sites.filterType')}
      aria-label={t('sites.filterType')}
      value={value}
      onChange={onChange}
      options={SITE_TYPES.map((s) => ({ value: s, label: t(`siteType.${s}`) }))}
      style={{ minWidth }}
    />
  );
}
