import { randomBytes } from 'node:crypto';
import {
  COVID_CASE_STEPS, DEFAULT_POLICIES, DEFAULT_TIME_ZONE, covidStepDeadline, escalationPlan, localDay, localInstant,
} from '@fangkong/domain';
import type { CovidCaseStep, CovidStepFacts } from '@fangkong/domain';
import type { Executor } from '../db/tx.js';
import { covidCases, covidCaseSteps, funeralHalls, hallDisinfections, incidentEvents, incidents, incidentSteps, mourners, mourningEvents } from '../db/schema.js';
import type { Keyring } from '../pii/keyring.js';
import { IdentityRegistry, birthDate, birthRegion, chineseName, isoDate, type Sex } from '../synthetic/identity.js';
import { chance, int, pick, stream, type Rng } from '../synthetic/random.js';

/*
 * The demo's funeral sites (issue 18): a week of a funeral home told as one story the manager can
 * follow. The site of the `funeral-manager` account gets it all: three halls, events that ended
 * (each closed by its final disinfection), one under way since yesterday, one booked for tomorrow,
 * their registers, the halls' routine disinfections with one missed last week and one of today's
 * two still to come, and a COVID-19 deceased half-way along the chain with its incident. The other
 * towns' sites get halls and a couple of events. Every time is placed from the seed's `now`.
 */

const POLICY = DEFAULT_POLICIES.funeral.funeral;
const HALLS = [{ name: '福寿厅', capacity: 60 }, { name: '安宁厅', capacity: 40 }, { name: '思源厅', capacity: 30 }] as const;
const AGENT = '含氯消毒液 500mg/L';
const HOSPITAL = '示范市第一人民医院';
// The deceased and mourners are from the demo's city (the people seed's ID numbers are Fuzhou Gulou's).
const HOME_REGION = '350102';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type FuneralStory = 'full' | 'brief';

/** A mourning event of the story: its hall, local start and end, and how many signed its register. */
export interface PlannedEvent {
  hall: number;
  startsAt: Date;
  endsAt: Date;
  mourners: number;
}

/** When each routine disinfection was done: a hall and an instant. */
export interface PlannedDisinfection {
  hall: number;
  at: Date;
}

export interface FuneralPlan {
  events: PlannedEvent[];
  routine: PlannedDisinfection[];
  /** The COVID-19 case's steps done so far, in order (full story only). */
  covidSteps: { step: CovidCaseStep; at: Date }[];
}

/** The local day `offset` days from `now`'s, and an instant at a wall-clock time on it. */
function calendar(now: Date) {
  const day = (offset: number) => localDay(new Date(now.getTime() + offset * DAY), DEFAULT_TIME_ZONE);
  return { day, at: (offset: number, time: string) => localInstant(day(offset), time, DEFAULT_TIME_ZONE) };
}

/**
 * The times of the story, as a pure function of `now`, so that a test can check it at any hour:
 * nothing said to be done lies after `now`, and the event under way is under way.
 */
