import { randomUUID } from 'node:crypto';
import type { SiteType } from '@fangkong/domain';
import type { Database } from '../../src/db/engine.js';
import { orgNodes } from '../../src/db/schema.js';

export interface TreeNode {
  id: string;
  path: string;
  depth: number;
  name: string;
}

/**
 * The jurisdiction fixture every scope test uses:
 *   bureau
 *   ├── town1: elder1 (elderly care), comm1 (community) → compound1 → building1
 *   └── town2: elder2 (elderly care)
 */
export async function buildTree(database: Database) {
  const db = database.db;
  async function add(parent: TreeNode | null, kind: string, name: string, siteType: SiteType | null = null): Promise<TreeNode> {
    const id = randomUUID();
    const node = { id, path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1, name };
    await db.insert(orgNodes).values({ ...node, parentId: parent?.id ?? null, kind, siteType });
    return node;
  }
  const bureau = await add(null, 'bureau', '测试市民政局');
  const town1 = await add(bureau, 'town', '一号镇');
  const town2 = await add(bureau, 'town', '二号镇');
  const elder1 = await add(town1, 'site', '一号镇敬老院', 'elderly_care');
  const comm1 = await add(town1, 'site', '一号镇社区', 'community');
  const compound1 = await add(comm1, 'compound', '幸福小区');
  const building1 = await add(compound1, 'building', '1号楼');
  const elder2 = await add(town2, 'site', '二号镇敬老院', 'elderly_care');
  return { bureau, town1, town2, elder1, comm1, compound1, building1, elder2 };
}
export type Tree = Awaited<ReturnType<typeof buildTree>>;
