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
  not_funeral_site: { 'zh-CN': '新冠肺炎遗体只能由殡仪馆（殡葬服务机构）接收处置', en: 'only a funeral site handles a COVID-19 deceased' },
  at_in_future: { 'zh-CN': '时间不能晚于现在', en: 'the time cannot be in the future' },
  death_after_notice: { 'zh-CN': '死亡日期不能晚于接到通知的日期', en: 'the date of death cannot be after the notice' },
  before_previous: (previousZh: string, previousEn: string) => ({
    'zh-CN': `时间不能早于上一步（${previousZh}）`,
    en: `the time cannot be before the previous step (${previousEn})`,
  }),
  step_taken: { 'zh-CN': '该步骤刚刚已由他人记录，请刷新后查看', en: 'someone has just recorded this step; reload the case' },
  // The names of the steps a person reads (in a refusal, on the incident's timeline).
  step_notified: { 'zh-CN': '接到通知', en: 'Notified' },
  step_handover: { 'zh-CN': '遗体交接', en: 'Handover' },
  step_collected: { 'zh-CN': '专车接运', en: 'Collected' },
  step_cremated: { 'zh-CN': '立即火化', en: 'Cremated' },
  step_certified: { 'zh-CN': '出具火化证明', en: 'Certificate issued' },
  step_ashes_released: { 'zh-CN': '骨灰交付', en: 'Ashes released' },
  step_disinfected: { 'zh-CN': '终末消毒', en: 'Disinfected' },
  step_archived: { 'zh-CN': '登记归档并上报', en: 'Archived and reported' },
  cause_covid_confirmed: { 'zh-CN': '确诊', en: 'confirmed' },
  cause_covid_suspected: { 'zh-CN': '疑似', en: 'suspected' },
  incident_summary: (name: string, causeZh: string, causeEn: string, hospital: string) => ({
    'zh-CN': `新冠肺炎（${causeZh}）死亡病例遗体处置：${name}，${hospital}`,
    en: `COVID-19 (${causeEn}) deceased: ${name}, ${hospital}`,
  }),
});
