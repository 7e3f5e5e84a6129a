import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/tx.js';

/*
 * The set-based part of the generation: millions of readings and their per-day rollup, and the
 * staff's test records, written by INSERT … SELECT from generate_series over the people of a
 * temporary plan table, so that no row crosses the wire. Every value is derived from a hash of
 * the person's key (a hash of their id under the seed) and the day: the same seed gives the same
 * temperatures on PostgreSQL and on PGlite alike (hashint8extended is the same function in both).
 */

/** One person as the SQL fill needs them. */
export interface PlanRow {
  personId: string;
  siteId: string;
  orgPath: string;
  kind: string;
  /** Readings a day (the policy's readingsPerDay), 0 when the kind is not in the round. */
  slots: number;
  joinD: number;
  fromD: number;
  toD: number;
  /** The policy's fever bands in tenths: normal min, normal max, low-fever max, moderate max, high max. */
  bands: readonly [number, number, number, number, number];
  /** Days between routine tests; 0 for none. */
  testEvery: number;
  /** Tested before joining (the policy's intake test), for someone who joined during the period. */
  intakeTest: boolean;
  collectionPoint: string;
  lab: string;
}

/** What the fill statements share: the seed, the period and its days' local midnights. */
export interface FillContext {
  seed: number;
  days: number;
  start: string;
  /** Local midnight of each day of the period, ISO: the time zone's offsets are applied once, here in JS. */
  midnights: string[];
  /** When the generation started: nothing is measured or reported after it. */
  now: string;
}

/** Per-episode chance (in 100,000) that a fever starts on a given person-day; episodes last 1–3 days (mean 2), so about 0.3 % of readings are fevers. */
const FEVER_START = 150;
/** Person-days (in 100,000) missed on an ordinary day. */
const MISSED = 300;
/** Share (in 100,000) of today's round done when the generation runs. */
const TODAY_DONE = 65_000;
/** Routine samplings (in 100) missed and made up 3–10 days late: near today, a few staff are overdue. */
const TEST_LATE = 4;
/** Positive routine results (in 10,000), only more than 90 days back: a few, long ago. */
const POSITIVE = 2;

export async function createTempTables(tx: Executor): Promise<void> {
  // Temporary: they live in the generation's transaction and vanish with it.
  await tx.execute(sql`create temp table synthetic_plan (
    person_id uuid primary key, site_id uuid not null, org_path text not null, kind text not null,
    slots int not null, join_d int not null, from_d int not null, to_d int not null,
    normal_min smallint not null, normal_max smallint not null, low_max smallint not null, mod_max smallint not null, high_max smallint not null,
    test_every int not null, intake_test boolean not null, collection_point text not null, lab text not null, k bigint not null
  ) on commit drop`);
  await tx.execute(sql`create temp table synthetic_fevers (
    reading_id uuid not null, person_id uuid not null, site_id uuid not null, org_path text not null, d int not null,
    measured_at timestamptz not null, temp smallint not null, band text not null, symptoms text[] not null
  ) on commit drop`);
}

/** Replaces the plan with one unit's people. */
export async function loadPlan(tx: Executor, seed: number, rows: PlanRow[]): Promise<void> {
  await tx.execute(sql`truncate synthetic_plan, synthetic_fevers`);
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const col = <T>(f: (r: PlanRow) => T) => sql.param(chunk.map(f));
    await tx.execute(sql`
      insert into synthetic_plan
      select p, s, o, kd, sl, j, f, t, b1, b2, b3, b4, b5, te, it, cp, lb, hashtextextended(p::text, ${seed}::bigint)
      from unnest(
        ${col((r) => r.personId)}::uuid[], ${col((r) => r.siteId)}::uuid[], ${col((r) => r.orgPath)}::text[], ${col((r) => r.kind)}::text[],
        ${col((r) => r.slots)}::int[], ${col((r) => r.joinD)}::int[], ${col((r) => r.fromD)}::int[], ${col((r) => r.toD)}::int[],
        ${col((r) => r.bands[0])}::smallint[], ${col((r) => r.bands[1])}::smallint[], ${col((r) => r.bands[2])}::smallint[],
        ${col((r) => r.bands[3])}::smallint[], ${col((r) => r.bands[4])}::smallint[],
        ${col((r) => r.testEvery)}::int[], ${col((r) => r.intakeTest)}::boolean[], ${col((r) => r.collectionPoint)}::text[], ${col((r) => r.lab)}::text[]
      ) as x(p, s, o, kd, sl, j, f, t, b1, b2, b3, b4, b5, te, it, cp, lb)`);
  }
  await tx.execute(sql`analyze synthetic_plan`);
}

