import { expect } from 'vitest';
import { localInstant, type Hall, type MourningEvent, type Role } from '@fangkong/domain';
import { startTestApp, type TestEnv } from './app.js';
import { buildTree, type Tree, type TreeNode } from './tree.js';
import { createUser } from './users.js';
import { newSite } from './factories.js';

/*
 * What the funeral area's HTTP tests share: the app's clock set to a local wall-clock time, a
 * hall, and an ordinary booking, each made as the bureau's administrator unless said.
 */
export function funeralHttp(envOf: () => TestEnv, zone: string) {
  const clock = () => envOf().app.services.clock;
  let halls = 0;
  return {
    clock,
    /** Moves the app's clock to `time` (HH:MM) of `day`, local. */
    setClock: (day: string, time: string) => clock().advance(localInstant(day, time, zone).getTime() - clock().now().getTime()),
    newHall: async (site: TreeNode, opts: { name?: string; by?: string } = {}): Promise<Hall> => {
      const res = await envOf().as(opts.by ?? 'admin').post('/api/funeral/halls', { siteId: site.id, name: opts.name ?? `告别厅${++halls}`, capacity: 30 });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ hall: Hall }>().hall;
    },
    book: async (site: TreeNode, hall: Hall, startsAt: string, endsAt: string): Promise<MourningEvent> => {
      const res = await envOf().as('admin').post('/api/funeral/events', {
        siteId: site.id, hallId: hall.id, deceasedName: '陈某', dateOfDeath: clock().today(), cause: 'ordinary',
        familyContactName: '陈家属', familyPhone: '13800138000', startsAt, endsAt });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ event: MourningEvent }>().event;
    },
  };
}

/**
 * An app on a fresh database with the jurisdiction fixture, the bureau's administrator signed in,
 * a funeral site in each of the two towns, and the users given (signed in too).
 */
export async function startFuneralApp(zone: string, users: [string, Role, (t: { tree: Tree; funeral1: TreeNode; funeral2: TreeNode }) => TreeNode][]) {
  const env = await startTestApp({ TIME_ZONE: zone });
  const tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await env.signIn('admin');
  const funeral1 = await newSite(env, tree.town1, 'funeral', { name: '一号镇殡仪馆' });
  const funeral2 = await newSite(env, tree.town2, 'funeral', { name: '二号镇殡仪馆' });
  for (const [name, role, node] of users) await createUser(env.database, name, [[role, node({ tree, funeral1, funeral2 })]]);
  await env.signIn(...users.map(([name]) => name));
  return { env, tree, funeral1, funeral2 };
}