export function planFuneralWeek(now: Date, story: FuneralStory): FuneralPlan {
  const { day, at } = calendar(now);
  const span = (hall: number, from: number, to: number, count: number): PlannedEvent => ({ hall, startsAt: at(from, '08:00'), endsAt: at(to, '18:00'), mourners: count });
  const past = story === 'full'
    ? [span(0, -7, -6, 14), span(1, -6, -5, 9), span(2, -5, -4, 6), span(0, -4, -3, 18), span(1, -3, -2, 11), span(2, -2, -2, 5)]
    : [span(0, -5, -4, 10), span(1, -3, -2, 7)];
  // The vigil began yesterday morning and ends tomorrow morning (two days), whatever the hour now.
  const ongoing: PlannedEvent = { hall: 0, startsAt: at(-1, '08:00'), endsAt: at(1, '08:00'), mourners: 8 };
  const upcoming: PlannedEvent = { hall: 1, startsAt: at(1, '09:00'), endsAt: at(2, '18:00'), mourners: 0 };
  const events = story === 'full' ? [...past, ongoing, upcoming] : [...past, upcoming];

  const routine: PlannedDisinfection[] = [];
  const today = day(0);
  for (const [i, e] of events.entries()) {
    for (let offset = -7; offset <= 0; offset++) {
      const d = day(offset);
      if (localDay(e.startsAt) > d || localDay(new Date(e.endsAt.getTime() - 1)) < d) continue;
      if (d < today) {
        routine.push({ hall: e.hall, at: at(offset, '10:00') });
        // The one missed: the last day of the week's third event, the afternoon round forgotten.
        if (!(story === 'full' && i === 2 && offset === -4)) routine.push({ hall: e.hall, at: at(offset, '15:00') });
      } else {
        // Today's first round is done (by 10:00, or just now in the small hours); the second is due.
        const start = at(0, '00:00').getTime();
        routine.push({ hall: e.hall, at: new Date(Math.max(start, Math.min(at(0, '10:00').getTime(), now.getTime() - 10 * 60_000))) });
      }
    }
  }

  // A COVID-19 deceased: the notice came this morning (or in the night), the body is cremated, the
  // certificate is next. Each step is well inside its deadline.
  const cremated = new Date(now.getTime() - 1.5 * HOUR);
  const collected = new Date(cremated.getTime() - 3 * HOUR);
  const handover = new Date(collected.getTime() - 40 * 60_000);
  const notified = new Date(handover.getTime() - 1.5 * HOUR);
  const covidSteps = story === 'full'
    ? [{ step: 'notified' as const, at: notified }, { step: 'handover' as const, at: handover }, { step: 'collected' as const, at: collected }, { step: 'cremated' as const, at: cremated }]
    : [];
  return { events, routine, covidSteps };
}

/** Names for the site's staff, who sign the disinfections and the chain's steps. */
function staffNames(rng: Rng): string[] {
  return Array.from({ length: 4 }, (_, i) => chineseName(rng, 'staff', i % 2 === 0 ? 'male' : 'female', 1975 + i * 4));
}

interface Sealer {
  keyring: Keyring;
  registry: IdentityRegistry;
  rng: Rng;
}

/** A deceased: name, sealed ID number with its last four and hash (the case finds the event by it). */
function deceased(s: Sealer) {
  const sex: Sex = chance(s.rng, 0.5) ? 'male' : 'female';
  const birth = birthDate(s.rng, 'resident');
  const id = s.registry.idNumber(s.rng, birthRegion(s.rng, HOME_REGION), birth, sex);
  const name = chineseName(s.rng, 'resident', sex, birth.year);
  return { name, sex, birthYear: birth.year, idEnc: s.keyring.seal(id), idLast4: id.slice(-4), idHash: s.keyring.hash(id), birthday: isoDate(birth) };
}

function sealedPhone(s: Sealer, phone: string) {
  return { phoneEnc: s.keyring.seal(phone), phoneLast4: phone.slice(-4), phoneHash: s.keyring.hash(phone) };
}

/**
 * Seeds a funeral site's week. `story` 'full' for the manager's site, 'brief' for the others
 * (halls and a couple of events with their registers and disinfections).
 */