/**
 * A hash of a number under the person's key and one of the generation's salts: a bigint, uniform.
 * The key goes in as the hash's 64-bit seed, not XORed into the value: hashint8extended folds its
 * value to 32 bits, which would leave a person's key only 32 bits to tell people apart.
 */
function hash(key: SQL, n: SQL, seed: number, salt: number): SQL {
  return sql`hashint8extended((${n})::bigint, ${key} # ${seed * 64 + salt}::bigint)`;
}

/** A draw in [0, m) from a hash. */
function draw(h: SQL, m: number): SQL {
  return sql`abs((${h}) % ${m})::int`;
}

/**
 * A UUID whose first 48 bits are the milliseconds of `at` (the layout of version 7): rows written
 * day after day land at the right edge of the primary key index instead of all over it, which keeps
 * the index in memory while millions of rows go in. The rest is the person's 64-bit key and a
 * two-digit discriminator: unique for one person, instant and discriminator, and reproducible.
 */
function timeUuid(at: SQL, key: SQL, tail: SQL): SQL {
  return sql`(lpad(to_hex((extract(epoch from ${at}) * 1000)::bigint), 12, '0') || '7' || substr(lpad(to_hex(${key}), 16, '0'), 1, 3)
    || '8' || substr(lpad(to_hex(${key}), 16, '0'), 4, 13) || lpad(to_hex(${tail}), 2, '0'))::uuid`;
}

/**
 * Readings of days d0..d1 (offsets, inclusive) for everyone in the plan, with their rollup, in one
 * statement. A fever episode starts on a person-day with a small chance and lasts one to three
 * days; the day's readings are then 37.3–38.0, one episode in six 38.1–39.2. Otherwise 36.0–37.0
 * (the sum of two draws: most near 36.5), now and then 35.8–35.9.
 */
export async function fillReadings(tx: Executor, c: FillContext, d0: number, d1: number): Promise<{ readings: number; days: number }> {
  const last = c.days - 1;
  const k = sql`p.k`;
  const start = (back: number) => sql`(${draw(hash(k, sql`g.d - ${back}`, c.seed, 1), 100_000)} < ${FEVER_START})`;
  const lasts = (back: number, atLeast: number) => sql`(${draw(hash(k, sql`g.d - ${back}`, c.seed, 2), 3)} + 1 >= ${atLeast})`;
  const result = await tx.execute<{ readings: number; days: number }>(sql`
    with pd as (
      select p.person_id, p.site_id, p.org_path, p.k, p.slots, p.normal_min, p.normal_max, p.low_max, p.mod_max, p.high_max, g.d,
        ${draw(hash(k, sql`g.d`, c.seed, 0), 100_000)} as u,
        (${start(0)} or (${start(1)} and ${lasts(1, 2)}) or (${start(2)} and ${lasts(2, 3)})) as fever
      from synthetic_plan p
      cross join lateral generate_series(greatest(p.from_d, ${d0}::int), least(p.to_d - 1, ${d1}::int)) as g(d)
      where p.slots > 0
    ), pr as (
      select pd.*, s.slot, ${hash(sql`pd.k`, sql`pd.d * 8 + s.slot`, c.seed, 3)} as h
      from pd
      -- Today only the morning round, and only part of it: the generation runs during the day.
      cross join lateral generate_series(1, case when pd.d = ${last}::int then 1 else pd.slots end) as s(slot)
      where case when pd.d = ${last}::int then pd.u < ${TODAY_DONE} else pd.u >= ${MISSED} end
    ), t as (
      select person_id, site_id, org_path, k, d, slot, h, fever, normal_min, normal_max, low_max, mod_max, high_max,
        -- Mornings from 07:30, afternoons from 14:30, within two hours.
        least((${sql.param(c.midnights)}::timestamptz[])[d + 1] + make_interval(mins => (case when slot = 1 then 450 else 870 end) + ${draw(sql`h`, 120)}),
          ${c.now}::timestamptz) as measured_at,
        (case
          when fever and ${draw(sql`h >> 8`, 6)} = 0 then 381 + ${draw(sql`h >> 16`, 12)}
          when fever then 373 + ${draw(sql`h >> 16`, 8)}
          when ${draw(sql`h >> 24`, 1000)} < 4 then 358 + ${draw(sql`h >> 16`, 2)}
          else 360 + ${draw(sql`h >> 32`, 6)} + ${draw(sql`h >> 40`, 6)}
        end)::smallint as temp,
        case when not fever then '{}'::text[]
          else (case ${draw(sql`h >> 48`, 4)} when 1 then '{cough}' when 2 then '{fatigue}' when 3 then '{sore_throat}' else '{}' end)::text[] end as symptoms
      from pr
    ), b as (
      select t.*, case
          when temp < normal_min then 'below_normal' when temp <= normal_max then 'normal' when temp <= low_max then 'low_fever'
          when temp <= mod_max then 'moderate_fever' when temp <= high_max then 'high_fever' else 'hyperpyrexia'
        end as band
      from t
    ), r as materialized (
      select b.*, ${timeUuid(sql`measured_at`, sql`k`, sql`slot`)} as id, (band not in ('normal', 'below_normal') or cardinality(symptoms) > 0) as abnormal
      from b
    ), ins as (
      insert into readings (id, person_id, site_id, org_path, day, measured_at, temp_tenths, band, symptoms, abnormal)
      -- In the order generated (site by site, person by person, day by day): what the indexes like best, without a sort.
      select id, person_id, site_id, org_path, ${c.start}::date + d, measured_at, temp, band, symptoms, abnormal
      from r
    ), rollup as (
      insert into reading_days (person_id, day, site_id, checks, max_tenths, abnormal)
      select person_id, ${c.start}::date + d, site_id, count(*), max(temp), bool_or(abnormal)
      from r group by person_id, d, site_id order by person_id, d
    ), fevers as (
      insert into synthetic_fevers select id, person_id, site_id, org_path, d, measured_at, temp, band, symptoms from r where abnormal
    )
    select count(*)::int as readings, (count(*) filter (where slot = 1))::int as days from r`);
  const row = result.rows[0];
  return { readings: Number(row?.readings ?? 0), days: Number(row?.days ?? 0) };
}

