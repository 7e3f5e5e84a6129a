import { Tag } from 'antd';
import { RISK_AREA_STATUSES, RISK_LEVELS, type RiskAreaStatus } from '@fangkong/domain';
import type { Translate } from '../../i18n/context';

const STATUS_COLORS: Record<RiskAreaStatus, string> = { current: 'processing', upcoming: 'gold', ended: 'default' };

export function StatusTag({ status, t }: { status: RiskAreaStatus; t: Translate }) {
  return <Tag color={STATUS_COLORS[status]}>{t(`riskAreas.status.${status}`)}</Tag>;
}

export const statusOptions = (t: Translate) => RISK_AREA_STATUSES.map((s) => ({ value: s, label: t(`riskAreas.status.${s}`) }));
export const levelOptions = (t: Translate) => [...RISK_LEVELS].reverse().map((l) => ({ value: l, label: t(`risk.${l}`) }));

/** The label of an imported row's field (an error path "row 4.level" ends with it). */
export function fieldLabel(path: string, t: Translate): string {
  const field = path.split('.').at(-1) ?? path;
  switch (field) {
    case 'regionName': return t('riskAreas.col.region');
    case 'level': return t('riskAreas.col.level');
    case 'effectiveFrom': return t('riskAreas.col.from');
    case 'effectiveTo': return t('riskAreas.col.to');
    case 'note': return t('riskAreas.col.note');
    default: return field;
  }
}
