import { defineTexts } from '@fangkong/domain';

/** What the notifications services tell a person, by code, in both languages. */
export const NOTIFICATIONS_TEXTS = defineTexts({
  email_missing: { 'zh-CN': '请先在个人资料中填写电子邮箱', en: 'add your e-mail address to your profile first' },
  only_dead_resent: { 'zh-CN': '只有投递失败的消息可以重发', en: 'only a dead letter can be sent again' },
  webhook_bureau_only: { 'zh-CN': '只有市民政局管理员可以设置通用 Webhook', en: 'Only the bureau admin sets up generic webhooks' },
  invalid_address: { 'zh-CN': '不是有效的网址', en: 'not a valid address' },
  not_http: { 'zh-CN': '必须是 http(s) 网址', en: 'must be an http(s) address' },
  credentials_in_address: { 'zh-CN': '网址中不能包含用户名或密码', en: 'must not carry a user name or password' },
  internal_address: { 'zh-CN': '不能发往本机、内网或链路本地地址', en: 'must not be a loopback, private or link-local address' },
  host_not_allowed: (hosts: string) => ({ 'zh-CN': `主机不在允许的范围内（${hosts}）`, en: `the host is not one allowed by the configuration (${hosts})` }),
});
