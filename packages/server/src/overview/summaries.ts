import type { Db } from '../db/engine.js';
import type { PolicyService } from '../policy/service.js';
import * as repo from './repository.js';

/**
 * One area's part of the per-site summaries, registered by the area (`deps.summaries.part`), so
 * that a new overview adds its part without editing this module. `format` is the shape of its
 * stored body: raised when the code that writes it changes shape. The name is what the database
 * triggers that mark a site changed write (migration 0016): a new part adds its triggers there.
 */
export class SummaryPart<T> {
  constructor(private readonly summaries: Summaries, readonly name: string, readonly format: number) {}

  /** The bodies of this part for `sites` on `day`: see `Summaries.get`. */
  get(sites: readonly { id: string; path: string }[], day: string, compute: (siteIds: string[]) => Promise<Map<string, T>>): Promise<Map<string, T>> {
    return this.summaries.get(this, sites, day, compute);
  }
}

/**
 * Per-site summaries for the city overviews. The bureau looks at the whole city many times a
 * day, and the city changes at a few sites between two looks: each look reads the stored
 * summaries of the sites in the caller's jurisdiction and recomputes only those a write (a
 * trigger, in the writer's transaction), a new day or a new policy or catalogue made invalid.
 * Nothing is cached in the process, so every instance answers the same, at once.
 */
export class Summaries {
  private readonly parts = new Map<string, SummaryPart<unknown>>();

  constructor(private readonly db: Db, private readonly policy: PolicyService) {}

  /**
   * The handle of part `name`, made on first use; asked again (another service of the same
   * deps) it is the same handle, and a different format for one name is a programming error.
   */
  part<T>(name: string, format: number): SummaryPart<T> {
    const known = this.parts.get(name);
    if (known && known.format !== format) throw new Error(`summary part ${name} registered with formats ${known.format} and ${format}`);
    const handle = known ?? new SummaryPart<unknown>(this, name, format);
    this.parts.set(name, handle);
    return handle as SummaryPart<T>;
  }

  /**
   * The body of `part` for each of `sites` (already limited to the caller's jurisdiction) on
   * `day`; `compute` makes the bodies of the sites given to it, from the data as it is now.
   */
  async get<T>(
    part: SummaryPart<T>, sites: readonly { id: string; path: string }[], day: string,
    compute: (siteIds: string[]) => Promise<Map<string, T>>,
  ): Promise<Map<string, T>> {
    const stored = await repo.summariesOf(this.db, part.name, sites.map((s) => s.id), day);
    const out = new Map<string, T>();
    const invalid = new Set<string>();
    for (const s of stored) {
      // A body of another shape (written before the code changed) is recomputed like a stale one.
      const body = s.body as { format?: unknown; data?: T } | null;
      if (body?.format === part.format) out.set(s.siteId, body.data as T);
      else invalid.add(s.siteId);
    }
    if (invalid.size === 0) return out;
    const stale = sites.filter((s) => invalid.has(s.id));
    const { generations, epoch } = await repo.claimSummaries(this.db, part.name, stale);
    // What is computed now is stored: the policy is read from the database, not from a memory
    // that may hold a version another instance replaced within the last 30 s.
    this.policy.forget();
    const fresh = await compute(stale.map((s) => s.id));
    await repo.storeSummaries(this.db, part.name, day, epoch, [...fresh.entries()].map(([siteId, data]) => ({
      siteId, body: { format: part.format, data }, generation: generations.get(siteId) ?? -1,
    })));
    for (const [siteId, body] of fresh) out.set(siteId, body);
    return out;
  }
}
