import { sql } from 'drizzle-orm';
import { DEFAULT_POLICIES, REPORT_STEP, alertReportPlan, freshSteps, type AlertStepState, type EarlyStep, type PolicyBody, type RefusalReason } from '@fangkong/domain';
import type { Executor } from '../db/tx.js';
import { alertReports, alerts, rooms, supplyBatches, supplyLedger, supplyPeaks, visits } from '../db/schema.js';
import type { Keyring } from '../pii/keyring.js';
import { birthDate, birthRegion, chineseName, type IdentityRegistry, type Sex } from './identity.js';
import type { CareType, SitePlan } from './plan.js';
import { addDays, type PlannedPerson } from './people.js';
import { chance, int, pick, stream, syntheticUuid, type Rng } from './random.js';

/*
 * The row-by-row part of the generation, small enough to build in JS: rooms, alerts for the
 * fevers the SQL fill wrote, visits at the gate, and stock with its ledger.
 */

/** What every part needs to know about the run. */
export interface RunContext {
  seed: number;
  unit: number;
  days: number;
  start: string;
  /** Local midnight of each day of the period (ms). */
  midnights: number[];
  now: number;
}

const MINUTE = 60_000;

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** The instant `minutes` after local midnight of day offset d. */
function at(ctx: RunContext, d: number, minutes: number): Date {
  return new Date((ctx.midnights[d] ?? ctx.midnights[0] ?? 0) + minutes * MINUTE);
}

// Rooms

/** Observation rooms and single isolation rooms, sized to the site (R5.1). */
export async function seedRooms(tx: Executor, ctx: RunContext, site: SitePlan, orgPath: string): Promise<number> {
  const rng = stream(ctx.seed, `rooms/${ctx.unit}/${site.code}`);
  const plan: Readonly<Record<CareType, readonly [number, number, number]>> = {
    // [observation rooms, their capacity, single isolation rooms]
    elderly_care: [1 + Math.floor(site.members / 150), 2, 2 + Math.floor(site.members / 120)],
    child_welfare: [1 + Math.floor(site.members / 100), 2, 2],
    rescue_station: [2, 4, 3 + Math.floor(site.members / 30)],
    funeral: [1, 2, 0],
  };
  const [observation, obsCapacity, isolation] = plan[site.type];
  const rows: (typeof rooms.$inferInsert)[] = [];
  for (let i = 0; i < observation; i++) {
    rows.push({
      id: syntheticUuid(ctx.seed, `room/${ctx.unit}/${site.code}/o${i}`), siteId: site.id, orgPath, name: `观察室 ${String.fromCharCode(65 + i)}`,
      kind: 'observation', capacity: obsCapacity, awayFromCrowds: true, ventilated: true, ownToilet: chance(rng, 0.7),
    });
  }
  for (let i = 0; i < isolation; i++) {
    rows.push({
      id: syntheticUuid(ctx.seed, `room/${ctx.unit}/${site.code}/i${i}`), siteId: site.id, orgPath, name: `隔离单间 ${i + 1}`,
      kind: 'isolation', capacity: 1, singleRoom: true, awayFromCrowds: chance(rng, 0.8), ventilated: true, ownToilet: true,
    });
  }
  if (rows.length > 0) await tx.insert(rooms).values(rows);
  return rows.length;
}

// Alerts

type FeverRow = {
  reading_id: string;
  person_id: string;
  site_id: string;
  org_path: string;
  d: number;
  measured_at: Date | string;
  temp: number;
  band: string;
  symptoms: string[];
};

const DEFAULT_ALERT_POLICY: AlertPolicy = { steps: DEFAULT_POLICIES.elderly_care.monitoring.earlySteps, escalation: DEFAULT_POLICIES.elderly_care.escalation };

/** What an alert of a site starts with: its policy's four earlies and report deadlines. */
export interface AlertPolicy {
  steps: readonly EarlyStep[];
  escalation: PolicyBody['escalation'];
}

/**
 * The steps of an alert, the first `done` of them done in order; the report up (R2.4) is made
 * within the site's deadline whenever the alert has had the time, as a site that works does.
 */
