import { defineTexts } from '@fangkong/domain';

/** Refusals from below the services (Fastify, the database, the same-origin check), by code, in both languages. */
export const HTTP_TEXTS = defineTexts({
  param_too_long: { 'zh-CN': '路径参数过长', en: 'a path parameter is too long' },
  bad_url: { 'zh-CN': '路径含有无效的字符', en: 'the path has characters that are not valid' },
  media_type: { 'zh-CN': '此处不接受该内容类型', en: 'this content type is not accepted here' },
  body_too_large: { 'zh-CN': '请求内容过大', en: 'the body is too large' },
  empty_json: { 'zh-CN': '声明为 JSON 的请求内容为空', en: 'the body is declared as JSON but is empty' },
  invalid_json: { 'zh-CN': '请求内容不是有效的 JSON', en: 'the body is not valid JSON' },
  content_length: { 'zh-CN': '请求内容的长度与 Content-Length 不符', en: 'the body does not have the length its Content-Length says' },
  request_invalid: { 'zh-CN': '请求无效', en: 'the request is not valid' },
  missing_reference: { 'zh-CN': '引用的记录不存在', en: 'refers to a record that does not exist' },
  unstorable_value: { 'zh-CN': '取值超出允许的范围或无法保存', en: 'a value is out of range or cannot be stored' },
  cross_site: {
    'zh-CN': '请求来自其他网站，已拒绝；请在本系统的页面中操作',
    en: 'The request comes from another site and is refused; use this app\'s own pages',
  },
});
