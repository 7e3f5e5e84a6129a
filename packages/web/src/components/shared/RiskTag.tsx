import { Tag } from 'antd';
import type { RiskLevel } from '@fangkong/domain';
import { useT } from '../../i18n/useT';

const COLORS: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };

export function RiskTag({ level }: { level: RiskLevel }) {
  const t = useT();
  return <Tag color={COLORS[level]}>{t(`risk.${level}`)}</Tag>;
}
