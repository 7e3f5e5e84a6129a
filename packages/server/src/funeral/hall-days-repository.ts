import { and, eq, sql, type SQL } from 'drizzle-orm';
import { funeralHalls, hallDisinfections } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { hallHeld } from './events-repository.js';

/** One hall on one local day: whether an event held it, and its disinfections of that day. */
export interface HallDayFacts {
  day: string;
  hallId: string;
  hallName: string;
  inUse: boolean;
  routine: number;
  finals: number;
}

/**
 * The disinfection register of a site: every local day from `from` to `to` × the site's halls
 * (within `scope`), newest day first, in one statement. In use is `hallHeld` over the local day up
 * to `now` (today's morning is not "in use" for an event that starts in the afternoon).
 */
export async function hallDays(
  db: Executor, scope: SQL, f: { siteId: string; from: string; to: string; timeZone: string; now: Date },
): Promise<HallDayFacts[]> {
  const now = sql`${f.now.toISOString()}::timestamptz`;
  const result = await db.execute<{ day: string; hall_id: string; hall_name: string; in_use: boolean; routine: number; finals: number }>(sql`
    select g.day::date::text as day, ${funeralHalls.id} as hall_id, ${funeralHalls.name} as hall_name,
      ${hallHeld(sql`${funeralHalls.id}`, sql`w.day_start`, sql`least(w.day_end, ${now})`)} as in_use,
      (select count(*)::int from ${hallDisinfections} d where d.hall_id = ${funeralHalls.id} and d.kind = 'routine'
        and d.at >= w.day_start and d.at < w.day_end) as routine,
      (select count(*)::int from ${hallDisinfections} d where d.hall_id = ${funeralHalls.id} and d.kind = 'final'
        and d.at >= w.day_start and d.at < w.day_end) as finals
    from generate_series(${f.from}::timestamp, ${f.to}::timestamp, interval '1 day') as g(day)
    cross join lateral (select (g.day::date)::timestamp at time zone ${f.timeZone} as day_start,
      (g.day::date + 1)::timestamp at time zone ${f.timeZone} as day_end) w
    cross join ${funeralHalls}
    where ${and(eq(funeralHalls.siteId, f.siteId), scope)}
    order by g.day desc, ${funeralHalls.name} asc`);
  return result.rows.map((r) => ({
    day: r.day, hallId: r.hall_id, hallName: r.hall_name, inUse: r.in_use, routine: Number(r.routine), finals: Number(r.finals),
  }));
}
