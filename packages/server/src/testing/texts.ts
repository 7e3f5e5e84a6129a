import { defineTexts } from '@fangkong/domain';

/** What the testing services tell a person, by code, in both languages. */
export const TESTING_TEXTS = defineTexts({
  import_already_committed: { 'zh-CN': '该文件已导入', en: 'this import is already committed' },
  file_just_imported: { 'zh-CN': '同一文件刚刚已被导入', en: 'the same file has just been imported' },
  no_header_row: { 'zh-CN': '未找到表头：至少需要“姓名”或“身份证号”列，以及“采样时间”列（可下载模板参考）', en: 'no header row with a name or ID number column and a sampling time column (see the template)' },
  no_such_row: { 'zh-CN': '文件中没有这一行', en: 'no such row in the file' },
  person_not_found: { 'zh-CN': '该人员不存在或不在您的管辖范围内', en: 'no such person in your jurisdiction' },
  person_not_intake: { 'zh-CN': '此人不在入住观察期，无需确认入住', en: 'this person is not in intake' },
  join_needs_manager: { 'zh-CN': '只有机构负责人可以在没有阴性结果时确认入住', en: 'only the site manager may let someone join without a negative test' },
  choose_town: { 'zh-CN': '请选择镇（街道）', en: 'choose a town' },
  session_in_past: { 'zh-CN': '采样日期不能早于今天', en: 'the session cannot be in the past' },
  sample_recorded_stays: { 'zh-CN': '此人已有本次采样记录，不能移出名单', en: 'a sample is recorded for this person; they stay on the list' },
  not_site_of_town: { 'zh-CN': '不是该镇（街道）的机构', en: 'not a site of this town' },
  sample_recorded_attended: { 'zh-CN': '此人已有本次采样记录，不能改为未到场', en: 'a sample is already recorded for this person' },
  person_left_or_outside: { 'zh-CN': '此人已离开或不在您的管辖范围内', en: 'this person has left or is outside your jurisdiction' },
  imported_before: (day: string, by: string) => ({
    'zh-CN': `同一文件已于 ${day} 由 ${by} 导入，不再重复导入`,
    en: `the same file was imported on ${day} by ${by}; it is not imported twice`,
  }),
  person_left: { 'zh-CN': '该人员已离开', en: 'this person has left' },
  duplicate_sample: { 'zh-CN': '此人在该采样时间已有检测记录', en: 'this person already has a sample at that time' },
  duplicate_in_batch: { 'zh-CN': '本批次中同一人同一采样时间出现多次', en: 'the same person and sampling time appear twice in this batch' },
  join_needs_negative: (days: number, lastNegative: string | null) => ({
    'zh-CN': `入住前须有 ${days} 天内的核酸阴性结果${lastNegative ? `（最近一次阴性为 ${lastNegative}）` : '（尚无阴性结果）'}`,
    en: `joining needs a negative test from the last ${days} days${lastNegative ? ` (the last negative was on ${lastNegative})` : ' (none yet)'}`,
  }),
  not_on_list: { 'zh-CN': '此人不在本次采样名单中', en: 'this person is not on the session\'s list' },
  listed_twice: { 'zh-CN': '本次提交中重复出现', en: 'listed twice in this request' },
});
