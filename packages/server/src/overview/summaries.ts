import type { Db } from '../db/engine.js';
import type { PolicyService } from '../policy/service.js';
import * as repo from './repository.js';
import type { SummaryPart } from './repository.js';

export type { SummaryPart } from './repository.js';

/** The shape of each part's stored body: raised when the code that writes it changes shape. */
const SUMMARY_FORMATS: Readonly<Record<SummaryPart, number>> = { coverage: 1, compliance: 1, supplies: 3 };

/**
 * Per-site summaries for the city overviews. The bureau looks at the whole city many times a
 * day, and the city changes at a few sites between two looks: each look reads the stored
 * summaries of the sites in the caller's jurisdiction and recomputes only those a write (a
 * trigger, in the writer's transaction), a new day or a new policy or catalogue made invalid.
 * Nothing is cached in the process, so every instance answers the same, at once.
 */
export class Summaries {
  constructor(private readonly db: Db, private readonly policy: PolicyService) {}

  /**
   * The body of `part` for each of `sites` (already limited to the caller's jurisdiction) on
   * `day`; `compute` makes the bodies of the sites given to it, from the data as it is now.
   */
  async get<T>(
    part: SummaryPart, sites: readonly { id: string; path: string }[], day: string,
    compute: (siteIds: string[]) => Promise<Map<string, T>>,
  ): Promise<Map<string, T>> {
    const stored = await repo.summariesOf(this.db, part, sites.map((s) => s.id), day);
    const out = new Map<string, T>();
    const invalid = new Set<string>();
    for (const s of stored) {
      // A body of another shape (written before the code changed) is recomputed like a stale one.
      const body = s.body as { format?: unknown; data?: T } | null;
      if (body?.format === SUMMARY_FORMATS[part]) out.set(s.siteId, body.data as T);
      else invalid.add(s.siteId);
    }
    if (invalid.size === 0) return out;
    const stale = sites.filter((s) => invalid.has(s.id));
    const { generations, epoch } = await repo.claimSummaries(this.db, part, stale);
    // What is computed now is stored: the policy is read from the database, not from a memory
    // that may hold a version another instance replaced within the last 30 s.
    this.policy.forget();
    const fresh = await compute(stale.map((s) => s.id));
    await repo.storeSummaries(this.db, part, day, epoch, [...fresh.entries()].map(([siteId, data]) => ({
      siteId, body: { format: SUMMARY_FORMATS[part], data }, generation: generations.get(siteId) ?? -1,
    })));
    for (const [siteId, body] of fresh) out.set(siteId, body);
    return out;
  }
}
