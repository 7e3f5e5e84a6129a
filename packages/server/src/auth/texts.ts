import { defineTexts } from '@fangkong/domain';

/** What the auth services tell a person, by code, in both languages. */
export const AUTH_TEXTS = defineTexts({
  current_password_wrong: { 'zh-CN': '当前密码不正确', en: 'the current password is wrong' },
  must_differ_from_current: { 'zh-CN': '新密码不能与当前密码相同', en: 'must differ from the current password' },
  /** The rules of a new password, with the configured figures. */
  password_length: (n: number) => ({ 'zh-CN': `至少 ${n} 个字符`, en: `at least ${n} characters` }),
  password_classes: (n: number) => ({
    'zh-CN': `需包含小写字母、大写字母、数字、符号中的至少 ${n} 类`,
    en: `needs ${n} of: lower case, upper case, digit, symbol`,
  }),
  password_not_username: { 'zh-CN': '不能包含用户名', en: 'must not contain the username' },
  password_recently_used: (n: number) => ({
    'zh-CN': `不能与最近 ${n} 次使用过的密码相同`,
    en: `must not be one of the last ${n} passwords`,
  }),
  code_wrong: { 'zh-CN': '验证码不正确或已使用过', en: 'wrong code, or one already used' },
  no_setup_pending: { 'zh-CN': '请先开始设置两步验证', en: 'Start setting up two-factor sign-in first' },
  two_factor_off: { 'zh-CN': '两步验证尚未开启', en: 'Two-factor sign-in is not on' },
  two_factor_required: {
    'zh-CN': '您的角色要求两步验证，不能关闭；更换手机请重新设置',
    en: 'Your role requires two-factor sign-in, so it cannot be turned off; set it up again to move to another phone',
  },
  locked_for: (minutes: number) => ({
    'zh-CN': `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
    en: `Too many failed sign-ins; the account is locked for ${minutes} more minute(s)`,
  }),
});
