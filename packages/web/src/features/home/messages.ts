import { defineMessages } from '../../i18n/defineMessages';

/** The overview page's strings (each feature's card on it brings its own). */
export default defineMessages({
  'zh-CN': {
    'nav.home': '概览',

    'home.welcome': '{name}，您好',
    'home.intro': '欢迎使用民政防控管理平台。以下是您的角色、管辖范围以及可见场所的概况。',
    'home.roles': '我的角色与管辖范围',
    'home.sitesByType': '可见场所（按类型）',
    'home.totalSites': '场所总数',
    'home.noRoles': '您尚未被分配任何角色，请联系管理员。',
    'home.noOrgAccess': '您没有查看组织架构的权限。',
  },
  en: {
    'nav.home': 'Home',

    'home.welcome': 'Welcome, {name}',
    'home.intro': 'This is the civil-affairs epidemic prevention platform. Below are your roles, your jurisdictions and the sites you can see.',
    'home.roles': 'My roles and jurisdictions',
    'home.sitesByType': 'Visible sites by type',
    'home.totalSites': 'All sites',
    'home.noRoles': 'You have no role yet; please ask an administrator.',
    'home.noOrgAccess': 'You may not view the organisation tree.',
  },
});
