import { defineTexts } from '@fangkong/domain';

/** What the halls, events and disinfections tell a person, by code, in both languages. */
export const EVENTS_TEXTS = defineTexts({
  hall_not_found: { 'zh-CN': '该厅室不存在或不在您的管辖范围内', en: 'no such hall in your jurisdiction' },
});

/** What the mourners' register tells a person. */
export const REGISTER_TEXTS = defineTexts({
  link_not_valid: { 'zh-CN': '该登记链接无效或已失效，请扫描灵堂门口最新的二维码', en: 'this register link is not valid any more; scan the code at the hall' },
  /** What the admitted mourner is told they registered for. */
  event_name: (deceased: string) => ({ 'zh-CN': `${deceased}治丧活动`, en: `the mourning for ${deceased}` }),
  window_reversed: { 'zh-CN': '结束时间不能早于开始时间', en: 'the end must not be before the start' },
  sheet: { 'zh-CN': '吊唁登记', en: 'Mourners' },
  source_qr: { 'zh-CN': '扫码登记', en: 'QR code' },
  source_helper: { 'zh-CN': '代为登记', en: 'by the family\'s helper' },
  symptom_fever: { 'zh-CN': '发热', en: 'fever' },
  symptom_cough: { 'zh-CN': '咳嗽', en: 'cough' },
  symptom_cold: { 'zh-CN': '感冒', en: 'cold' },
});

/** What the COVID-19 cases tell a person. */
export const CASES_TEXTS = defineTexts({
  case_not_found: { 'zh-CN': '该遗体处置记录不存在或不在您的管辖范围内', en: 'no such case in your jurisdiction' },
});
