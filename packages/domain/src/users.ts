import { definePermissions } from './access.js';
import { defineTexts } from './texts.js';

/*
 * Accounts run from the app (requirements §0: a user holds roles, each bound to a node, and sees
 * only what lies at or below it). The permissions and messages live here, apart from the rules in
 * accounts.ts, because roles.ts composes this file and the rules read roles.ts.
 */

export const USERS_PERMISSIONS = definePermissions({
  /** See the accounts that hold a role at or below one's node. */
  'users.read': ['town_officer', 'site_manager'],
  /** Create, edit, disable and reset them, within the limits of `mayGrant`. */
  'users.manage': ['town_officer', 'site_manager'],
});

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const USERS_FIELD_TEXTS = defineTexts({
  'phone.mobile': { 'zh-CN': '应为 11 位手机号码', en: 'an 11-digit mobile number' },
  'users.role_required': { 'zh-CN': '至少授予一个角色', en: 'give at least one role' },
  'users.role_twice': { 'zh-CN': '同一角色在同一节点只能授予一次', en: 'the same role at the same node only once' },
  'users.people_required': { 'zh-CN': '至少选择一人', en: 'choose at least one person' },
  'users.person_twice': { 'zh-CN': '同一人选择了两次', en: 'a person chosen twice' },
});
