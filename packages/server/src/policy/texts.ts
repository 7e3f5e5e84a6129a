import { defineTexts } from '@fangkong/domain';

/** What the policy services tell a person, by code, in both languages. */
export const POLICY_TEXTS = defineTexts({
  version_raced: { 'zh-CN': '另一位管理员刚刚发布了新版本，请刷新后重试', en: 'another version was just issued; reload and try again' },
  node_not_site: { 'zh-CN': '该节点不是机构', en: 'this node is not a site' },
  none_in_force: (day: string) => ({ 'zh-CN': `${day} 尚无生效的防控政策`, en: `no policy is in force on ${day}` }),
});
