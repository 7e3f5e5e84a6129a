import { defineTexts } from '@fangkong/domain';

/** What the org services tell a person, by code, in both languages. */
export const ORG_TEXTS = defineTexts({
  kind_not_under: (kind: string, parentKind: string, parentSiteType: string | null) => ({
    'zh-CN': '不能在此节点下创建该类型的节点',
    en: `a ${kind} cannot be placed under a ${parentKind}${parentSiteType ? ` (${parentSiteType})` : ''}`,
  }),
  ends_before_start: (from: string) => ({ 'zh-CN': `结束日期不能早于起始日期（${from}）`, en: `must not be before the start date (${from})` }),
  /** What a risk-area sheet lists, for the file's own problems. */
  risk_areas: { 'zh-CN': '风险地区', en: 'risk areas' },
  no_region_column: { 'zh-CN': '文件中没有“地区”和“风险等级”列', en: 'the file has no 地区/region and 风险等级/level columns' },
  rows_refused: (n: number) => ({ 'zh-CN': `有 ${n} 行存在问题，未导入任何数据`, en: `${n} rows have problems; nothing was imported` }),
  no_valid_rows: { 'zh-CN': '没有可导入的行', en: 'no row can be imported' },
  name_taken: (name: string) => ({ 'zh-CN': `同一上级下已有名为“${name}”的节点`, en: `a node named "${name}" already exists there` }),
});
