import { ID_ISSUE_MESSAGES, ID_ISSUES } from './id-number.js';
import { YEAR_MAX, YEAR_MIN } from './input.js';
import { defineTexts, type Bilingual } from './texts.js';

/** The field messages written here, each by its code (FIELD_MESSAGES adds the ID number's). */
export const FIELD_TEXTS = defineTexts({
  'id_number.required': { 'zh-CN': '请填写身份证号，或勾选“身份不明”', en: 'give the ID number, or mark the identity as unknown' },
  'id_number.both': { 'zh-CN': '已填写身份证号时不能勾选“身份不明”', en: 'an ID number was given, so the identity is not unknown' },
  'id_number.duplicate_in_file': { 'zh-CN': '该身份证号在文件中重复出现', en: 'this ID number appears more than once in the file' },
  'phone.invalid': { 'zh-CN': '手机号应为 11 位（1 开头），座机需带区号', en: 'a mobile number has 11 digits starting with 1; a landline needs its area code' },
  'kind.unknown': { 'zh-CN': '无法识别的人员类别', en: 'unknown kind of person' },
  'kind.not_at_site': { 'zh-CN': '该类别的人员不能登记在此类机构', en: 'this kind of person is not registered at this type of site' },
  'sex.unknown': { 'zh-CN': '性别应为“男”或“女”', en: 'sex should be male or female' },
  'status.unknown': { 'zh-CN': '无法识别的状态', en: 'unknown status' },
  'consent.required': { 'zh-CN': '请阅读并同意个人信息使用说明', en: 'please read and accept how your personal data is used' },
  'code.format': { 'zh-CN': '登记码为 6 位字母或数字', en: 'a registration code has 6 letters or digits' },
  'text.nul': { 'zh-CN': '不能包含空字符（\\u0000）', en: 'must not contain the NUL character (\\u0000)' },
  'text.surrogate': { 'zh-CN': '包含无法编码的字符（不成对的代理项）', en: 'contains a character that cannot be encoded (a lone surrogate)' },
  'text.control': { 'zh-CN': '不能包含控制字符', en: 'must not contain control characters' },
  'date.out_of_range': { 'zh-CN': `年份应在 ${YEAR_MIN} 至 ${YEAR_MAX} 之间`, en: `the year must be between ${YEAR_MIN} and ${YEAR_MAX}` },
  'update.empty': { 'zh-CN': '没有要修改的内容，请至少填写一个字段', en: 'nothing to change: give at least one field' },
  'date.unreadable': { 'zh-CN': '无法识别的日期，请使用 YYYY-MM-DD', en: 'unreadable date; use YYYY-MM-DD' },
  'test.result_time_without_result': { 'zh-CN': '待检的样本不能填写结果时间', en: 'a pending sample has no result time' },
  'test.absent_with_result': { 'zh-CN': '未到场的人员不能有检测结果', en: 'someone who did not come has no result' },
  'test.sample_future': { 'zh-CN': '采样时间不能晚于现在', en: 'the sample cannot be taken in the future' },
  'test.result_future': { 'zh-CN': '结果时间不能晚于现在', en: 'the result cannot be reported in the future' },
  'test.result_before_sample': { 'zh-CN': '结果时间不能早于采样时间', en: 'the result cannot come before the sample' },
  'test.result_unknown': { 'zh-CN': '无法识别的检测结果（阴性、阳性、待检、无效）', en: 'unknown result (negative, positive, pending, invalid)' },
  'test.sample_time_required': { 'zh-CN': '请填写采样时间', en: 'the sampling time is required' },
  'test.person_unmatched': { 'zh-CN': '未能匹配到登记人员，请手动选择', en: 'no registered person matches; choose one by hand' },
  'test.duplicate_in_file': { 'zh-CN': '同一人同一采样时间在文件中重复出现', en: 'the same person and sampling time appear more than once in the file' },
  'field.required': { 'zh-CN': '必填', en: 'required' },
  'username.chars': { 'zh-CN': '只能包含字母、数字、"."、"_" 和 "-"', en: 'letters, digits, ".", "_" and "-" only' },
  'password.strength': { 'zh-CN': '需包含小写字母、大写字母、数字、符号中的至少三类', en: 'needs three of: lower case, upper case, digit, symbol' },
  'date.format': { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'expected a date as YYYY-MM-DD' },
  'date.calendar': { 'zh-CN': '不是有效日期', en: 'not a calendar date' },
  'org.code_chars': { 'zh-CN': '只能包含字母、数字、- 和 _', en: 'letters, digits, - and _ only' },
  'org.site_type': { 'zh-CN': '机构必须选择类型，其他节点不能填写类型', en: 'siteType is required for a site and not allowed otherwise' },
  'risk.ends_before_start': { 'zh-CN': '不能早于生效日期', en: 'must not be before effectiveFrom' },
  'supplies.floor_above_target': { 'zh-CN': '最低储备天数不能超过目标储备天数', en: 'floorDays must not exceed targetDays' },
  'supplies.same_site': { 'zh-CN': '调入场所不能与调出场所相同', en: 'the target site must differ from the source site' },
  'audit.entry_id': { 'zh-CN': '应为日志编号', en: 'expected an entry id' },
  'people.left_before_joined': { 'zh-CN': '不能早于入住/入职日期', en: 'must not be before joinedOn' },
  'number.too_large': { 'zh-CN': '数值过大', en: 'too large' },
  'number.whole': { 'zh-CN': '应为整数', en: 'whole units' },
  'number.positive': { 'zh-CN': '应大于 0', en: 'must be more than 0' },
  'number.not_zero': { 'zh-CN': '不能为 0', en: 'must not be 0' },
});

/**
 * Messages that schemas give as codes ("id_number.check_character", "date.calendar") rather than
 * as English text, in both languages; the server answers with the caller's language and the web
 * shows the same. A schema's message is always a code of this table (or zod's own, or the
 * `at most N characters` of `Text`): a table keyed by the English text would turn the Chinese
 * answer English at the first edit of the English.
 */
export const FIELD_MESSAGES: Readonly<Record<string, Bilingual>> = {
  ...Object.fromEntries(ID_ISSUES.map((i) => [`id_number.${i}`, ID_ISSUE_MESSAGES[i]])),
  ...FIELD_TEXTS,
};
