import { randomBytes } from 'node:crypto';
import { funeralHalls, mourningEvents } from '../../src/db/schema.js';
import type { TestEnv } from './app.js';
import { newSite } from './factories.js';
import type { TreeNode } from './tree.js';

/*
 * Halls and mourning events for the register's tests, written straight into their tables: the
 * booking routes belong to another part of the area. An event runs from an hour before the app's
 * clock to a day after it unless told otherwise.
 */

let seq = 0;

export type HallRow = typeof funeralHalls.$inferSelect;
export type EventRow = typeof mourningEvents.$inferSelect;

export async function insertHall(env: TestEnv, site: TreeNode, over: Partial<typeof funeralHalls.$inferInsert> = {}): Promise<HallRow> {
  const [row] = await env.app.services.database.db.insert(funeralHalls)
    .values({ siteId: site.id, orgPath: site.path, name: `守灵厅${++seq}`, capacity: 50, ...over }).returning();
  if (!row) throw new Error('hall not written');
  return row;
}

export async function insertEvent(
  env: TestEnv, site: TreeNode, hall: HallRow, over: Partial<typeof mourningEvents.$inferInsert> = {},
): Promise<EventRow> {
  const now = env.app.services.clock.now().getTime();
  const keyring = env.app.deps.keyring;
  const [row] = await env.app.services.database.db.insert(mourningEvents).values({
    siteId: site.id, orgPath: site.path, hallId: hall.id, deceasedName: `逝者${++seq}`,
    deceasedIdEnc: keyring.seal('350102193001011234'), deceasedIdLast4: '1234', deceasedIdHash: keyring.hash('350102193001011234'),
    dateOfDeath: '2026-01-01', cause: 'ordinary', familyContactName: '家属联系人',
    familyPhoneEnc: keyring.seal('13900001111'), familyPhoneLast4: '1111',
    startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 86_400_000), attendeeCap: 50,
    registerToken: randomBytes(18).toString('base64url'), ...over,
  }).returning();
  if (!row) throw new Error('event not written');
  return row;
}

/** A funeral site in `town` (made through the API by 'admin'), a hall of it and an event in the hall. */
export async function funeralEventIn(env: TestEnv, town: TreeNode, over: Partial<typeof mourningEvents.$inferInsert> = {}) {
  const site = await newSite(env, town, 'funeral');
  const hall = await insertHall(env, site);
  const event = await insertEvent(env, site, hall, over);
  return { site, hall, event };
}
