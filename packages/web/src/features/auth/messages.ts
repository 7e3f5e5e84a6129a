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
    'login.code': '两步验证码',
    'login.codePlaceholder': '验证器中的 6 位数字，或恢复码',
    'login.useCode': '使用两步验证码',

    'forced.passwordTitle': '首次登录请修改密码',
    'forced.passwordText': '您正在使用管理员提供的一次性密码。请设置自己的新密码后继续使用。',
    'forced.twoFactorTitle': '请开启两步验证',
    'forced.twoFactorText': '您的角色要求登录时使用两步验证。请用手机验证器应用完成绑定后继续使用。',
  },
  en: {
    'login.title': 'Sign in',
    'login.username': 'User name',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.failed': 'Sign-in failed',
    'login.retryIn': 'Please try again in about {minutes} min.',
    'login.hint': 'Use the account issued by your organisation',
    'login.code': 'Two-factor code',
    'login.codePlaceholder': 'Six digits from the app, or a recovery code',
    'login.useCode': 'Use a two-factor code',

    'forced.passwordTitle': 'Change your password to begin',
    'forced.passwordText': 'You signed in with a one-time password from your administrator. Set a password of your own to go on.',
    'forced.twoFactorTitle': 'Turn on two-factor sign-in',
    'forced.twoFactorText': 'Your role requires two-factor sign-in. Set up an authenticator app on your phone to go on.',
  },
});
