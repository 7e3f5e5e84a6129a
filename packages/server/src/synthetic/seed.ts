import { asc, eq, sql } from 'drizzle-orm';
import {
  DEFAULT_POLICIES, DEFAULT_TIME_ZONE, SITE_TYPES, localDay, localInstant, policyInForce,
  type PolicyBody, type Role, type SiteType,
} from '@fangkong/domain';
import type { Database } from '../db/engine.js';
import type { Executor } from '../db/tx.js';
import { orgNodes, people, policies, supplyItems } from '../db/schema.js';
import type { Keyring } from '../pii/keyring.js';
import { personColumns } from '../people/service.js';
import { insertMoves } from '../people/repository.js';
import { hashPassword } from '../auth/passwords.js';
import { findUserByUsername, insertRole, insertUser } from '../auth/repository.js';
import { DEMO_PASSWORD, isEmpty } from '../demo/seed.js';
import { seedFeverAlerts, seedRooms, seedSupplies, seedTestAlerts, seedVisits, type AlertPolicy, type RunContext, type SupplyItem } from './activity.js';
import { createTempTables, fillReadings, fillTests, loadPlan, type FillContext, type PlanRow } from './fill.js';
import { IdentityRegistry } from './identity.js';
import { addDays, generateSitePeople, type Period, type PlannedPerson } from './people.js';
import { PROVINCE_CITIES, SCALES, planUnit, rootName, unitCount, type Scale, type SitePlan, type TownPlan, type UnitPlan } from './plan.js';
import { pick, stream, syntheticUuid } from './random.js';

export type { Scale } from './plan.js';

export interface SyntheticOptions {
  scale: Scale;
  seed: number;
  /** Days of history ending today (default: 30 at small scale, 365 otherwise). */
  days?: number;
  /** Province only: how many of its 20 cities to generate (default 20). */
  cities?: number;
  /** The deployment's time zone, for the calendar days and the hours of readings (default Asia/Shanghai). */
  timeZone?: string;
}

export interface SyntheticSummary {
  towns: number;
  sites: number;
  people: number;
  rooms: number;
  readings: number;
  readingDays: number;
  alerts: number;
  visits: number;
  tests: number;
  ledgerEntries: number;
  seconds: number;
}

export interface SyntheticAccount {
  username: string;
  displayName: string;
  role: Role;
  node: string;
}

export type SyntheticProgress = (stage: string, done: number, total: number) => void;

/** Readings written per statement, about: enough to be fast, few enough that progress moves and no statement runs for minutes. */
const READINGS_PER_STATEMENT = 300_000;
const PEOPLE_PER_INSERT = 1000;

function validate(o: SyntheticOptions): void {
  if (!SCALES.includes(o.scale)) throw new Error(`unknown scale "${String(o.scale)}": small, city or province`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 2 ** 31 - 1) throw new Error('the seed must be a whole number from 0 to 2147483647');
  if (o.days !== undefined && (!Number.isInteger(o.days) || o.days < 1 || o.days > 3650)) throw new Error('days must be a whole number from 1 to 3650');
  if (o.cities !== undefined) {
    if (o.scale !== 'province') throw new Error('--cities applies to the province scale only');
    if (!Number.isInteger(o.cities) || o.cities < 1 || o.cities > PROVINCE_CITIES) throw new Error(`cities must be a whole number from 1 to ${PROVINCE_CITIES}`);
  }
}

/** The policy in force today for each site type, as stored (the defaults when none is). */
async function policiesInForce(tx: Executor, today: string): Promise<Record<SiteType, PolicyBody>> {
  const rows = await tx.select({ siteType: policies.siteType, version: policies.version, effectiveFrom: policies.effectiveFrom, body: policies.body }).from(policies);
  const out = { ...DEFAULT_POLICIES };
  for (const t of SITE_TYPES) {
    const v = policyInForce(rows.filter((r) => r.siteType === t), today);
    if (v) out[t] = v.body;
  }
  return out;
}

interface Run {
  tx: Executor;
  keyring: Keyring;
  o: SyntheticOptions;
  period: Period;
  ctx: Omit<RunContext, 'unit'>;
  fill: FillContext;
  policies: Record<SiteType, PolicyBody>;
  items: SupplyItem[];
  registry: IdentityRegistry;
  root: { id: string; path: string };
  summary: Omit<SyntheticSummary, 'seconds'>;
  progress: SyntheticProgress;
  /** created_at of the next node: distinct times keep towns and sites in the order generated (listings sort by it). */
  clock: number;
}

