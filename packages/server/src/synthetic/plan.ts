import type { SiteType } from '@fangkong/domain';
import { FUJIAN_REGIONS } from './identity.js';
import { chance, int, pick, stream, syntheticUuid, type Rng } from './random.js';

/*
 * The shape of a synthetic jurisdiction, before any person is drawn: which towns, which care and
 * welfare sites of which size, which villages and communities. A "unit" is one city's worth: the
 * whole tree at city scale, one of twenty county-level cities at province scale.
 */

export type Scale = 'small' | 'city' | 'province';
export const SCALES: readonly Scale[] = ['small', 'city', 'province'];

/** Care and welfare sites: the ones with people, rooms, readings, visits and stock. */
export type CareType = Exclude<SiteType, 'community'>;

export interface SitePlan {
  id: string;
  name: string;
  type: CareType;
  code: string;
  address: string;
  /** People the site looks after (residents, children or clients) present today. */
  members: number;
  staff: number;
  /** Places (beds); none for a funeral home. */
  capacity: number | null;
}

export interface TownPlan {
  id: string;
  name: string;
  code: string;
  /** The county a town belongs to: most of its people were born there. */
  region: string;
  sites: SitePlan[];
  communities: { id: string; name: string; code: string }[];
}

export interface UnitPlan {
  index: number;
  /** The city's name ("福州市"), shown in the names of its city-level institutions. */
  name: string;
  towns: TownPlan[];
}

/** People (present today) of one unit's care and welfare sites at city and province scale. */
export const UNIT_PEOPLE = 20_000;

/** The twenty county-level cities of the province scale, with their region codes. */
const PROVINCE_UNITS: readonly (readonly [string, string])[] = [
  ['福清市', '350181'], ['晋江市', '350582'], ['南安市', '350583'], ['闽侯县', '350121'], ['仙游县', '350322'],
  ['安溪县', '350524'], ['惠安县', '350521'], ['漳浦县', '350623'], ['龙海市', '350681'], ['福安市', '350981'],
  ['长乐区', '350112'], ['连江县', '350122'], ['石狮市', '350581'], ['永安市', '350481'], ['建瓯市', '350783'],
  ['上杭县', '350823'], ['古田县', '350922'], ['邵武市', '350781'], ['新罗区', '350802'], ['福鼎市', '350982'],
];
export const PROVINCE_CITIES = PROVINCE_UNITS.length;

export function rootName(scale: Scale): string {
  return scale === 'province' ? '福建省民政厅' : '福州市民政局';
}

export function unitCount(scale: Scale, cities: number | undefined): number {
  if (scale !== 'province') return 1;
  return Math.min(PROVINCE_CITIES, Math.max(1, cities ?? PROVINCE_CITIES));
}

// Place names are made of two common characters of southern Chinese toponyms ("东湖", "洋头").
const PLACE_FIRST = '东西南北上下中新大小金龙凤青白石安永福长高梅桃竹松洪江湖海云双三五玉华兴仁义和平';
const PLACE_SECOND = '湖山岭港溪坑洋田塘口坂头埔厝亭屿峰桥洲江阳城林园坪墩岐坝源';

function placeName(rng: Rng, used: Set<string>): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const a = PLACE_FIRST[int(rng, 0, PLACE_FIRST.length - 1)] ?? '东';
    const b = PLACE_SECOND[int(rng, 0, PLACE_SECOND.length - 1)] ?? '湖';
    if (a === b || used.has(a + b)) continue;
    used.add(a + b);
    return a + b;
  }
  throw new Error('ran out of place names');
}

const HOME_NAMES = ['福寿', '康乐', '松鹤', '颐和', '长青', '安康', '乐龄', '晚晴', '怡和', '祥和', '鹤龄', '寿康', '金秋', '福满', '仁爱', '慈恩', '安泰', '康宁', '福馨', '惠民', '孝亲', '椿萱', '夕阳红', '百福'];
const HOME_SUFFIXES = ['养老院', '敬老院', '老年公寓', '颐养院', '护理院', '康养中心'];
const ROADS = ['解放路', '人民路', '中山路', '建设路', '和平路', '胜利路', '滨江路', '府前路', '新华路', '五一路', '工业路', '学院路', '环城路', '丰收路', '育才路'];

