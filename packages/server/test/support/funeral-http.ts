import { expect } from 'vitest';
import { localInstant, type Hall, type MourningEvent } from '@fangkong/domain';
import type { TestEnv } from '../harness.js';
import type { TreeNode } from './tree.js';

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