function stepsOf(rng: Rng, policy: AlertPolicy, openedAt: Date, done: number, now: number): AlertStepState[] {
  let t = openedAt.getTime();
  const reportAt = openedAt.getTime() + int(rng, 5, Math.max(6, policy.escalation.reportToTownMinutes - 5)) * MINUTE;
  return freshSteps(policy.steps).map(({ step }, i) => {
    if (step === REPORT_STEP && (i < done || reportAt <= now)) return { step, doneAt: new Date(Math.min(reportAt, now)).toISOString(), doneBy: null, note: null };
    if (i >= done) return { step, doneAt: null, doneBy: null, note: null };
    t += int(rng, 8, 40) * MINUTE;
    return { step, doneAt: new Date(t).toISOString(), doneBy: null, note: null };
  });
}

/**
 * The report rows of seeded alerts, as the report would have left them: the site manager told at
 * the opening, the town and the bureau through the system when the report step was done, and the
 * health department by phone a few minutes later.
 */
async function seedReports(tx: Executor, rng: Rng, list: { id: string; openedAt: Date; steps: AlertStepState[]; policy: AlertPolicy }[]): Promise<void> {
  const rows = list.flatMap((a) => {
    const reported = a.steps.find((s) => s.step === REPORT_STEP)?.doneAt ?? null;
    return alertReportPlan(a.openedAt, a.policy.escalation).map((p): typeof alertReports.$inferInsert => {
      const doneAt = p.to === 'site_manager' ? a.openedAt
        : reported === null ? null
          : new Date(Date.parse(reported) + (p.to === 'health_department' ? int(rng, 2, 15) * MINUTE : 0));
      const outside = p.to === 'health_department' && doneAt !== null;
      return {
        alertId: a.id, receiver: p.to, dueAt: p.dueAt, doneAt, how: doneAt === null ? null : outside ? 'phone' : 'system',
        contact: outside ? '区疾控中心值班室' : null,
      };
    });
  });
  await insertChunked(rows, 2000, (chunk) => tx.insert(alertReports).values(chunk));
}

/**
 * One alert per fever episode (consecutive days of abnormal readings of one person), raised to its
 * worst reading as the monitoring service does. An episode with a fever today, or yesterday and no
 * reading yet today, is still open (its first step done if it began before today); the others
 * were worked through and closed after the next normal reading.
 */
export async function seedFeverAlerts(tx: Executor, ctx: RunContext, policyBySite: ReadonlyMap<string, AlertPolicy>): Promise<number> {
  const rng = stream(ctx.seed, `alerts/${ctx.unit}`);
  const { rows } = await tx.execute<FeverRow>(sql`select * from synthetic_fevers order by person_id, d, measured_at`);
  const episodes: FeverRow[][] = [];
  let current: FeverRow[] = [];
  for (const r of rows) {
    const prev = current[current.length - 1];
    if (prev && (prev.person_id !== r.person_id || r.d - prev.d > 1)) {
      episodes.push(current);
      current = [];
    }
    current.push(r);
  }
  if (current.length > 0) episodes.push(current);
  const today = ctx.days - 1;
  const yesterdays = episodes.flatMap((e) => (e[e.length - 1]?.d === today - 1 ? [e[0]?.person_id ?? ''] : []));
  const measuredToday = new Set(yesterdays.length === 0 ? [] : (await tx.execute<{ person_id: string }>(sql`
    select person_id from reading_days where day = ${addDays(ctx.start, today)}::date and person_id = any(${sql.param(yesterdays)}::uuid[])`)).rows.map((r) => r.person_id));
  const out: (typeof alerts.$inferInsert)[] = [];
  const reports: Parameters<typeof seedReports>[2] = [];
  const todayStart = at(ctx, today, 0);
  for (const e of episodes) {
    const first = e[0];
    const lastRow = e[e.length - 1];
    if (!first || !lastRow) continue;
    const worst = e.reduce((w, r) => (r.temp > w.temp ? r : w), first);
    const openedAt = new Date(first.measured_at);
    const open = lastRow.d === today || (lastRow.d === today - 1 && !measuredToday.has(first.person_id));
    const policy = policyBySite.get(first.site_id) ?? DEFAULT_ALERT_POLICY;
    const closedAt = open ? null : new Date(Math.min(ctx.now, at(ctx, lastRow.d + 1, int(rng, 480, 660)).getTime()));
    const id = syntheticUuid(ctx.seed, `alert/${first.reading_id}`);
    const steps = stepsOf(rng, policy, openedAt, open ? (openedAt < todayStart ? 1 : 0) : policy.steps.length + 1, ctx.now);
    reports.push({ id, openedAt, steps, policy });
    out.push({
      id, siteId: first.site_id, orgPath: first.org_path, personId: first.person_id,
      source: 'reading', readingId: worst.reading_id, openedAt, tempTenths: worst.temp, band: worst.band,
      symptoms: [...new Set(e.flatMap((r) => r.symptoms))].sort(),
      status: open ? 'open' : 'closed',
      steps,
      closedAt, closeReason: open ? null : worst.temp > 380 ? '发热门诊就诊，排除传染病，体温恢复正常' : '复测体温正常，解除观察',
    });
  }
  await insertChunked(out, 1000, (chunk) => tx.insert(alerts).values(chunk));
  await seedReports(tx, rng, reports);
  return out.length;
}