/**
 * Test records of the plan's people: routine samplings every `test_every` days from a phase of
 * their own (a few made up late), and an intake test a few days before joining for those who joined
 * during the period. Results come 6–24 hours after sampling; what would come after now is pending.
 */
export async function fillTests(tx: Executor, c: FillContext): Promise<number> {
  const last = c.days - 1;
  const midnights = sql`(${sql.param(c.midnights)}::timestamptz[])`;
  const result = await tx.execute(sql`
    with due as (
      select p.person_id, p.site_id, p.org_path, p.collection_point, p.lab, p.to_d, p.test_every, p.k, g.d, ${hash(sql`p.k`, sql`g.d`, c.seed, 10)} as h
      from synthetic_plan p
      cross join lateral generate_series(${draw(sql`p.k`, 1_000_000)} % p.test_every, ${last}::int, p.test_every) as g(d)
      where p.test_every > 0 and g.d >= p.from_d
    ), s as (
      -- Made up late only where the interval leaves room before the next sampling.
      select person_id, site_id, org_path, collection_point, lab, d + case when test_every > 14 and ${draw(sql`h >> 8`, 100)} < ${TEST_LATE} then 3 + ${draw(sql`h >> 40`, 8)} else 0 end as d,
        true as routine, h, to_d, k
      from due
      union all
      select p.person_id, p.site_id, p.org_path, p.collection_point, p.lab, p.join_d - 1 - ${draw(sql`p.k`, 3)}, false,
        ${hash(sql`p.k`, sql`p.join_d`, c.seed, 11)}, p.to_d, p.k
      from synthetic_plan p
      where p.intake_test and p.join_d >= 3
    ), t as (
      -- Routine samplings in the morning, intake tests in the afternoon: never the same moment twice.
      select s.*, least(${midnights}[d + 1] + make_interval(mins => (case when routine then 510 else 840 end) + ${draw(sql`h`, 150)}), ${c.now}::timestamptz) as sampled_at
      from s
      where d <= ${last}::int and (not routine or d < to_d)
    ), r as (
      select t.*, sampled_at + make_interval(mins => 360 + ${draw(sql`h >> 16`, 1080)}) as reported_at from t
    )
    insert into test_records (id, person_id, site_id, org_path, sampled_at, sample_day, sample_type, collection_point, lab, result, result_at, source)
    select ${timeUuid(sql`sampled_at`, sql`k`, sql`case when routine then 1 else 2 end`)}, person_id, site_id, org_path, sampled_at, ${c.start}::date + d,
      case when ${draw(sql`h >> 24`, 10)} = 0 then 'nasal_swab' else 'throat_swab' end, collection_point, lab,
      case
        when reported_at > ${c.now}::timestamptz then 'pending'
        when routine and d < ${last - 90}::int and ${draw(sql`h >> 32`, 10_000)} < ${POSITIVE} then 'positive'
        else 'negative'
      end,
      case when reported_at > ${c.now}::timestamptz then null else reported_at end,
      'batch'
    from r`);
  return result.rowCount ?? 0;
}
