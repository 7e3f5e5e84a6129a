import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { DEFAULT_POLICIES, DEFAULT_TIME_ZONE, defaultChains, escalationPlan, idCheckCharacter, localDay, plannedEndOf } from '@fangkong/domain';
import type { Role, SiteType } from '@fangkong/domain';
import type { Db } from '../db/engine.js';
import type { Executor } from '../db/tx.js';
import {
  incidentEvents, incidentPeople, incidents, incidentSteps, orgNodes, people, placements, readings, riskAreas, rooms, supplyBatches, supplyItems, supplyLedger, supplyPeaks, testRecords, users,
} from '../db/schema.js';
import { insertReadings } from '../monitoring/repository.js';
import type { Keyring } from '../pii/keyring.js';
import { personColumns } from '../people/service.js';
import { insertPeople, insertMoves } from '../people/repository.js';
import { hashPassword } from '../auth/passwords.js';
import { seedFuneral } from './funeral.js';
import { insertRole, insertUser } from '../auth/repository.js';

export const DEMO_PASSWORD = 'Fangkong#2020';

const TOWNS = ['城关街道', '东湖镇', '西山镇', '南岭镇', '北港街道', '青溪镇'];

const SITES: { type: SiteType; suffix: string; code: string; street: string }[] = [
  { type: 'elderly_care', suffix: '敬老院', code: 'YL', street: '康宁路' },
  { type: 'child_welfare', suffix: '儿童关爱中心', code: 'ET', street: '育才路' },
  { type: 'funeral', suffix: '殡仪服务站', code: 'BY', street: '松柏路' },
  { type: 'rescue_station', suffix: '救助管理站', code: 'JZ', street: '民安路' },
  { type: 'community', suffix: '社区', code: 'SQ', street: '和睦街' },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  node: string;
}

// One transaction gives every row the same now(); distinct times keep the towns in the order listed.
let clock = Date.now();

async function node(
  db: Executor, parent: { id: string; path: string; depth: number } | null, kind: string, name: string, siteType: SiteType | null = null,
  place: { code: string; address: string } | null = null,
) {
  const id = randomUUID();
  const createdAt = new Date(clock++);
  const row = {
    id, parentId: parent?.id ?? null, kind, siteType, name, path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1, createdAt,
    code: place?.code ?? null, address: place?.address ?? null,
  };
  await db.insert(orgNodes).values(row);
  return row;
}

/** Whether the database holds no jurisdiction yet (a fresh install). */
export async function isEmpty(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(orgNodes);
  return (row?.n ?? 0) === 0;
}

/**
 * A demo city: a bureau, six towns, a site of every type in each, a grid under each community,
 * and one account per role named in the README. Only ever run on request (`--demo`). `now` places
 * the funeral sites' week (a test passes its clock's).
 */