/** A positive test opened an alert (R4.4); these were long ago, isolated and released after negative retests. */
export async function seedTestAlerts(tx: Executor, ctx: RunContext, siteIds: string[], policyBySite: ReadonlyMap<string, AlertPolicy>): Promise<number> {
  if (siteIds.length === 0) return 0;
  const rng = stream(ctx.seed, `test-alerts/${ctx.unit}`);
  const { rows } = await tx.execute<{ id: string; person_id: string; site_id: string; org_path: string; result_at: Date | string }>(sql`
    select id, person_id, site_id, org_path, result_at from test_records
    where result = 'positive' and site_id = any(${sql.param(siteIds)}::uuid[]) order by sampled_at, id`);
  const reports: Parameters<typeof seedReports>[2] = [];
  const out = rows.map((t): typeof alerts.$inferInsert => {
    const openedAt = new Date(t.result_at);
    const policy = policyBySite.get(t.site_id) ?? DEFAULT_ALERT_POLICY;
    const id = syntheticUuid(ctx.seed, `test-alert/${t.id}`);
    const steps = stepsOf(rng, policy, openedAt, policy.steps.length + 1, ctx.now);
    reports.push({ id, openedAt, steps, policy });
    return {
      id, siteId: t.site_id, orgPath: t.org_path, personId: t.person_id, source: 'test', testId: t.id,
      openedAt, status: 'closed', steps,
      closedAt: new Date(openedAt.getTime() + int(rng, 14, 21) * 86_400_000), closeReason: '隔离期满，两次核酸复检阴性，解除隔离',
    };
  });
  await insertChunked(out, 1000, (chunk) => tx.insert(alerts).values(chunk));
  await seedReports(tx, rng, reports);
  return out.length;
}

// Visits

// As the visits service makes them: no 0/O or 1/I, since a guard reads a code aloud.
const CODE_CHARS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'];
const RELATIONS = ['儿子', '女儿', '孙子', '孙女', '儿媳', '女婿', '侄子', '外甥女', '老朋友'];
const CHILD_VISITS = ['助养人', '亲属', '志愿者', '爱心人士'];
const INTAKE_VISITING = ['求助', '临时救助', '寻亲', '公安送助'];
const REFUSALS: readonly RefusalReason[] = ['fever', 'code_yellow', 'no_mask', 'risk_area_travel', 'room_full'];

/** A draw of a Poisson count: the number of visitors on a day. */
function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/**
 * Visits at the gate over the last four weeks before today (the policy's retention): relatives at
 * homes, mourners at funeral homes, intakes at rescue stations. Most were admitted and left within
 * the reception room's time; a few were refused, a few registered and never came.
 */