const SITE_CODE: Readonly<Record<CareType, string>> = { elderly_care: 'EC', child_welfare: 'CW', rescue_station: 'RS', funeral: 'FU' };

/** How many of each type a city has: mostly elderly care; one city-level home of each other type, a few district ones. */
const CITY_SITES: Readonly<Record<CareType, number>> = { elderly_care: 48, child_welfare: 4, rescue_station: 3, funeral: 5 };
const CITY_TOWNS = 8;

/** Sizes before scaling: who a site looks after, and its staff per person looked after. */
function rawSize(rng: Rng, type: CareType, cityLevel: boolean): { members: number; staffRatio: number; staff?: number } {
  switch (type) {
    // From a 30-bed township home to an 800-bed city home; about one carer per four residents.
    case 'elderly_care': return { members: Math.round(40 + 500 * rng() ** 2.2 + (cityLevel ? 300 : 0)), staffRatio: 0.2 + 0.12 * rng() };
    // Children's homes are staffed closely.
    case 'child_welfare': return { members: cityLevel ? int(rng, 120, 200) : int(rng, 30, 80), staffRatio: 0.5 + 0.3 * rng() };
    case 'rescue_station': return { members: cityLevel ? int(rng, 50, 90) : int(rng, 12, 35), staffRatio: 0.45 + 0.2 * rng() };
    // A funeral home's people are its staff.
    case 'funeral': return { members: 0, staffRatio: 0, staff: cityLevel ? int(rng, 60, 110) : int(rng, 12, 30) };
    default: {
      const never: never = type;
      throw new Error(`unknown site type ${String(never)}`);
    }
  }
}

const QUARTERS = ['城东', '城西', '城南', '城北', '滨江', '新区', '东片', '西片'];

function siteName(rng: Rng, type: CareType, city: string, townShort: string, cityLevel: boolean, firstInTown: boolean, used: Set<string>): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    // A second home of a type in one town is told apart by its quarter.
    const where = attempt === 0 ? townShort : `${townShort}${QUARTERS[(attempt - 1) % QUARTERS.length] ?? ''}`;
    let name: string;
    switch (type) {
      case 'elderly_care':
        name = firstInTown && attempt === 0 ? `${townShort}中心敬老院` : `${townShort}${pick(rng, HOME_NAMES)}${pick(rng, HOME_SUFFIXES)}`;
        break;
      case 'child_welfare': name = cityLevel ? `${city}儿童福利院` : `${where}儿童关爱服务中心`; break;
      case 'rescue_station': name = cityLevel ? `${city}救助管理站` : `${where}救助站`; break;
      case 'funeral': name = cityLevel ? `${city}殡仪馆` : `${where}殡仪服务站`; break;
      default: {
        const never: never = type;
        throw new Error(`unknown site type ${String(never)}`);
      }
    }
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  throw new Error('ran out of site names');
}

