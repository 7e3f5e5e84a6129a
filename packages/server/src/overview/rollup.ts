import { groupBy } from '../collections.js';

/** What every overview row says of where it is: its town and its site type. */
export interface Placed<TypeName extends string = string> {
  townId: string | null;
  townName: string | null;
  siteType: TypeName;
}

/**
 * The town × site-type roll-up of an overview: the site rows summed per town (in the order of
 * the rows, a site without a town left out), per site type, and in all, by the area's `sum`.
 */
export function rollUp<R extends Placed<TypeName>, S, TypeName extends string = R['siteType']>(rows: readonly R[], sum: (rows: R[]) => S) {
  return {
    byTown: [...groupBy(rows, (r) => r.townId).entries()].map(([townId, rs]) => ({ ...sum(rs), townId, townName: rs[0]?.townName ?? '' })),
    bySiteType: [...groupBy<R, TypeName>(rows, (r) => r.siteType).entries()].map(([siteType, rs]) => ({ ...sum(rs), siteType })),
    total: sum([...rows]),
  };
}