/**
 * Skips foreign-key checks for the rest of the transaction where the role may (a superuser, as on
 * the embedded engine; pg_restore --disable-triggers does the same). Only around the readings
 * fill, whose person and site ids come from the plan of people inserted just before: there the
 * per-row checks are nearly half of the time. Elsewhere the constraints check the generator.
 */
async function skipForeignKeyChecks(tx: Executor): Promise<boolean> {
  try {
    // In a savepoint, so that a refusal leaves the transaction usable.
    await tx.transaction(async (sp) => {
      await sp.execute(sql`set local session_replication_role = replica`);
    });
    return true;
  } catch {
    return false;
  }
}

const tenths = (celsius: number) => Math.round(celsius * 10);

const LABS = (city: string) => [`${city}疾病预防控制中心`, `${city}第一医院检验科`, `${city}中医院检验科`, '华康医学检验实验室'];

/**
 * Generates a whole synthetic jurisdiction into an empty database: the tree, people with sealed ID
 * numbers and phones, rooms, a period of readings with their rollup and alerts, test records,
 * visits, stock, and two accounts to sign in with. Deterministic from `seed`: the same tree and
 * people (ids, names, ID numbers, phones), temperatures, counts; only the dates move (the period
 * ends today) and sealed values differ (each seal has a random IV). One transaction: an interrupted
 * run leaves the database empty.
 */
export async function seedSynthetic(
  database: Database, keyring: Keyring, o: SyntheticOptions, progress: SyntheticProgress = () => undefined,
): Promise<SyntheticSummary & { adminUsername: string; accounts: SyntheticAccount[] }> {
  const t0 = performance.now();
  validate(o);
  const refuse = () => new Error('The database already holds jurisdictions (org nodes): the synthetic city is generated only into an empty database.');
  if (!(await isEmpty(database.db))) throw refuse();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const timeZone = o.timeZone ?? DEFAULT_TIME_ZONE;
  const nowDate = new Date();
  const today = localDay(nowDate, timeZone);
  const days = o.days ?? (o.scale === 'small' ? 30 : 365);
  const start = addDays(today, -(days - 1));
  const midnights = Array.from({ length: days }, (_, d) => localInstant(addDays(start, d), '00:00', timeZone).getTime());
  const summary: Omit<SyntheticSummary, 'seconds'> = {
    towns: 0, sites: 0, people: 0, rooms: 0, readings: 0, readingDays: 0, alerts: 0, visits: 0, tests: 0, ledgerEntries: 0,
  };
  const accounts = await database.db.transaction(async (tx) => {
    if (!(await isEmpty(tx))) throw refuse();
    const run: Run = {
      tx, keyring, o, progress, summary, clock: nowDate.getTime() - 86_400_000,
      period: { days, start, today },
      ctx: { seed: o.seed, days, start, midnights, now: nowDate.getTime() },
      fill: { seed: o.seed, days, start, midnights: midnights.map((m) => new Date(m).toISOString()), now: nowDate.toISOString() },
      policies: await policiesInForce(tx, today),
      items: await tx.select({ id: supplyItems.id, name: supplyItems.name, category: supplyItems.category, packSize: supplyItems.packSize, perHeadDaily: supplyItems.perHeadDaily })
        .from(supplyItems).where(eq(supplyItems.active, true)).orderBy(asc(supplyItems.name)),
      registry: new IdentityRegistry(),
      root: { id: syntheticUuid(o.seed, 'node/root'), path: '' },
    };
    // Compiling the fill's long expressions (JIT) costs seconds per statement and saves less than
    // that; sorting and grouping a few hundred thousand rows at a time fits in memory.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '128MB'`);
    await createTempTables(tx);
    run.root.path = `/${run.root.id}/`;
    const rootLabel = rootName(o.scale);
    await tx.insert(orgNodes).values({ id: run.root.id, kind: 'bureau', name: rootLabel, path: run.root.path, depth: 0, createdAt: new Date(run.clock++) });
    let firstTown: TownPlan | undefined;
    const units = unitCount(o.scale, o.cities);
    for (let u = 0; u < units; u++) {
      const plan = planUnit(o.seed, o.scale, u);
      firstTown ??= plan.towns[0];
      await seedUnit(run, plan, units > 1 ? `${plan.name} ` : '');
    }
    if (!firstTown) throw new Error('no town was generated');
    progress('accounts', 0, 2);
    const list: (SyntheticAccount & { nodeId: string })[] = [
      { username: 'admin', displayName: `${rootLabel}管理员`, role: 'bureau_admin', node: rootLabel, nodeId: run.root.id },
      { username: 'town-officer', displayName: `${firstTown.name}社会事务办`, role: 'town_officer', node: firstTown.name, nodeId: firstTown.id },
    ];
    for (const a of list) {
      if (await findUserByUsername(tx, a.username)) throw new Error(`a user "${a.username}" already exists; the synthetic city needs a database without accounts of that name`);
      const user = await insertUser(tx, { username: a.username, displayName: a.displayName, passwordHash });
      await insertRole(tx, user.id, a.role, a.nodeId);
    }
    progress('accounts', 2, 2);
    return list.map(({ nodeId: _n, ...a }) => a);
  });
  // Fresh statistics, so that the first requests after a bulk load are planned for millions of rows, not for none.
  progress('analyze', 0, 1);
  await database.db.execute(sql`analyze`);
  progress('analyze', 1, 1);
  return { ...summary, seconds: Math.round((performance.now() - t0) / 100) / 10, adminUsername: 'admin', accounts };
}

