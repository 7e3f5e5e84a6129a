import { defineTexts } from '@fangkong/domain';

/** What the auth services tell a person, by code, in both languages. */
export const AUTH_TEXTS = defineTexts({
  current_password_wrong: { 'zh-CN': '当前密码不正确', en: 'the current password is wrong' },
  must_differ_from_current: { 'zh-CN': '新密码不能与当前密码相同', en: 'must differ from the current password' },
  locked_for: (minutes: number) => ({
    'zh-CN': `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
    en: `Too many failed sign-ins; the account is locked for ${minutes} more minute(s)`,
  }),
});
