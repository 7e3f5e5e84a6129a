import { defineMessages } from '../../i18n/defineMessages';

/** The login page's strings. */
export default defineMessages({
  'zh-CN': {
    'login.title': '登录',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.failed': '登录失败',
    'login.retryIn': '请在约 {minutes} 分钟后重试。',
    'login.hint': '请使用单位分配的账号登录',
  },
  en: {
    'login.title': 'Sign in',
    'login.username': 'User name',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.failed': 'Sign-in failed',
    'login.retryIn': 'Please try again in about {minutes} min.',
    'login.hint': 'Use the account issued by your organisation',
  },
});