export async function seedDemo(database: Db, keyring: Keyring, now: Date = new Date()): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return database.transaction(async (db) => {
    const bureau = await node(db, null, 'bureau', '示范市民政局');
    const firsts = new Map<string, { id: string; name: string; path: string }>();
    const towns: { id: string; name: string }[] = [];
    const funerals: { id: string; name: string; path: string }[] = [];
    for (const [t, townName] of TOWNS.entries()) {
      const town = await node(db, bureau, 'town', townName);
      towns.push(town);
      for (const [k, s] of SITES.entries()) {
        // A site's code (town number and type) and street address, as the bureau's register lists them.
        const place = { code: `T${String(t + 1).padStart(2, '0')}-${s.code}`, address: `示范市${townName}${s.street}${(t + 1) * 10 + k + 1}号` };
        const site = await node(db, town, 'site', `${townName.replace(/(街道|镇)$/, '')}${s.suffix}`, s.type, place);
        if (!firsts.has(s.type)) firsts.set(s.type, site);
        if (s.type === 'funeral') funerals.push(site);
        if (s.type === 'community') {
          for (const c of ['幸福小区', '和平里']) {
            const compound = await node(db, site, 'compound', c);
            for (const b of ['1号楼', '2号楼']) await node(db, compound, 'building', b);
          }
        }
      }
    }
    const pick = (t: SiteType) => {
      const n = firsts.get(t);
      if (!n) throw new Error(`no ${t} site`);
      return n;
    };
    const [firstTown, ...otherTowns] = towns;
    if (!firstTown) throw new Error('no town');
    const accounts: (DemoAccount & { nodeId: string })[] = [
      { username: 'admin', displayName: '市局管理员', role: 'bureau_admin', node: bureau.name, nodeId: bureau.id },
      { username: 'town-officer', displayName: `${firstTown.name}社会事务办`, role: 'town_officer', node: firstTown.name, nodeId: firstTown.id },
      { username: 'eldercare-manager', displayName: '敬老院院长', role: 'site_manager', node: pick('elderly_care').name, nodeId: pick('elderly_care').id },
      { username: 'eldercare-staff', displayName: '敬老院值班护理员', role: 'site_staff', node: pick('elderly_care').name, nodeId: pick('elderly_care').id },
      { username: 'funeral-manager', displayName: '殡仪服务站负责人', role: 'site_manager', node: pick('funeral').name, nodeId: pick('funeral').id },
      { username: 'rescue-manager', displayName: '救助管理站站长', role: 'site_manager', node: pick('rescue_station').name, nodeId: pick('rescue_station').id },
      { username: 'community-worker', displayName: '社区网格员', role: 'grid_worker', node: pick('community').name, nodeId: pick('community').id },
      // Every town's office is in the system, so that a fever reported anywhere reaches its town (R2.4).
      ...otherTowns.map((town, i) => ({
        username: `town-officer-${i + 2}`, displayName: `${town.name}社会事务办`, role: 'town_officer' as const, node: town.name, nodeId: town.id,
      })),
    ];
    const userIds = new Map<string, string>();
    for (const a of accounts) {
      const user = await insertUser(db, { username: a.username, displayName: a.displayName, passwordHash });
      await insertRole(db, user.id, a.role, a.nodeId);
      userIds.set(a.username, user.id);
    }
    // People and rooms where the daily round happens, so that the demo has a round to enter.
    const home = pick('elderly_care');
    const station = pick('rescue_station');
    const homeStaff = await seedPeople(db, keyring, home, 24, 6, 'resident', 35);
    // The night nurse's account belongs to a member of the home's staff: were she to leave, it would end.
    const nurseId = userIds.get('eldercare-staff');
    if (nurseId && homeStaff[0]) await db.update(users).set({ personId: homeStaff[0] }).where(eq(users.id, nurseId));
    await seedPeople(db, keyring, pick('child_welfare'), 12, 4, 'child', 35);
    await seedPeople(db, keyring, station, 5, 3, 'client', 5);
    await seedSupplies(db, { home, child: pick('child_welfare'), station, funeral: pick('funeral') });
    for (const site of [home, station]) {
      await db.insert(rooms).values([
        { siteId: site.id, orgPath: site.path, name: '观察室 A', kind: 'observation', capacity: 2, awayFromCrowds: true, ventilated: true, ownToilet: true },
        { siteId: site.id, orgPath: site.path, name: '隔离单间 1', kind: 'isolation', capacity: 1, singleRoom: true, awayFromCrowds: true, ventilated: true, ownToilet: true },
        { siteId: site.id, orgPath: site.path, name: '隔离单间 2', kind: 'isolation', capacity: 1, singleRoom: true, ventilated: true, ownToilet: true },
      ]);
    }
    await seedIncident(db, station);
    // The funeral-manager's site runs the whole week's story; the other towns' sites have halls and a few events.
    for (const f of funerals) await seedFuneral(db, keyring, f, now, f.id === pick('funeral').id ? 'full' : 'brief');
    // The risk areas the bureau keeps (requirements §0): one in force elsewhere in the country, one
    // that has ended; none over the city, so that no rule of the demo's sites changes with them.
    const day = (offset: number) => localDay(new Date(Date.now() + offset * 86_400_000), DEFAULT_TIME_ZONE);
    await db.insert(riskAreas).values([
      { regionName: '黑龙江省绥化市望奎县', level: 'high', effectiveFrom: day(-6), note: '联防联控机制公布' },
      { regionName: '河北省石家庄市藁城区', level: 'medium', effectiveFrom: day(-40), effectiveTo: day(-12), note: '已调整为低风险' },
    ]);
    return accounts.map(({ nodeId: _n, ...a }) => a);
  });
}

/**
 * A fever cluster at the rescue station opened three hours ago: the town acknowledged in 40 minutes,
 * the bureau has not, so the board shows a late step from the first minute of the demo.
 */
