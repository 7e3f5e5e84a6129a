import { defineTexts } from '@fangkong/domain';

/** What the visits services tell a person, by code, in both languages. */
export const VISITS_TEXTS = defineTexts({
  registration_handled: { 'zh-CN': '该登记已处理', en: 'this registration has already been handled' },
  registration_expired: { 'zh-CN': '登记码已过期，请重新登记', en: 'the registration has expired; register again' },
  visitor_not_inside: { 'zh-CN': '此人不在院内', en: 'this visitor is not inside' },
  code_not_valid: { 'zh-CN': '此登记二维码无效或已更换，请扫描门口最新的二维码', en: 'this registration code is not valid any more; scan the one at the gate' },
  code_not_inside: { 'zh-CN': '没有在院内的此登记码', en: 'no visitor inside with this code' },
  id_number_required_here: { 'zh-CN': '本机构要求填写身份证号', en: 'required' },
});
