import { eq } from 'drizzle-orm';
import type { Db } from '../db/engine.js';
import type { Executor } from '../db/tx.js';
import { people, users } from '../db/schema.js';
import { sealedPage } from '../people/repository.js';
import { sealedAccountsPage } from '../accounts/repository.js';
import type { Keyring } from './keyring.js';

interface Tally { rows: number; resealed: number }

/**
 * Every row `pageOf` gives, page by page, each page in its own transaction: a run that stops
 * half-way is simply run again. `reseal` answers whether it had to change the row.
 */
async function inPages<R extends { id: string }>(
  db: Db, pageOf: (after: string | null) => Promise<R[]>, reseal: (tx: Executor, row: R) => Promise<boolean>, tally: Tally,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const page = await pageOf(after);
    if (page.length === 0) return;
    await db.transaction(async (tx) => {
      for (const r of page) {
        tally.rows++;
        if (await reseal(tx, r)) tally.resealed++;
      }
    });
    after = page[page.length - 1]?.id ?? null;
  }
}

/** Re-seals every personal value with the keyring's current key and recomputes the look-up hash. */
export async function resealAll(db: Db, keyring: Keyring, pageSize = 500): Promise<Tally> {
  const tally = { rows: 0, resealed: 0 };
  const stale = (v: string | null) => v !== null && keyring.isStale(v);
  const reseal = (v: string | null) => (v === null ? null : keyring.seal(keyring.open(v)));
  await inPages(db, (after) => sealedPage(db, after, pageSize), async (tx, r) => {
    if (![r.idEnc, r.phoneEnc, r.emergencyPhoneEnc].some(stale)) return false;
    const id = r.idEnc === null ? null : keyring.open(r.idEnc);
    await tx.update(people).set({
      idEnc: id === null ? null : keyring.seal(id),
      idHash: id === null ? null : keyring.hash(id),
      phoneEnc: reseal(r.phoneEnc),
      emergencyPhoneEnc: reseal(r.emergencyPhoneEnc),
    }).where(eq(people.id, r.id));
    return true;
  }, tally);
  // Staff accounts' work phones (issue 17).
  await inPages(db, (after) => sealedAccountsPage(db, after, pageSize), async (tx, r) => {
    if (!stale(r.phoneEnc)) return false;
    await tx.update(users).set({ phoneEnc: reseal(r.phoneEnc) }).where(eq(users.id, r.id));
    return true;
  }, tally);
  return tally;
}