/** The plan of one unit; pure: the same seed, scale and index give the same plan. */
export function planUnit(seed: number, scale: Scale, index: number): UnitPlan {
  const rng = stream(seed, `plan/${index}`);
  const id = (label: string) => syntheticUuid(seed, `node/${index}/${label}`);
  const [cityName, cityRegion] = scale === 'province' ? (PROVINCE_UNITS[index] ?? ['', '']) : ['福州市', ''];
  const fuzhou = Object.keys(FUJIAN_REGIONS['福州市'] ?? {});
  const usedPlaces = new Set<string>();
  const usedSites = new Set<string>();
  const unitCode = String(index + 1).padStart(2, '0');

  if (scale === 'small') {
    const place = placeName(rng, usedPlaces);
    const town: TownPlan = { id: id('town/0'), name: `${place}镇`, code: `T${unitCode}01`, region: '350121', sites: [], communities: [] };
    town.sites.push({
      id: id('site/0'), name: `${place}中心敬老院`, type: 'elderly_care', code: `EC-${unitCode}-001`,
      address: `${town.name}${pick(rng, ROADS)}${int(rng, 1, 200)}号`, members: 48, staff: 12, capacity: 56,
    });
    return { index, name: cityName, towns: [town] };
  }

  // Counties have a couple of urban sub-districts (街道) and mostly towns (镇), with a township (乡) or two.
  const townKinds = scale === 'province' ? ['街道', '街道', '镇', '镇', '镇', '镇', '镇', '乡'] : ['街道', '街道', '街道', '镇', '镇', '镇', '镇', '镇'];
  const towns: TownPlan[] = townKinds.slice(0, CITY_TOWNS).map((kind, t) => {
    const place = placeName(rng, usedPlaces);
    const townId = id(`town/${t}`);
    // Villages (村) in towns, residents' communities (社区) in sub-districts and town centres.
    const localPlaces = new Set<string>([place]);
    const communities = Array.from({ length: int(rng, 22, 38) }, (_, c) => {
      const suffix = kind === '街道' || c < 2 ? '社区' : '村';
      return { id: id(`community/${t}/${c}`), name: `${placeName(rng, localPlaces)}${suffix}`, code: `C${unitCode}${String(t + 1).padStart(2, '0')}${String(c + 1).padStart(3, '0')}` };
    });
    return {
      id: townId, name: `${scale === 'province' ? cityName : ''}${place}${kind}`, code: `T${unitCode}${String(t + 1).padStart(2, '0')}`,
      region: scale === 'province' ? cityRegion : pick(rng, fuzhou), sites: [], communities,
    };
  });

  // City-level institutions sit in the first (urban) town; the others are spread over the towns.
  const slots: { type: CareType; cityLevel: boolean; town: number }[] = [];
  for (const [type, n] of Object.entries(CITY_SITES) as [CareType, number][]) {
    for (let i = 0; i < n; i++) {
      const town = type === 'elderly_care' ? i % CITY_TOWNS : i === 0 ? 0 : int(rng, 0, CITY_TOWNS - 1);
      slots.push({ type, cityLevel: type !== 'elderly_care' && i === 0, town });
    }
  }
  const raw = slots.map((s) => ({ ...s, ...rawSize(rng, s.type, s.cityLevel || (s.type === 'elderly_care' && s.town === 0 && chance(rng, 0.3))) }));
  // Elderly care takes whatever the other types leave of the unit's people: scale its homes to fit.
  const fixed = raw.filter((r) => r.type !== 'elderly_care').reduce((n, r) => n + r.members + (r.staff ?? Math.max(3, Math.round(r.members * r.staffRatio))), 0);
  const elderlyRaw = raw.filter((r) => r.type === 'elderly_care').reduce((n, r) => n + r.members * (1 + r.staffRatio), 0);
  const factor = (UNIT_PEOPLE - fixed) / elderlyRaw;
  const counters = new Map<CareType, number>();
  for (const r of raw) {
    const town = towns[r.town];
    if (!town) throw new Error('no town');
    const members = r.type === 'elderly_care' ? Math.max(12, Math.round(r.members * factor)) : r.members;
    const staff = r.staff ?? Math.max(3, Math.round(members * r.staffRatio));
    const n = (counters.get(r.type) ?? 0) + 1;
    counters.set(r.type, n);
    const townShort = town.name.replace(cityName, '').replace(/(街道|镇|乡)$/, '');
    const firstInTown = r.type === 'elderly_care' && !town.sites.some((s) => s.type === 'elderly_care');
    town.sites.push({
      id: id(`site/${r.type}/${n}`), name: siteName(rng, r.type, cityName, townShort, r.cityLevel, firstInTown, usedSites), type: r.type,
      code: `${SITE_CODE[r.type]}-${unitCode}-${String(n).padStart(3, '0')}`,
      address: `${town.name}${pick(rng, ROADS)}${int(rng, 1, 300)}号`, members, staff,
      capacity: r.type === 'funeral' ? null : Math.round(members * (r.type === 'rescue_station' ? 1.6 : 1.05 + 0.25 * rng())),
    });
  }
  return { index, name: cityName, towns };
}
