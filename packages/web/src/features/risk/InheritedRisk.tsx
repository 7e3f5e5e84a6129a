import { Typography } from 'antd';
import type { RiskArea, RiskLevel } from '@fangkong/domain';
import { RiskTag } from '../../components/shared/RiskTag';
import { useT } from '../../i18n/useT';

/**
 * A node's level with the area it comes from: "中风险（继承自 X，2026-12-01 起）". The areas come
 * highest level first, so the first is the one that sets the level.
 */
export function InheritedRisk({ level, areas }: { level: RiskLevel; areas: readonly RiskArea[] }) {
  const t = useT();
  const source = areas.find((a) => a.level === level);
  return (
    <span data-testid="inherited-risk">
      <RiskTag level={level} />
      {source && (
        <Typography.Text type="secondary">
          {source.effectiveTo
            ? t('riskAreas.inherited.fromUntil', { region: source.regionName, from: source.effectiveFrom, to: source.effectiveTo })
            : t('riskAreas.inherited.from', { region: source.regionName, from: source.effectiveFrom })}
        </Typography.Text>
      )}
    </span>
  );
}