export async function seedFuneral(
  db: Executor, keyring: Keyring, site: { id: string; path: string; name: string }, now: Date, story: FuneralStory,
): Promise<void> {
  const rng = stream(2020, `demo/funeral/${site.name}`);
  const s: Sealer = { keyring, registry: new IdentityRegistry(), rng };
  const staff = staffNames(rng);
  const plan = planFuneralWeek(now, story);
  const halls = await db.insert(funeralHalls).values(HALLS.map((h) => ({ siteId: site.id, orgPath: site.path, name: h.name, capacity: h.capacity })))
    .returning({ id: funeralHalls.id });
  const hallOf = (i: number) => {
    const h = halls[i];
    if (!h) throw new Error(`no hall ${i}`);
    return { id: h.id, ...HALLS[i % HALLS.length] } as { id: string; name: string; capacity: number };
  };

  // A mourner who came to two of the week's events, so that tracing a phone finds both.
  const regular = { name: chineseName(rng, 'relative', 'female', 1968), phone: s.registry.phone(rng) };
  const rows: (typeof mourners.$inferInsert)[] = [];
  const finals: (typeof hallDisinfections.$inferInsert)[] = [];
  for (const [i, e] of plan.events.entries()) {
    const hall = hallOf(e.hall);
    const who = deceased(s);
    const familySex: Sex = chance(rng, 0.5) ? 'male' : 'female';
    // A son keeps the family name; a daughter's is drawn.
    const familyName = chineseName(rng, 'relative', familySex, who.birthYear + 28, familySex === 'male' && who.sex === 'male' ? who.name.slice(0, 1) : undefined);
    const familyPhone = s.registry.phone(rng);
    const died = localDay(new Date(e.startsAt.getTime() - int(rng, 1, 2) * DAY));
    const [event] = await db.insert(mourningEvents).values({
      siteId: site.id, orgPath: site.path, hallId: hall.id, deceasedName: who.name, deceasedIdEnc: who.idEnc, deceasedIdLast4: who.idLast4,
      deceasedIdHash: who.idHash, dateOfDeath: died, cause: 'ordinary', familyContactName: familyName,
      familyPhoneEnc: keyring.seal(familyPhone), familyPhoneLast4: familyPhone.slice(-4), startsAt: e.startsAt, endsAt: e.endsAt,
      attendeeCap: Math.min(POLICY.mourningAttendeeCap, hall.capacity), registerToken: randomBytes(18).toString('base64url'),
    }).returning({ id: mourningEvents.id });
    if (!event) throw new Error('no mourning event');
    const until = Math.min(e.endsAt.getTime(), now.getTime());
    for (let m = 0; m < e.mourners; m++) {
      // Registered over the event's hours so far; the family's helper signs in a few at the door, with a temperature.
      const registeredAt = new Date(e.startsAt.getTime() + Math.floor(((m + 0.5) / e.mourners) * (until - e.startsAt.getTime())));
      const helper = m % 5 === 4;
      const isRegular = story === 'full' && m === 1 && (i === 3 || e.endsAt.getTime() > now.getTime());
      const phone = isRegular ? regular.phone : helper && m % 2 === 0 ? null : s.registry.phone(rng);
      rows.push({
        eventId: event.id, orgPath: site.path, registeredAt,
        name: isRegular ? regular.name : chineseName(rng, 'relative', chance(rng, 0.5) ? 'male' : 'female', int(rng, 1950, 2000)),
        ...(phone ? sealedPhone(s, phone) : {}), source: helper ? 'helper' : 'qr', tempTenths: helper ? int(rng, 360, 369) : null,
      });
    }
    if (e.endsAt.getTime() <= now.getTime()) {
      finals.push({
        hallId: hall.id, siteId: site.id, orgPath: site.path, eventId: event.id, kind: 'final', at: new Date(e.endsAt.getTime() + 40 * 60_000),
        agent: AGENT, place: `${hall.name}及吊唁区、休息室`, byName: pick(rng, staff), note: '治丧结束后全面消毒',
      });
    }
  }
  if (rows.length > 0) await db.insert(mourners).values(rows);
  await db.insert(hallDisinfections).values([
    ...plan.routine.map((r) => {
      const hall = hallOf(r.hall);
      return { hallId: hall.id, siteId: site.id, orgPath: site.path, kind: 'routine', at: r.at, agent: AGENT, place: `${hall.name}及吊唁区`, byName: pick(rng, staff) };
    }),
    ...finals,
  ]);
  if (plan.covidSteps.length > 0) await seedCovidCase(db, s, site, plan.covidSteps, staff);
}

/** What each step of the chain records (rules 2 and 3, R9.4), and a note as the staff would write it. */
const STEP_RECORD: Partial<Record<CovidCaseStep, { facts: CovidStepFacts; note: string }>> = {
  notified: { facts: {}, note: `${HOSPITAL}电话通知：疑似病例死亡，请做好接运准备` },
  handover: { facts: { sanitaryTreatment: true, deathCertificate: true, cremateAtOnceOnForm: true }, note: '医院已完成卫生防疫处理，交接单注明立即火化' },
  collected: { facts: { dedicatedStaffAndVehicle: true, protectiveSuit: true, goggles: true }, note: '专用运尸车按指定路线接运' },
  cremated: { facts: { protectiveSuit: true, goggles: true }, note: '经专用通道直接送入专用火化炉，全程未打开遗体袋' },
};