export async function seedVisits(
  tx: Executor, ctx: RunContext, keyring: Keyring, registry: IdentityRegistry, site: SitePlan, orgPath: string, region: string,
  people: PlannedPerson[], policy: PolicyBody,
): Promise<number> {
  const rng = stream(ctx.seed, `visits/${ctx.unit}/${site.code}`);
  const s = policy.screening;
  const members = people.filter((p) => p.kind !== 'staff' && p.status === 'present');
  const mean = Math.min(6, site.type === 'elderly_care' ? site.members / 40
    : site.type === 'child_welfare' ? 0.5 + site.members / 50
      : site.type === 'funeral' ? 3 + site.staff / 20 : 0.6 + site.members / 60);
  const codes = new Set<string>();
  const rows: (typeof visits.$inferInsert)[] = [];
  const first = Math.max(0, ctx.days - 1 - Math.min(27, s.retentionDays - 1));
  for (let d = first; d < ctx.days - 1; d++) {
    const weekday = new Date(`${addDays(ctx.start, d)}T00:00:00Z`).getUTCDay();
    // Weekends bring more relatives.
    const n = poisson(rng, mean * (site.type !== 'rescue_station' && (weekday === 0 || weekday === 6) ? 1.6 : 1));
    for (let i = 0; i < n; i++) {
      let code: string;
      do code = Array.from({ length: 6 }, () => pick(rng, CODE_CHARS)).join(''); while (codes.has(code));
      codes.add(code);
      const intake = site.type === 'rescue_station';
      const sex: Sex = chance(rng, intake ? 0.2 : 0.5) ? 'female' : 'male';
      const birth = birthDate(rng, intake ? 'client' : 'staff');
      const name = chineseName(rng, 'relative', sex, birth.year);
      const visiting = site.type === 'elderly_care' && members.length > 0 ? `${pick(rng, members).name}（${pick(rng, RELATIONS)}）`
        : site.type === 'child_welfare' && members.length > 0 ? `${pick(rng, members).name}（${pick(rng, CHILD_VISITS)}）`
          : site.type === 'funeral' ? `吊唁 ${chineseName(rng, 'resident', chance(rng, 0.5) ? 'male' : 'female', int(rng, 1925, 1960))}`
            : pick(rng, INTAKE_VISITING);
      const phone = !intake || chance(rng, 0.3) ? registry.phone(rng) : null;
      const idNumber = (intake ? chance(rng, 0.7) : chance(rng, 0.3)) ? registry.idNumber(rng, birthRegion(rng, region), birth, sex) : null;
      const registeredAt = at(ctx, d, int(rng, 510, 1020));
      const outcome = intake ? 'admitted' : chance(rng, 0.06) ? 'no_show' : chance(rng, 0.085) ? 'refused' : 'admitted';
      const reason = outcome === 'refused' ? pick(rng, REFUSALS) : null;
      const screenedAt = new Date(registeredAt.getTime() + int(rng, 1, 15) * MINUTE);
      const admitted = outcome === 'admitted';
      const healthCode = intake ? (chance(rng, 0.6) ? null : 'green') : reason === 'code_yellow' ? 'yellow' : 'green';
      rows.push({
        id: syntheticUuid(ctx.seed, `visit/${ctx.unit}/${site.code}/${d}/${i}`), siteId: site.id, orgPath, kind: intake ? 'intake' : 'visitor', code,
        status: outcome === 'no_show' ? 'pending' : admitted ? 'left' : 'refused', name,
        phoneEnc: phone ? keyring.seal(phone) : null, phoneLast4: phone ? phone.slice(-4) : null,
        idEnc: idNumber ? keyring.seal(idNumber) : null, idLast4: idNumber ? idNumber.slice(-4) : null, idUnknown: intake && !idNumber,
        visiting, healthCodeDeclared: healthCode, symptoms: [], riskAreaTravel: reason === 'risk_area_travel',
        travelRecord: reason === 'risk_area_travel' ? '14 天内到过中风险地区' : null, source: intake || chance(rng, 0.25) ? 'guard' : 'qr',
        registeredAt, expiresAt: new Date(registeredAt.getTime() + s.codeValidMinutes * MINUTE),
        ...(outcome === 'no_show' ? {} : {
          tempTenths: reason === 'fever' ? int(rng, 373, 382) : int(rng, 360, 369), mask: reason !== 'no_mask', healthCodeSeen: healthCode,
          refusalReasons: reason ? [reason] : [], screenedAt, admittedAt: admitted ? screenedAt : null,
          stayEndsAt: admitted && !intake ? new Date(screenedAt.getTime() + s.receptionMaxStayMinutes * MINUTE) : null,
          // Relatives stay about the reception room's limit, now and then a little over; intakes are handed on within hours.
          leftAt: admitted ? new Date(screenedAt.getTime() + (intake ? int(rng, 60, 240) : int(rng, 10, s.receptionMaxStayMinutes + 10)) * MINUTE) : null,
          isolationReason: admitted && intake && healthCode === null ? 'no_health_code' : null,
        }),
      });
    }
  }
  await insertChunked(rows, 500, (chunk) => tx.insert(visits).values(chunk));
  return rows.length;
}

