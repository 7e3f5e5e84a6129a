import { eq } from 'drizzle-orm';
import type { Db } from '../db/engine.js';
import type { Executor } from '../db/tx.js';
import { people, users } from '../db/schema.js';
import { sealedPage } from '../people/repository.js';
import { sealedUserPage } from '../auth/repository.js';
import type { Keyring } from './keyring.js';

/**
 * Re-seals every personal value with the keyring's current key and recomputes the look-up hash:
 * the people's, then the accounts' (a work phone, a second factor's secret).
 * Page by page, each page in its own transaction: a run that stops half-way is simply run again.
 */
export async function resealAll(db: Db, keyring: Keyring, pageSize = 500): Promise<{ rows: number; resealed: number; users: number }> {
  const reseal = (v: string | null) => (v === null ? null : keyring.seal(keyring.open(v)));
  const stale = (values: (string | null)[]) => values.some((v) => v !== null && keyring.isStale(v));
  const peopleDone = await eachPage(db, sealedPage, pageSize, async (tx, r) => {
    if (!stale([r.idEnc, r.phoneEnc, r.emergencyPhoneEnc])) return false;
    const id = r.idEnc === null ? null : keyring.open(r.idEnc);
    await tx.update(people).set({
      idEnc: id === null ? null : keyring.seal(id),
      idHash: id === null ? null : keyring.hash(id),
      phoneEnc: reseal(r.phoneEnc),
      emergencyPhoneEnc: reseal(r.emergencyPhoneEnc),
    }).where(eq(people.id, r.id));
    return true;
  });
  const usersDone = await eachPage(db, sealedUserPage, pageSize, async (tx, r) => {
    if (!stale([r.phoneEnc, r.totpSecretEnc, r.totpPendingEnc])) return false;
    await tx.update(users).set({
      phoneEnc: reseal(r.phoneEnc), totpSecretEnc: reseal(r.totpSecretEnc), totpPendingEnc: reseal(r.totpPendingEnc),
    }).where(eq(users.id, r.id));
    return true;
  });
  return { rows: peopleDone.rows, resealed: peopleDone.resealed, users: usersDone.resealed };
}

/** Every row of a paged read, a page per transaction; `handle` answers whether it re-sealed the row. */
async function eachPage<R extends { id: string }>(
  db: Db, page: (db: Executor, after: string | null, size: number) => Promise<R[]>, pageSize: number,
  handle: (tx: Executor, row: R) => Promise<boolean>,
): Promise<{ rows: number; resealed: number }> {
  let after: string | null = null;
  let rows = 0;
  let resealed = 0;
  for (;;) {
    const rowsOfPage = await page(db, after, pageSize);
    if (rowsOfPage.length === 0) break;
    await db.transaction(async (tx) => {
      for (const r of rowsOfPage) {
        rows++;
        if (await handle(tx, r)) resealed++;
      }
    });
    after = rowsOfPage[rowsOfPage.length - 1]?.id ?? null;
  }
  return { rows, resealed };
}