/** One city's worth: its towns, sites and communities, people, rooms, readings, alerts, tests, visits and stock. */
async function seedUnit(run: Run, plan: UnitPlan, label: string): Promise<void> {
  const { tx, o, progress, summary } = run;
  const ctx: RunContext = { ...run.ctx, unit: plan.index };
  const pathOf = new Map<string, string>();

  // The tree
  const nodes: (typeof orgNodes.$inferInsert)[] = [];
  for (const town of plan.towns) {
    const townPath = `${run.root.path}${town.id}/`;
    nodes.push({ id: town.id, parentId: run.root.id, kind: 'town', name: town.name, code: town.code, path: townPath, depth: 1, createdAt: new Date(run.clock++) });
    for (const s of town.sites) {
      pathOf.set(s.id, `${townPath}${s.id}/`);
      nodes.push({
        id: s.id, parentId: town.id, kind: 'site', siteType: s.type, name: s.name, code: s.code, address: s.address, capacity: s.capacity,
        path: `${townPath}${s.id}/`, depth: 2, createdAt: new Date(run.clock++),
      });
    }
    for (const c of town.communities) {
      nodes.push({ id: c.id, parentId: town.id, kind: 'site', siteType: 'community', name: c.name, code: c.code, path: `${townPath}${c.id}/`, depth: 2, createdAt: new Date(run.clock++) });
    }
  }
  for (let i = 0; i < nodes.length; i += 500) {
    await tx.insert(orgNodes).values(nodes.slice(i, i + 500));
    progress(`${label}jurisdiction`, Math.min(nodes.length, i + 500), nodes.length);
  }
  summary.towns += plan.towns.length;
  summary.sites += nodes.length - plan.towns.length;

  // People: drawn in JS (names, ID numbers, phones), sealed exactly as the people service seals them.
  const sites: { site: SitePlan; town: TownPlan; path: string; people: PlannedPerson[] }[] = [];
  for (const town of plan.towns) {
    for (const site of town.sites) {
      sites.push({ site, town, path: pathOf.get(site.id) ?? '', people: generateSitePeople(o.seed, plan.index, site, town, run.period, run.registry) });
    }
  }
  const total = sites.reduce((n, s) => n + s.people.length, 0);
  const planRows: PlanRow[] = [];
  const labs = LABS(plan.name);
  let pending: (typeof people.$inferInsert)[] = [];
  let moves: Parameters<typeof insertMoves>[1] = [];
  let done = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await tx.insert(people).values(pending);
    await insertMoves(tx, moves);
    done += pending.length;
    pending = [];
    moves = [];
    progress(`${label}people`, done, total);
  };
  for (const { site, town, path, people: list } of sites) {
    const policy = run.policies[site.type];
    const rng = stream(o.seed, `site-testing/${plan.index}/${site.code}`);
    // Some homes sample on their own premises, others send staff to the town's health centre.
    const collectionPoint = rng() < 0.6 ? `${site.name}院内采样点` : `${town.name}卫生院采样点`;
    const lab = pick(rng, labs);
    const bands = policy.monitoring.feverBands;
    for (const p of list) {
      const cols = personColumns(run.keyring, {
        name: p.name, kind: p.kind, idNumber: p.idNumber, phone: p.phone, post: p.post, room: p.room, bed: p.bed, status: p.status,
        joinedOn: p.joinedOn, leftOn: p.leftOn, emergencyContactName: p.emergencyContactName, emergencyContactPhone: p.emergencyContactPhone,
      }, run.period.today);
      pending.push({ ...cols, id: p.id, name: p.name, nameInitials: cols.nameInitials ?? '', kind: p.kind, siteId: site.id, orgPath: path, statusSince: p.statusSince });
      moves.push({ personId: p.id, fromSiteId: null, toSiteId: site.id, at: new Date(`${p.joinedOn}T02:00:00Z`), reason: p.kind === 'staff' ? '入职' : '入住' });
      const interval = p.kind === 'staff' ? policy.testing.staffIntervalDays : policy.testing.residentIntervalDays;
      planRows.push({
        personId: p.id, siteId: site.id, orgPath: path, kind: p.kind,
        slots: (policy.monitoring.expectedKinds as string[]).includes(p.kind) ? policy.monitoring.readingsPerDay : 0,
        joinD: p.joinD, fromD: p.fromD, toD: p.toD,
        bands: [tenths(bands.normalMin), tenths(bands.normalMax), tenths(bands.lowFeverMax), tenths(bands.moderateMax), tenths(bands.highMax)],
        testEvery: interval ?? 0, intakeTest: policy.testing.intakeTestRequired && p.kind !== 'staff' && p.joinD >= 3, collectionPoint, lab,
      });
      if (pending.length >= PEOPLE_PER_INSERT) await flush();
    }
  }
  await flush();
  summary.people += total;

  // Rooms
  for (const [i, { site, path }] of sites.entries()) {
    summary.rooms += await seedRooms(tx, ctx, site, path);
    progress(`${label}rooms`, i + 1, sites.length);
  }

  // Readings and their rollup, a few days per statement.
  await loadPlan(tx, o.seed, planRows);
  const perDay = Math.max(1, planRows.reduce((n, p) => n + p.slots, 0));
  const chunk = Math.max(1, Math.min(run.period.days, Math.floor(READINGS_PER_STATEMENT / perDay)));
  progress(`${label}readings`, 0, run.period.days);
  const unchecked = await skipForeignKeyChecks(tx);
  for (let d0 = 0; d0 < run.period.days; d0 += chunk) {
    const d1 = Math.min(run.period.days - 1, d0 + chunk - 1);
    const r = await fillReadings(tx, run.fill, d0, d1);
    summary.readings += r.readings;
    summary.readingDays += r.days;
    progress(`${label}readings`, d1 + 1, run.period.days);
  }
  if (unchecked) await tx.execute(sql`set local session_replication_role = origin`);
  const steps = new Map<string, AlertPolicy>(sites.map(({ site }) => [site.id, { steps: run.policies[site.type].monitoring.earlySteps, escalation: run.policies[site.type].escalation }]));
  progress(`${label}alerts`, 0, 1);
  summary.alerts += await seedFeverAlerts(tx, ctx, steps);
  progress(`${label}alerts`, 1, 1);

  // Tests, and the alerts their rare positives opened.
  progress(`${label}tests`, 0, 1);
  summary.tests += await fillTests(tx, run.fill);
  summary.alerts += await seedTestAlerts(tx, ctx, sites.map((s) => s.site.id), steps);
  progress(`${label}tests`, 1, 1);

  for (const [i, { site, town, path, people: list }] of sites.entries()) {
    summary.visits += await seedVisits(tx, ctx, run.keyring, run.registry, site, path, town.region, list, run.policies[site.type]);
    progress(`${label}visits`, i + 1, sites.length);
  }
  for (const [i, { site, path, people: list }] of sites.entries()) {
    const present = list.filter((p) => p.status === 'present');
    summary.ledgerEntries += await seedSupplies(tx, ctx, site, path, { people: present.length, staff: present.filter((p) => p.kind === 'staff').length }, run.items, run.policies[site.type]);
    progress(`${label}supplies`, i + 1, sites.length);
  }
}