// Supplies

export interface SupplyItem {
  id: string;
  name: string;
  category: string;
  packSize: number | null;
  perHeadDaily: number | null;
}

/** Daily use of an item by a site's people (and its staff, who do the protected work). */
function dailyUse(item: SupplyItem, type: CareType, people: number, staff: number): number {
  switch (item.category) {
    case 'mask': return (item.perHeadDaily ?? 2) * people;
    case 'gloves': return 2 * staff + (type === 'elderly_care' ? 0.2 * (people - staff) : 0);
    case 'protective_suit': return type === 'funeral' ? 0.4 * staff : type === 'rescue_station' ? 0.05 * people : 0.01 * people;
    case 'disinfectant': return Math.max(0.2, 0.01 * people);
    case 'goggles': return 0.01 * staff;
    case 'cap':
    case 'shoe_cover': return 0.5 * staff;
    case 'thermometer': return 0.002 * people;
    default: return 0.01 * people;
  }
}

/** Shelf life in days, as printed on the batch; none for instruments. */
const SHELF_LIFE: Readonly<Record<string, readonly [number, number] | null>> = {
  mask: [730, 1095], gloves: [1095, 1825], protective_suit: [1095, 1825], disinfectant: [365, 730], goggles: [1825, 3650],
  cap: [1095, 1825], shoe_cover: [1095, 1825], thermometer: null,
};
const SUPPLIERS = ['市医药物资站', '省医药公司', '市防疫物资储备库', '康华医疗器械公司', '闽安卫生用品厂'];
const ISSUED_TO: Readonly<Record<CareType, readonly string[]>> = {
  elderly_care: ['护理部', '一楼护理站', '二楼护理站', '三楼护理站', '食堂', '保洁组', '门卫'],
  child_welfare: ['保育组', '医务室', '食堂', '门卫', '教学组'],
  rescue_station: ['救助大厅', '医务室', '男寝区', '女寝区', '门卫'],
  funeral: ['接运组', '火化车间', '告别厅', '业务厅', '门卫'],
};

interface Batch {
  id: string;
  quantity: number;
  expiresOn: string | null;
  received: number;
}

/**
 * Stock of every catalogue item at a site over the period: an opening receipt of the policy's
 * target days of use, replenishment every interval back up to the target, and weekly issues
 * taken first-expiring first, as the supplies service does. One site in ten missed its last
 * replenishment and is below its floor today. Also the previous peak's use, for the demand basis.
 */
