import type { CareType, SitePlan, TownPlan } from './plan.js';
import {
  birthDate, birthRegion, chineseName, isoDate, surname, type GeneratedKind, type IdentityRegistry, type Sex,
} from './identity.js';
import { chance, int, pick, stream, syntheticUuid } from './random.js';

/** The generated days: day offset 0 is `start`, `days - 1` is today. */
export interface Period {
  days: number;
  start: string;
  today: string;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface PlannedPerson {
  id: string;
  kind: GeneratedKind;
  name: string;
  sex: Sex;
  idNumber: string;
  phone: string | null;
  post: string | null;
  room: string | null;
  bed: string | null;
  status: 'present' | 'on_leave' | 'left';
  joinedOn: string;
  leftOn: string | null;
  statusSince: string;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  /** Day offsets: joined (negative: before the period), first day at the site within the period, first day away (exclusive end). */
  joinD: number;
  fromD: number;
  toD: number;
}

const MEMBER_KIND: Readonly<Record<CareType, GeneratedKind | null>> = {
  elderly_care: 'resident', child_welfare: 'child', rescue_station: 'client', funeral: null,
};

/**
 * Share of a kind that comes and goes in a year: homes turn over slowly, a rescue station's clients
 * stay weeks rather than years.
 */
const TURNOVER: Readonly<Record<GeneratedKind, number>> = { resident: 0.18, child: 0.12, client: 4, staff: 0.1 };

/** How long ago (days) someone already there at the start may have joined, and how long a stay lasts for someone who left. */
const BACK: Readonly<Record<GeneratedKind, readonly [number, number]>> = { resident: [1, 3650], child: [1, 3000], client: [1, 90], staff: [1, 5475] };
const STAY: Readonly<Record<GeneratedKind, readonly [number, number]>> = { resident: [20, 2500], child: [60, 2000], client: [2, 90], staff: [90, 3650] };
/** Youngest age at joining: homes admit the elderly from about sixty, staff and clients are adults. */
const MIN_AGE: Readonly<Record<GeneratedKind, number>> = { resident: 58, child: 0, client: 18, staff: 18 };

/** Share of women: residents of homes live longer, rescue clients are mostly men, carers mostly women. */
function femaleShare(kind: GeneratedKind, type: CareType): number {
  if (kind === 'staff') return type === 'funeral' ? 0.35 : type === 'rescue_station' ? 0.45 : 0.72;
  return kind === 'resident' ? 0.56 : kind === 'client' ? 0.22 : 0.48;
}

const POSTS: Readonly<Record<CareType, readonly string[]>> = {
  elderly_care: ['护理员', '护理员', '护理员', '护理员', '护理员', '护理员', '护士', '医生', '厨师', '保洁员', '保安', '社工', '康复师', '副院长', '会计'],
  child_welfare: ['保育员', '保育员', '保育员', '保育员', '教师', '教师', '护士', '医生', '社工', '厨师', '保安', '副院长'],
  rescue_station: ['救助员', '救助员', '救助员', '管理员', '保安', '保安', '医生', '厨师', '副站长'],
  funeral: ['遗体接运工', '遗体接运工', '火化工', '火化工', '遗体整容师', '礼仪师', '礼仪师', '业务员', '业务员', '保安', '保洁员', '副馆长'],
};
const HEAD: Readonly<Record<CareType, string>> = { elderly_care: '院长', child_welfare: '院长', rescue_station: '站长', funeral: '馆长' };

/** Rooms and beds as homes number them: building-floor-room for homes, dormitories at a rescue station. */
function roomOf(type: CareType, i: number, perRoom: number): { room: string; bed: string } {
  const r = Math.floor(i / perRoom);
  const bed = String(1 + (i % perRoom));
  switch (type) {
    case 'elderly_care': return { room: `${1 + Math.floor(r / 60)}-${1 + Math.floor((r % 60) / 12)}${String(1 + (r % 12)).padStart(2, '0')}`, bed };
    case 'child_welfare': return { room: `${1 + Math.floor(r / 10)}${String(1 + (r % 10)).padStart(2, '0')}`, bed };
    case 'rescue_station': return { room: `${1 + r}号寝室`, bed };
    case 'funeral': return { room: '', bed: '' };
    default: {
      const never: never = type;
      throw new Error(`unknown site type ${String(never)}`);
    }
  }
}

interface Draft {
  kind: GeneratedKind;
  joinD: number;
  leaveD: number | null;
  /** Day offset the current leave began, for someone away today. */
  awaySince: number | null;
}

/**
 * The people of one site, present today and gone during the period: names, ID numbers, phones,
 * posts, rooms and the days they were there. Deterministic from the seed and the site.
 */
export function generateSitePeople(seed: number, unit: number, site: SitePlan, town: TownPlan, period: Period, registry: IdentityRegistry): PlannedPerson[] {
  const rng = stream(seed, `people/${unit}/${site.code}`);
  const { days, start } = period;
  const memberKind = MEMBER_KIND[site.type];
  const perRoom = site.type === 'elderly_care' ? int(rng, 2, 3) : site.type === 'child_welfare' ? 4 : 6;
  const drafts: Draft[] = [];
  const add = (kind: GeneratedKind, present: number) => {
    // The share who arrived during the period equals the share who left, so occupancy holds steady.
    const churn = 1 - Math.exp(-TURNOVER[kind] * (days / 365));
    for (let i = 0; i < present; i++) {
      const joinD = days > 1 && chance(rng, churn) ? int(rng, 1, days - 1) : -int(rng, ...BACK[kind]);
      // A few are away today (home leave, sick leave): not in today's round, and not in the last days'.
      const away = kind !== 'client' && days > 2 && chance(rng, kind === 'staff' ? 0.02 : 0.015) ? days - int(rng, 1, Math.min(10, days - 1)) : null;
      drafts.push({ kind, joinD, leaveD: null, awaySince: away !== null && away > Math.max(0, joinD) ? away : null });
    }
    const gone = days > 1 ? Math.round(present * churn) : 0;
    for (let i = 0; i < gone; i++) {
      const leaveD = int(rng, 1, days - 1);
      drafts.push({ kind, joinD: leaveD - int(rng, ...STAY[kind]), leaveD, awaySince: null });
    }
  };
  if (memberKind) add(memberKind, site.members);
  add('staff', site.staff);

  let memberIndex = 0;
  let staffIndex = 0;
  return drafts.map((d, n): PlannedPerson => {
    const female = chance(rng, femaleShare(d.kind, site.type));
    const sex: Sex = female ? 'female' : 'male';
    const birth = birthDate(rng, d.kind);
    const born = isoDate(birth);
    // Nobody joins before the age the site admits them at.
    const earliest = dayDiff(start, `${birth.year + MIN_AGE[d.kind]}-${born.slice(5)}`.replace('-02-29', '-02-28'));
    const joinD = Math.max(d.joinD, Math.min(earliest + 1, d.leaveD ?? days - 1));
    const family = surname(rng);
    const name = chineseName(rng, d.kind, sex, birth.year, family);
    const idNumber = registry.idNumber(rng, birthRegion(rng, town.region), birth, sex);
    const wantsPhone = d.kind === 'staff' ? 1 : d.kind === 'resident' ? 0.45 : d.kind === 'client' ? 0.35 : 0;
    const phone = chance(rng, wantsPhone) ? registry.phone(rng) : null;
    let emergencyContactName: string | null = null;
    let emergencyContactPhone: string | null = null;
    if ((d.kind === 'resident' && chance(rng, 0.92)) || (d.kind === 'client' && chance(rng, 0.15))) {
      // A son or daughter usually; they carry the family name more often than not.
      const relSex: Sex = chance(rng, 0.5) ? 'male' : 'female';
      emergencyContactName = chineseName(rng, 'relative', relSex, birth.year + int(rng, 22, 36), chance(rng, 0.6) ? family : undefined);
      emergencyContactPhone = registry.phone(rng);
    }
    let post: string | null = null;
    let room: string | null = null;
    let bed: string | null = null;
    if (d.kind === 'staff') {
      post = staffIndex === 0 ? HEAD[site.type] : pick(rng, POSTS[site.type]);
      staffIndex++;
    } else {
      ({ room, bed } = roomOf(site.type, memberIndex++, perRoom));
    }
    const joinedOn = addDays(start, joinD);
    const leftOn = d.leaveD === null ? null : addDays(start, d.leaveD);
    const status = d.leaveD !== null ? 'left' : d.awaySince !== null ? 'on_leave' : 'present';
    return {
      id: syntheticUuid(seed, `person/${unit}/${site.code}/${n}`), kind: d.kind, name, sex, idNumber, phone, post, room, bed, status,
      joinedOn, leftOn, statusSince: leftOn ?? (d.awaySince !== null ? addDays(start, d.awaySince) : joinedOn),
      emergencyContactName, emergencyContactPhone, joinD,
      fromD: Math.max(0, joinD), toD: d.leaveD ?? d.awaySince ?? days,
    };
  });
}
