import { eq } from 'drizzle-orm';
import type { Db } from '../db/engine.js';
import { people } from '../db/schema.js';
import { sealedPage } from '../people/repository.js';
import type { Keyring } from './keyring.js';

/**
 * Re-seals every personal value with the keyring's current key and recomputes the look-up hash.
 * Page by page, each page in its own transaction: a run that stops half-way is simply run again.
 */
export async function resealAll(db: Db, keyring: Keyring, pageSize = 500): Promise<{ rows: number; resealed: number }> {
  let after: string | null = null;
  let rows = 0;
  let resealed = 0;
  for (;;) {
    const page = await sealedPage(db, after, pageSize);
    if (page.length === 0) break;
    await db.transaction(async (tx) => {
      for (const r of page) {
        rows++;
        const stale = [r.idEnc, r.phoneEnc, r.emergencyPhoneEnc].some((v) => v !== null && keyring.isStale(v));
        if (!stale) continue;
        const reseal = (v: string | null) => (v === null ? null : keyring.seal(keyring.open(v)));
        const id = r.idEnc === null ? null : keyring.open(r.idEnc);
        await tx.update(people).set({
          idEnc: id === null ? null : keyring.seal(id),
          idHash: id === null ? null : keyring.hash(id),
          phoneEnc: reseal(r.phoneEnc),
          emergencyPhoneEnc: reseal(r.emergencyPhoneEnc),
        }).where(eq(people.id, r.id));
        resealed++;
      }
    });
    after = page[page.length - 1]?.id ?? null;
  }
  return { rows, resealed };
}