/**
 * A suspected COVID-19 deceased (handled as confirmed, rule 12) cremated this morning: its steps
 * with their deadlines from the policy, and its incident with the funeral chain (R7.4), every
 * level told in time, so that the board shows the chain without a late step of its own.
 */
async function seedCovidCase(
  db: Executor, s: Sealer, site: { id: string; path: string }, steps: { step: CovidCaseStep; at: Date }[], staff: string[],
): Promise<void> {
  const first = steps[0];
  if (!first) return;
  const openedAt = first.at;
  const who = deceased(s);
  const [incident] = await db.insert(incidents).values({
    siteId: site.id, orgPath: site.path, type: 'death', summary: `${HOSPITAL}通知：新冠肺炎疑似病例 ${who.name} 死亡，按确诊病例接运火化`, openedAt,
  }).returning({ id: incidents.id });
  if (!incident) throw new Error('no incident');
  const plan = escalationPlan(openedAt, DEFAULT_POLICIES.funeral.escalation.chains.death);
  const told = (minutes: number) => new Date(openedAt.getTime() + minutes * 60_000);
  // Each level acknowledged well before its deadline; the prefecture bureau (outside) told by phone.
  const done: Record<string, { at: Date; note: string; how?: string; contact?: string }> = {
    town: { at: told(20), note: '已知悉，派员跟进' },
    funeral_affairs_centre: { at: told(25), note: '已知悉，督导专用车辆和火化炉' },
    bureau: { at: told(70), note: '已知悉' },
    prefecture_bureau: { at: told(100), note: '已电话报告', how: 'phone', contact: '地级市民政局社会事务科' },
  };
  await db.insert(incidentSteps).values(plan.map((p) => {
    const d = done[p.to];
    return { incidentId: incident.id, receiver: p.to, dueAt: p.dueAt, doneAt: d?.at ?? null, note: d?.note ?? null, how: d?.how ?? null, contact: d?.contact ?? null };
  }));
  await db.insert(incidentEvents).values([
    { incidentId: incident.id, kind: 'opened', at: openedAt, note: `${HOSPITAL}通知疑似病例死亡` },
    ...plan.flatMap((p) => {
      const d = done[p.to];
      if (!d) return [];
      return [d.how
        ? { incidentId: incident.id, kind: 'outside_notified', at: d.at, receiver: p.to, how: d.how, note: [d.contact, d.note].join(' · ') }
        : { incidentId: incident.id, kind: 'step_done', at: d.at, receiver: p.to, note: d.note }];
    }),
  ].sort((a, b) => a.at.getTime() - b.at.getTime()));

  const [covid] = await db.insert(covidCases).values({
    siteId: site.id, orgPath: site.path, deceasedName: who.name, deceasedIdEnc: who.idEnc, deceasedIdLast4: who.idLast4, deceasedIdHash: who.idHash,
    cause: 'covid_suspected', dateOfDeath: localDay(new Date(openedAt.getTime() - 2 * HOUR)), hospital: HOSPITAL, incidentId: incident.id, openedAt,
  }).returning({ id: covidCases.id });
  if (!covid) throw new Error('no covid case');
  const doneAt: Partial<Record<CovidCaseStep, Date>> = {};
  const rows = steps.map(({ step, at }) => {
    const due = covidStepDeadline(step, doneAt, POLICY);
    doneAt[step] = at;
    const record = STEP_RECORD[step] ?? { facts: {}, note: null };
    return { caseId: covid.id, step, seq: COVID_CASE_STEPS.indexOf(step) + 1, at, byName: pick(s.rng, staff), facts: record.facts, note: record.note, dueAt: due };
  });
  await db.insert(covidCaseSteps).values(rows);
}
