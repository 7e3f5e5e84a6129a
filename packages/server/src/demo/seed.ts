import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Role, SiteType } from '@fangkong/domain';
import type { Db } from '../db/engine.js';
import type { Executor } from '../db/tx.js';
import { orgNodes } from '../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { insertRole, insertUser } from '../auth/repository.js';

export const DEMO_PASSWORD = 'Fangkong#2020';

const TOWNS = ['城关街道', '东湖镇', '西山镇', '南岭镇', '北港街道', '青溪镇'];

const SITES: { type: SiteType; suffix: string }[] = [
  { type: 'elderly_care', suffix: '敬老院' },
  { type: 'child_welfare', suffix: '儿童关爱中心' },
  { type: 'funeral', suffix: '殡仪服务站' },
  { type: 'rescue_station', suffix: '救助管理站' },
  { type: 'community', suffix: '社区' },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  node: string;
}

// One transaction gives every row the same now(); distinct times keep the towns in the order listed.
let clock = Date.now();

async function node(db: Executor, parent: { id: string; path: string; depth: number } | null, kind: string, name: string, siteType: SiteType | null = null) {
  const id = randomUUID();
  const createdAt = new Date(clock++);
  const row = { id, parentId: parent?.id ?? null, kind, siteType, name, path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1, createdAt };
  await db.insert(orgNodes).values(row);
  return row;
}

/** Whether the database holds no jurisdiction yet (a fresh install). */
export async function isEmpty(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(orgNodes);
  return (row?.n ?? 0) === 0;
}

/**
 * A demo city: a bureau, six towns, a site of every type in each, a grid under each community,
 * and one account per role named in the README. Only ever run on request (`--demo`).
 */
export async function seedDemo(database: Db): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return database.transaction(async (db) => {
    const bureau = await node(db, null, 'bureau', '示范市民政局');
    const firsts = new Map<string, { id: string; name: string }>();
    let firstTown: { id: string; name: string } | undefined;
    for (const townName of TOWNS) {
      const town = await node(db, bureau, 'town', townName);
      firstTown ??= town;
      for (const s of SITES) {
        const site = await node(db, town, 'site', `${townName.replace(/(街道|镇)$/, '')}${s.suffix}`, s.type);
        if (!firsts.has(s.type)) firsts.set(s.type, site);
        if (s.type === 'community') {
          for (const c of ['幸福小区', '和平里']) {
            const compound = await node(db, site, 'compound', c);
            for (const b of ['1号楼', '2号楼']) await node(db, compound, 'building', b);
          }
        }
      }
    }
    const pick = (t: SiteType) => {
      const n = firsts.get(t);
      if (!n) throw new Error(`no ${t} site`);
      return n;
    };
    if (!firstTown) throw new Error('no town');
    const accounts: (DemoAccount & { nodeId: string })[] = [
      { username: 'admin', displayName: '市局管理员', role: 'bureau_admin', node: bureau.name, nodeId: bureau.id },
      { username: 'town-officer', displayName: `${firstTown.name}社会事务办`, role: 'town_officer', node: firstTown.name, nodeId: firstTown.id },
      { username: 'eldercare-manager', displayName: '敬老院院长', role: 'site_manager', node: pick('elderly_care').name, nodeId: pick('elderly_care').id },
      { username: 'eldercare-staff', displayName: '敬老院值班护理员', role: 'site_staff', node: pick('elderly_care').name, nodeId: pick('elderly_care').id },
      { username: 'funeral-manager', displayName: '殡仪服务站负责人', role: 'site_manager', node: pick('funeral').name, nodeId: pick('funeral').id },
      { username: 'rescue-manager', displayName: '救助管理站站长', role: 'site_manager', node: pick('rescue_station').name, nodeId: pick('rescue_station').id },
      { username: 'community-worker', displayName: '社区网格员', role: 'grid_worker', node: pick('community').name, nodeId: pick('community').id },
    ];
    for (const a of accounts) {
      const user = await insertUser(db, { username: a.username, displayName: a.displayName, passwordHash });
      await insertRole(db, user.id, a.role, a.nodeId);
    }
    return accounts.map(({ nodeId: _n, ...a }) => a);
  });
}
