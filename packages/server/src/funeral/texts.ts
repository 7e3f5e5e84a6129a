import { defineTexts } from '@fangkong/domain';

/** What the halls, events and disinfections tell a person, by code, in both languages. */
export const EVENTS_TEXTS = defineTexts({
  hall_not_found: { 'zh-CN': '该厅室不存在或不在您的管辖范围内', en: 'no such hall in your jurisdiction' },
});

/** What the mourners' register tells a person. */
export const REGISTER_TEXTS = defineTexts({
  link_not_valid: { 'zh-CN': '该登记链接无效或已失效', en: 'this register link is not valid' },
});

/** What the COVID-19 cases tell a person. */
export const CASES_TEXTS = defineTexts({
  case_not_found: { 'zh-CN': '该遗体处置记录不存在或不在您的管辖范围内', en: 'no such case in your jurisdiction' },
});
