import { defineTexts, type Bilingual, type GrantRefusal, type Role } from '@fangkong/domain';

/** Where each role may be bound, as the refusal names it. */
const ROLE_PLACES: Readonly<Record<Role, { 'zh-CN': string; en: string }>> = {
  bureau_admin: { 'zh-CN': '民政局', en: 'the bureau' },
  bureau_officer: { 'zh-CN': '民政局', en: 'the bureau' },
  inspector: { 'zh-CN': '民政局或乡镇', en: 'the bureau or a town' },
  town_officer: { 'zh-CN': '乡镇', en: 'a town' },
  site_manager: { 'zh-CN': '机构（场所）', en: 'a site' },
  site_staff: { 'zh-CN': '机构（场所）', en: 'a site' },
  grid_worker: { 'zh-CN': '社区及其小区、楼栋', en: 'a community, its compounds or buildings' },
  volunteer: { 'zh-CN': '机构（场所）或小区、楼栋', en: 'a site, a compound or a building' },
};

/** What the accounts service tells a person, by code, in both languages. */
export const ACCOUNTS_TEXTS = defineTexts({
  node_outside_scope: { 'zh-CN': '该节点不在您的管辖范围内', en: 'this node is outside your jurisdiction' },
  role_above_own: { 'zh-CN': '不能授予高于自己的角色', en: 'you cannot give a role above your own' },
  /** The places come from ROLE_PLACES (`placeText`). */
  role_not_for_node: (placeZh: string, placeEn: string) => ({
    'zh-CN': `该角色只能授予在${placeZh}`,
    en: `this role can only be bound at ${placeEn}`,
  }),
  username_taken: (username: string) => ({ 'zh-CN': `用户名“${username}”已被使用`, en: `the username "${username}" is taken` }),
  usernames_taken_meanwhile: {
    'zh-CN': '创建期间有人使用了相同的用户名，请重试',
    en: 'someone took one of these usernames meanwhile; try again',
  },
  not_own_disable: { 'zh-CN': '不能停用自己的账号', en: 'you cannot disable your own account' },
  not_own_roles: { 'zh-CN': '不能修改自己的角色', en: 'you cannot change your own roles' },
  person_not_linkable: {
    'zh-CN': '只能关联本账号所在机构、您可查看的在册工作人员',
    en: 'link a staff member, visible to you, of a site where this account holds a role',
  },
  person_left: { 'zh-CN': '该人员已离开，不能关联', en: 'this person has left and cannot be linked' },
  person_not_staff_here: {
    'zh-CN': '该人员不是所选机构的工作人员',
    en: 'this person is not a staff member of the chosen site',
  },
  choose_site: { 'zh-CN': '请选择一个机构（场所）', en: 'choose a site' },
});

/** The text of a refusal of `mayGrant` (kept out of the catalogue: it is no catalogue). */
export const refusalText = (refusal: GrantRefusal, role: Role): Bilingual =>
  refusal === 'role_not_for_node' ? ACCOUNTS_TEXTS.role_not_for_node(ROLE_PLACES[role]['zh-CN'], ROLE_PLACES[role].en) : ACCOUNTS_TEXTS[refusal];