async function seedIncident(db: Executor, site: { id: string; path: string }): Promise<void> {
  // The two feverish people are clients (not the station's care workers), each isolated in a single room.
  const clients = await db.select({ id: people.id }).from(people)
    .where(and(eq(people.siteId, site.id), eq(people.kind, 'client'))).orderBy(asc(people.createdAt), asc(people.id)).limit(2);
  const singles = await db.select({ id: rooms.id }).from(rooms)
    .where(and(eq(rooms.siteId, site.id), eq(rooms.kind, 'isolation'))).orderBy(asc(rooms.name)).limit(2);
  if (clients.length < 2 || singles.length < 2) throw new Error('the demo incident needs two clients and two isolation rooms');
  const openedAt = new Date(Date.now() - 3 * 3_600_000);
  const [incident] = await db.insert(incidents).values({
    siteId: site.id, orgPath: site.path, type: 'fever_cluster', summary: '同一寝室 2 名受助人员先后发热（37.6 ℃、37.8 ℃）', openedAt,
  }).returning({ id: incidents.id });
  if (!incident) throw new Error('no incident');
  await db.insert(incidentPeople).values(clients.map((c) => ({ incidentId: incident.id, personId: c.id })));
  const isolatedAt = new Date(openedAt.getTime() + 15 * 60_000);
  const startDay = localDay(isolatedAt, DEFAULT_TIME_ZONE);
  const plannedEnd = plannedEndOf(startDay, DEFAULT_POLICIES.rescue_station.isolation.durationDays);
  await db.insert(placements).values(clients.map((c, i) => ({
    siteId: site.id, orgPath: site.path, personId: c.id, roomId: singles[i]?.id ?? '', reason: 'suspected_case',
    startAt: isolatedAt, startDay, plannedEnd, note: '发热待排查',
  })));
  const plan = escalationPlan(openedAt, defaultChains({ reportToTownMinutes: 60, reportToBureauMinutes: 120 }).fever_cluster);
  const townAck = new Date(openedAt.getTime() + 40 * 60_000);
  await db.insert(incidentSteps).values(plan.map((p) => ({
    incidentId: incident.id, receiver: p.to, dueAt: p.dueAt, ...(p.to === 'town' ? { doneAt: townAck, note: '已电话核实，派员到场' } : {}),
  })));
  await db.insert(incidentEvents).values([
    { incidentId: incident.id, kind: 'opened', at: openedAt, note: '同一寝室 2 名受助人员先后发热' },
    { incidentId: incident.id, kind: 'action', action: 'isolated', at: isolatedAt, note: '两人分别安置于隔离单间 1、2' },
    { incidentId: incident.id, kind: 'step_done', receiver: 'town', at: townAck, note: '已电话核实，派员到场' },
    { incidentId: incident.id, kind: 'action', action: 'disinfected', at: new Date(openedAt.getTime() + 60 * 60_000), note: '寝室及公共区域终末消毒' },
  ]);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘';
// Given names by sex, so that a name never contradicts the sex its ID number gives.
export const DEMO_GIVEN_NAMES: Readonly<Record<'male' | 'female', readonly string[]>> = {
  male: ['建国', '建华', '志强', '明华', '德明', '福生', '永福', '国庆', '振华', '文杰'],
  female: ['秀英', '桂兰', '玉兰', '凤英', '丽娟', '金花', '淑珍', '海燕', '春梅', '秋菊'],
};
const POSTS = ['护理员', '护理员', '保健医生', '厨师', '门卫', '院长助理'];
let serial = 0;

/** A valid demo ID number (Fuzhou Gulou district), sex from the parity of the sequence. */
function demoId(birthYear: number, male: boolean): string {
  serial++;
  const month = String(1 + (serial % 12)).padStart(2, '0');
  const day = String(1 + ((serial * 7) % 28)).padStart(2, '0');
  const seq = String((serial * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0');
  const first17 = `350102${birthYear}${month}${day}${seq}`;
  return first17 + idCheckCharacter(first17);
}

async function seedPeople(
  db: Executor, keyring: Keyring, site: { id: string; path: string }, members: number, staff: number,
  kind: 'resident' | 'child' | 'client', staffTestedDaysAgo: number,
): Promise<string[]> {
  const today = localDay(new Date(), DEFAULT_TIME_ZONE);
  const rows = [];
  for (let i = 0; i < members + staff; i++) {
    const isStaff = i >= members;
    const male = i % 2 === 0;
    const given = DEMO_GIVEN_NAMES[male ? 'male' : 'female'];
    const name = `${SURNAMES[(serial * 3 + i) % SURNAMES.length] ?? '王'}${given[(serial + i * 7) % given.length] ?? '明'}`;
    const birthYear = isStaff ? 1970 + (i % 20) : kind === 'child' ? 2012 + (i % 8) : kind === 'client' ? 1960 + (i % 25) : 1932 + (i % 20);
    const input = {
      name, kind: isStaff ? ('staff' as const) : kind, idNumber: demoId(birthYear, male),
      phone: isStaff || kind !== 'child' ? `139${String(50_000_000 + serial * 37).slice(0, 8)}` : undefined,
      post: isStaff ? POSTS[i % POSTS.length] : undefined,
      room: isStaff ? undefined : `${1 + Math.floor(i / 4)}0${1 + (i % 4)}`,
      bed: isStaff ? undefined : String(1 + (i % 2)),
      status: 'present' as const, joinedOn: '2023-03-01',
    };
    const cols = personColumns(keyring, input, today);
    rows.push({ ...cols, name, nameInitials: cols.nameInitials ?? '', kind: input.kind, siteId: site.id, orgPath: site.path });
  }
  const ids = await insertPeople(db, rows);
  await insertMoves(db, ids.map((personId) => ({ personId, fromSiteId: null, toSiteId: site.id, reason: 'demo' })));
  await seedHistory(db, site, ids);
  await seedTests(db, site, ids.slice(members), staffTestedDaysAgo);
  return ids.slice(members);
}

/**
 * Stock at the first town's sites, so that the overview has something to show: the child-welfare
 * home below its floor of masks, the rescue station sized at full load, the funeral site well
 * stocked with suits. The elderly-care home's masks are left empty for the walkthrough. What a
 * site holds none of and its type requires shows below the floor, at these sites and at the other
 * towns' (which hold nothing yet): an empty store is a finding, not "no data" (requirements §15).
 */
async function seedSupplies(db: Executor, sites: Record<'home' | 'child' | 'station' | 'funeral', { id: string; path: string }>): Promise<void> {
  const items = new Map((await db.select({ id: supplyItems.id, name: supplyItems.name }).from(supplyItems)).map((i) => [i.name, i.id]));
  await db.update(orgNodes).set({ capacity: 40 }).where(eq(orgNodes.id, sites.station.id));
  await db.update(orgNodes).set({ capacity: 60 }).where(eq(orgNodes.id, sites.home.id));
  const expires = new Date();
  expires.setUTCFullYear(expires.getUTCFullYear() + 1);
  const day = localDay(new Date(), DEFAULT_TIME_ZONE);
  const stock: [keyof typeof sites, string, number, number | null][] = [
    ['home', '含氯消毒剂', 400, 150],
    ['home', '医用手套', 3000, 1200],
    ['child', '医用外科口罩', 1500, 1500],
    ['child', '含氯消毒剂', 200, 90],
    ['station', '医用外科口罩', 2000, null],
    ['station', '医用防护服', 300, 150],
    ['funeral', '医用防护服', 500, 240],
  ];
  for (const [key, name, quantity, peak] of stock) {
    const itemId = items.get(name);
    if (!itemId) continue;
    const site = sites[key];
    const [batch] = await db.insert(supplyBatches).values({
      siteId: site.id, orgPath: site.path, itemId, batch: `DEMO-${key}-${quantity}`, expiresOn: expires.toISOString().slice(0, 10), supplier: '示范医药公司', quantity,
    }).returning({ id: supplyBatches.id });
    if (!batch) continue;
    await db.insert(supplyLedger).values({ siteId: site.id, orgPath: site.path, itemId, batchId: batch.id, kind: 'receipt', quantity, day });
    if (peak !== null) await db.insert(supplyPeaks).values({ siteId: site.id, itemId, consumption: peak });
  }
}

/**
 * The staff's last nucleic-acid test, negative, `daysAgo` days back: 35 days makes them a week
 * overdue under the 28-day rule, so that the demo has a sampling session to organise.
 */
async function seedTests(db: Executor, site: { id: string; path: string }, staffIds: string[], daysAgo: number): Promise<void> {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() - daysAgo);
  at.setUTCHours(1, 0, 0, 0);
  const reported = new Date(at.getTime() + 10 * 3_600_000);
  await db.insert(testRecords).values(staffIds.map((personId) => ({
    personId, siteId: site.id, orgPath: site.path, sampledAt: at, sampleDay: localDay(at, DEFAULT_TIME_ZONE), sampleType: 'throat_swab',
    collectionPoint: '镇卫生院集中采样点', lab: '示范市疾病预防控制中心', result: 'negative', resultAt: reported, source: 'batch',
  })));
}

/** A week of normal morning rounds before today, so that trends and coverage have something to show. */
async function seedHistory(db: Executor, site: { id: string; path: string }, personIds: string[]): Promise<void> {
  const readingRows: (typeof readings.$inferInsert)[] = [];
  for (let back = 7; back >= 1; back--) {
    // 08:30 in China is 00:30 UTC on the same calendar day.
    const at = new Date();
    at.setUTCDate(at.getUTCDate() - back);
    at.setUTCHours(0, 30, 0, 0);
    const day = localDay(at, DEFAULT_TIME_ZONE);
    personIds.forEach((personId, i) => {
      const tenths = 362 + ((i * 7 + back * 3) % 8);
      readingRows.push({ personId, siteId: site.id, orgPath: site.path, day, measuredAt: at, tempTenths: tenths, band: 'normal', symptoms: [], abnormal: false });
    });
  }
  // Readings and their per-day rollup go in together.
  await insertReadings(db, readingRows);
}