export async function seedSupplies(
  tx: Executor, ctx: RunContext, site: SitePlan, orgPath: string, present: { people: number; staff: number }, items: SupplyItem[], policy: PolicyBody,
): Promise<number> {
  const siteRng = stream(ctx.seed, `supplies/${ctx.unit}/${site.code}`);
  const p = policy.supplies;
  const missedLast = chance(siteRng, 0.1);
  const issueOffset = int(siteRng, 1, 7);
  const batchRows = new Map<string, typeof supplyBatches.$inferInsert>();
  const ledger: (typeof supplyLedger.$inferInsert)[] = [];
  const peaks: (typeof supplyPeaks.$inferInsert)[] = [];
  const day = (d: number) => addDays(ctx.start, d);
  for (const item of items) {
    const rng = stream(ctx.seed, `supplies/${ctx.unit}/${site.code}/${item.name}`);
    const daily = dailyUse(item, site.type, present.people, present.staff);
    if (daily <= 0) continue;
    // A station sized for full load keeps stock for every place, not only for today's people.
    const load = p.fullLoad && site.capacity ? Math.max(1, site.capacity / Math.max(1, present.people - present.staff)) : 1;
    const target = Math.ceil(daily * load * p.targetDays);
    const batches: Batch[] = [];
    const entry = (d: number, kind: 'receipt' | 'issue', b: Batch, quantity: number, issuedTo: string | null) => ledger.push({
      id: syntheticUuid(ctx.seed, `ledger/${ctx.unit}/${site.code}/${item.name}/${ledger.length}`), siteId: site.id, orgPath, itemId: item.id, batchId: b.id,
      kind, quantity, issuedTo, day: day(d), createdAt: at(ctx, d, kind === 'receipt' ? int(rng, 540, 960) : int(rng, 450, 540)),
    });
    for (let d = 0; d < ctx.days; d++) {
      const lastReplenishment = d > ctx.days - 1 - p.replenishIntervalDays;
      if (d === 0 || (d % p.replenishIntervalDays === 0 && !(missedLast && lastReplenishment))) {
        const stock = batches.reduce((n, b) => n + b.quantity, 0);
        let need = target - stock;
        if (need > 0) {
          // Masks, gloves and the like come in whole boxes.
          if (item.packSize && item.packSize > 1) need = Math.ceil(need / item.packSize) * item.packSize;
          const life = SHELF_LIFE[item.category];
          const b: Batch = {
            id: syntheticUuid(ctx.seed, `batch/${ctx.unit}/${site.code}/${item.name}/${d}`), quantity: need, received: d,
            expiresOn: life ? addDays(day(d), int(rng, life[0], life[1])) : null,
          };
          batches.push(b);
          batchRows.set(b.id, {
            id: b.id, siteId: site.id, orgPath, itemId: item.id, batch: `${day(d).replace(/-/g, '')}-${String(int(rng, 1, 99)).padStart(2, '0')}`,
            expiresOn: b.expiresOn, supplier: pick(rng, SUPPLIERS), quantity: 0, createdAt: at(ctx, d, 540),
          });
          entry(d, 'receipt', b, need, null);
        }
      }
      if (d > 0 && d % 7 === issueOffset % 7) {
        let want = Math.round(daily * 7 * (0.75 + 0.5 * rng()));
        const to = pick(rng, ISSUED_TO[site.type]);
        // First expiring first; batches without a date last.
        const order = batches.filter((b) => b.quantity > 0)
          .sort((a, b) => (a.expiresOn ?? '9999').localeCompare(b.expiresOn ?? '9999') || a.received - b.received);
        for (const b of order) {
          if (want <= 0) break;
          const part = Math.min(want, b.quantity);
          b.quantity -= part;
          want -= part;
          entry(d, 'issue', b, part, to);
        }
      }
    }
    // What is left of each batch is the sum of its ledger entries.
    for (const b of batches) {
      const row = batchRows.get(b.id);
      if (row) row.quantity = b.quantity;
    }
    peaks.push({ siteId: site.id, itemId: item.id, consumption: Math.max(1, Math.round(daily * p.demandBasisDays * (1.3 + 0.7 * rng()))), note: '2022 年 12 月高峰期' });
  }
  await insertChunked([...batchRows.values()], 1000, (chunk) => tx.insert(supplyBatches).values(chunk));
  await insertChunked(ledger, 1000, (chunk) => tx.insert(supplyLedger).values(chunk));
  await insertChunked(peaks, 1000, (chunk) => tx.insert(supplyPeaks).values(chunk));
  return ledger.length;
}
