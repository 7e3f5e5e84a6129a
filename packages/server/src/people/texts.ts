import { defineTexts } from '@fangkong/domain';

/** What the people services tell a person, by code, in both languages. */
export const PEOPLE_TEXTS = defineTexts({
  no_valid_rows: { 'zh-CN': '没有可导入的正确行', en: 'no valid rows to import' },
  no_name_column: { 'zh-CN': '找不到“姓名”列，请使用导入模板', en: 'no column named 姓名 / name: use the template' },
  grid_outside_site: { 'zh-CN': '网格必须在所选社区之内', en: 'the grid cell must lie inside the chosen site' },
  choose_site: { 'zh-CN': '请选择一个机构（场所）', en: 'choose a site' },
  moved_out_of_scope: { 'zh-CN': '已转出至您管辖范围之外的机构', en: 'moved to a site outside your jurisdiction' },
  registered_at: (siteName: string) => ({
    'zh-CN': `该身份证号已在“${siteName}”登记在册`, en: `this ID number is already registered at ${siteName}`,
  }),
  rows_refused: (bad: number) => ({
    'zh-CN': `${bad} 行有错误，未导入任何数据。请修正后重新导入，或选择只导入正确的行。`,
    en: `${bad} row(s) have errors; nothing was imported. Fix them, or import the valid rows only.`,
  }),
  id_taken_meanwhile: {
    'zh-CN': '导入期间有人登记了相同的身份证号，请重新预览后再导入',
    en: 'someone registered one of these ID numbers meanwhile; preview again, then import',
  },
});
