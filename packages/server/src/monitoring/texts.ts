import { defineTexts } from '@fangkong/domain';

/** What the monitoring services tell a person, by code, in both languages. */
export const MONITORING_TEXTS = defineTexts({
  person_not_found: { 'zh-CN': '找不到此人，或不在您的管辖范围内', en: 'no such person within your jurisdiction' },
  person_has_left: { 'zh-CN': '此人已离开', en: 'this person has left' },
  room_of_own_site: { 'zh-CN': '请选择此人所在机构的房间', en: 'choose a room of the person\'s own site' },
  alert_not_found: { 'zh-CN': '找不到此人的这条预警', en: 'no such alert of this person within your jurisdiction' },
  ends_before_started: { 'zh-CN': '结束时间早于开始时间', en: 'ends before it started' },
  room_name_taken: { 'zh-CN': '本机构已有同名房间', en: 'this site already has a room of that name' },
  placement_has_already_ended: { 'zh-CN': '该隔离已结束', en: 'this placement has already ended' },
  step_already_done: { 'zh-CN': '该步骤已完成', en: 'this step is already done' },
  left_no_reading: { 'zh-CN': '此人已离开，不能再登记体温', en: 'this person has left; no reading can be recorded' },
  not_at_site: { 'zh-CN': '此人不在本机构', en: 'this person is not at this site' },
  reading_future: { 'zh-CN': '测量时间晚于当前时间', en: 'the measurement time is in the future' },
  implausible: (min: number, max: number) => ({
    'zh-CN': `体温超出 ${min}–${max} ℃，可能是测量错误；请复测，确认无误后勾选“确认”再提交`,
    en: `outside ${min}–${max} ℃: probably a measurement error; measure again and submit with "confirmed"`,
  }),
  alert_closed: { 'zh-CN': '该预警已关闭', en: 'this alert is closed' },
  no_step: (step: string) => ({ 'zh-CN': '该预警没有这个步骤', en: `this alert has no step ${step}` }),
  report_by_action: {
    'zh-CN': '“上报”步骤须通过系统上报完成（R2.4），不能直接勾选',
    en: 'the report step is done by reporting through the system (R2.4), not by a tick',
  },
  not_reported: {
    'zh-CN': '尚未向乡镇（街道）和市民政局上报，预警不能关闭（R2.4：上报后方可关闭）',
    en: 'the report to the town office and the bureau has not gone up: an alert cannot be closed before it has (R2.4)',
  },
  already_reported: { 'zh-CN': '已上报', en: 'the report has already gone up' },
  outside_done: { 'zh-CN': '已登记通报', en: 'already recorded as told' },
  system_reaches: {
    'zh-CN': '系统已通知该单位，或尚未通过系统上报：请先上报，只有系统中无人接收时才登记电话等方式',
    en: 'report through the system first; a call is recorded for this level only when the system found nobody there to tell',
  },
  room_named: (name: string) => ({ 'zh-CN': `本机构已有名为“${name}”的房间`, en: `this site already has a room named "${name}"` }),
  already_placed: (room: string | undefined) => ({
    'zh-CN': `此人已在“${room ?? '其他房间'}”隔离观察中`, en: `this person is already placed in ${room ?? 'another room'}`,
  }),
  early_release: (plannedEnd: string) => ({
    'zh-CN': `计划 ${plannedEnd} 解除；提前解除需先有隔离开始后的核酸阴性结果`,
    en: `planned to end on ${plannedEnd}; an earlier release needs a negative test sampled after the start`,
  }),
  room_inactive: { 'zh-CN': '该房间已停用', en: 'this room is out of use' },
  room_full: { 'zh-CN': '该房间已满', en: 'this room is full' },
  single_room_taken: { 'zh-CN': '该房间为单间，已有人入住', en: 'this single room is taken' },
  needs_single_room: {
    'zh-CN': '按防控政策，此原因需单间隔离，该房间已有他人',
    en: 'the policy puts this reason in a room of its own, and someone is already in this one',
  },
});
