import { eq } from 'drizzle-orm';
import type { Db } from '../db/engine.js';
import type { Executor } from '../db/tx.js';
import { covidCases, mourners, mourningEvents, people, users, visits } from '../db/schema.js';
import { sealedPage } from '../people/repository.js';
import { sealedUserPage } from '../auth/repository.js';
import { sealedVisitPage } from '../visits/repository.js';
import { sealedCasePage, sealedEventPage, sealedMournerPage } from '../funeral/register-repository.js';
import type { Keyring } from './keyring.js';

/**
 * Re-seals every personal value with the keyring's current key and recomputes the look-up hash:
 * the people's, the accounts' (a work phone, a second factor's secret), the visits' (a visitor's
 * phone and ID number), then the funeral tables' (a deceased's ID number and the family's phone,
 * the mourners' phones, a COVID-19 deceased's ID). A table left out here becomes unreadable once
 * the old key is pruned.
 * The hashes must follow the key, or tracing a mourner and matching a deceased to a case stop
 * finding anything.
 * Page by page, each page in its own transaction: a run that stops half-way is simply run again.
 */
export async function resealAll(db: Db, keyring: Keyring, pageSize = 500): Promise<{ rows: number; resealed: number; users: number; visits: number; funeral: number }> {
  const reseal = (v: string | null) => (v === null ? null : keyring.seal(keyring.open(v)));
  /** A value and its look-up hash, both under the current key. */
  const resealHashed = (v: string | null) => {
    const plain = v === null ? null : keyring.open(v);
    return plain === null ? { enc: null, hash: null } : { enc: keyring.seal(plain), hash: keyring.hash(plain) };
  };
  const stale = (values: (string | null)[]) => values.some((v) => v !== null && keyring.isStale(v));
  const peopleDone = await eachPage(db, sealedPage, pageSize, async (tx, r) => {
    if (!stale([r.idEnc, r.phoneEnc, r.emergencyPhoneEnc])) return false;
    const id = resealHashed(r.idEnc);
    await tx.update(people).set({
      idEnc: id.enc,
      idHash: id.hash,
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
  const visitsDone = await eachPage(db, sealedVisitPage, pageSize, async (tx, r) => {
    if (!stale([r.phoneEnc, r.idEnc])) return false;
    await tx.update(visits).set({ phoneEnc: reseal(r.phoneEnc), idEnc: reseal(r.idEnc) }).where(eq(visits.id, r.id));
    return true;
  });
  const eventsDone = await eachPage(db, sealedEventPage, pageSize, async (tx, r) => {
    if (!stale([r.deceasedIdEnc, r.familyPhoneEnc])) return false;
    const id = resealHashed(r.deceasedIdEnc);
    await tx.update(mourningEvents).set({ deceasedIdEnc: id.enc, deceasedIdHash: id.hash, familyPhoneEnc: keyring.seal(keyring.open(r.familyPhoneEnc)) })
      .where(eq(mourningEvents.id, r.id));
    return true;
  });
  const mournersDone = await eachPage(db, sealedMournerPage, pageSize, async (tx, r) => {
    if (!stale([r.phoneEnc])) return false;
    const phone = resealHashed(r.phoneEnc);
    await tx.update(mourners).set({ phoneEnc: phone.enc, phoneHash: phone.hash }).where(eq(mourners.id, r.id));
    return true;
  });
  const casesDone = await eachPage(db, sealedCasePage, pageSize, async (tx, r) => {
    if (!stale([r.deceasedIdEnc])) return false;
    const id = resealHashed(r.deceasedIdEnc);
    await tx.update(covidCases).set({ deceasedIdEnc: id.enc, deceasedIdHash: id.hash }).where(eq(covidCases.id, r.id));
    return true;
  });
  return {
    rows: peopleDone.rows, resealed: peopleDone.resealed, users: usersDone.resealed, visits: visitsDone.resealed,
    funeral: eventsDone.resealed + mournersDone.resealed + casesDone.resealed,
  };
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
