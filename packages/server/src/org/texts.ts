import { defineTexts } from '@fangkong/domain';

/** What the org services tell a person, by code, in both languages. */
export const ORG_TEXTS = defineTexts({
  kind_not_under: (kind: string, parentKind: string, parentSiteType: string | null) => ({
    'zh-CN': '不能在此节点下创建该类型的节点',
    en: `a ${kind} cannot be placed under a ${parentKind}${parentSiteType ? ` (${parentSiteType})` : ''}`,
  }),
  name_taken: (name: string) => ({ 'zh-CN': `同一上级下已有名为“${name}”的节点`, en: `a node named "${name}" already exists there` }),
});
