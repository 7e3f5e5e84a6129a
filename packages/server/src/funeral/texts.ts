import { defineTexts } from '@fangkong/domain';

/** What the halls, events and disinfections tell a person, by code, in both languages. */
export const EVENTS_TEXTS = defineTexts({
  hall_not_found: { 'zh-CN': '该厅室不存在或不在您的管辖范围内', en: 'no such hall in your jurisdiction' },
  hall_name_taken: (name: string) => ({ 'zh-CN': `本机构已有名为“${name}”的厅室`, en: `The site already has a hall named "${name}"` }),
  hall_not_usable: { 'zh-CN': '请选择本机构在用的厅室', en: 'Choose a hall of this site that is in use' },
  hall_booked: (from: string, to: string) => ({
    'zh-CN': `该厅室在 ${from} 至 ${to} 已有治丧预约，同一厅室同一时间只能举办一场治丧活动`,
    en: `The hall is booked from ${from} to ${to}: a hall holds one mourning event at a time`,
  }),
  awaiting_final: {
    'zh-CN': '该厅室上一场治丧活动尚未进行终末消毒，完成终末消毒后方可预约',
    en: 'The previous event in this hall awaits its final disinfection',
  },
  not_ongoing: { 'zh-CN': '只有正在进行的治丧活动可以结束', en: 'Only an ongoing event can be ended' },
  not_upcoming: { 'zh-CN': '只有尚未开始的治丧活动可以取消', en: 'Only an event that has not started can be cancelled' },
  to_before_from: { 'zh-CN': '结束时间须晚于开始时间', en: 'The end of the range must come after its start' },
  at_in_future: { 'zh-CN': '消毒时间不能晚于现在', en: 'A disinfection cannot be recorded in the future' },
  event_not_in_hall: { 'zh-CN': '该治丧活动不在此厅室', en: 'That event was not held in this hall' },
  nothing_to_close: {
    'zh-CN': '该厅室没有等待终末消毒的治丧活动',
    en: 'No event of this hall awaits its final disinfection',
  },
  final_done: (at: string) => ({ 'zh-CN': `该治丧活动已于 ${at} 完成终末消毒`, en: `The event had its final disinfection at ${at}` }),
  final_before_end: { 'zh-CN': '终末消毒应在治丧活动结束之后进行', en: 'A final disinfection comes after the end of the event' },
  event_not_ended: { 'zh-CN': '治丧活动尚未结束，结束后再进行终末消毒', en: 'The event has not ended yet: its final disinfection comes after' },
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
