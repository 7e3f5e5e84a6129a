import type { OrgNode } from '@fangkong/domain';

export interface TreeItem {
  node: OrgNode;
  children: TreeItem[];
}

/** Builds the forest from a flat list: roots are nodes whose parent is not in the list. */
export function buildForest(nodes: readonly OrgNode[]): TreeItem[] {
  const items = new Map<string, TreeItem>();
  for (const node of nodes) items.set(node.id, { node, children: [] });
  const roots: TreeItem[] = [];
  for (const node of nodes) {
    const item = items.get(node.id);
    if (!item) continue;
    const parent = node.parentId === null ? undefined : items.get(node.parentId);
    if (parent) parent.children.push(item);
    else roots.push(item);
  }
  return roots;
}

/**
 * Keeps the items whose name contains the query (case-insensitive) together with their
 * ancestors, and returns the keys to expand so that every match is visible.
 */
export function filterForest(forest: readonly TreeItem[], query: string): { forest: TreeItem[]; expand: string[] } {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return { forest: [...forest], expand: [] };
  const expand: string[] = [];
  const visit = (item: TreeItem): TreeItem | null => {
    const children = item.children.map(visit).filter((c): c is TreeItem => c !== null);
    const matches = item.node.name.toLocaleLowerCase().includes(q);
    if (!matches && children.length === 0) return null;
    if (children.length > 0) expand.push(item.node.id);
    return { node: item.node, children };
  };
  return { forest: forest.map(visit).filter((c): c is TreeItem => c !== null), expand };
}
