import { defineTexts } from '@fangkong/domain';

/** What the incidents services tell a person, by code, in both languages. */
export const INCIDENTS_TEXTS = defineTexts({
  alert_not_found: { 'zh-CN': '该预警不存在或不在您的管辖范围内', en: 'no such alert in your jurisdiction' },
  alert_belongs_another_site: { 'zh-CN': '该预警属于其他机构', en: 'the alert belongs to another site' },
  opened_in_future: { 'zh-CN': '发生时间不能晚于现在', en: 'cannot be in the future' },
  time_in_future: { 'zh-CN': '时间不能晚于现在', en: 'cannot be in the future' },
  outside_party_recorded_notified: { 'zh-CN': '外部单位的通报请以“已通报”登记', en: 'an outside party is recorded as notified, not acknowledged' },
  system_level_acknowledges: { 'zh-CN': '本级单位须在系统中确认收到', en: 'a level in the system acknowledges the step itself' },
  attachment_type: { 'zh-CN': '只能上传 PDF、PNG 或 JPEG 文件', en: 'only PDF, PNG or JPEG files are accepted' },
  alert_already_incident: { 'zh-CN': '该预警已转为突发事件', en: 'this alert has already been made an incident' },
  incident_closed: { 'zh-CN': '该事件已结案', en: 'this incident is closed' },
  step_already_acknowledged: { 'zh-CN': '该上报已确认', en: 'this step has already been acknowledged' },
  already_recorded_notified: { 'zh-CN': '已登记通报', en: 'already recorded as notified' },
  only_receiver_acknowledges: { 'zh-CN': '只有接收这一级上报的单位才能确认', en: 'only the receiving level can acknowledge this step' },
  person_not_found: { 'zh-CN': '该人员不存在或不在您的管辖范围内', en: 'no such person in your jurisdiction' },
});
