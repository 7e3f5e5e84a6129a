import { idCheckCharacter } from '@fangkong/domain';
import { chance, int, pick, weighted, type Rng } from './random.js';

/*
 * Names, ID numbers and phones of synthetic people: plausible for Fujian, valid by the rules the
 * people service checks (GB 11643-1999 check character, 1[3-9] mobiles), and unique within one
 * generation. Nothing here is a real person's: the numbers are drawn, not looked up.
 */

export type GeneratedKind = 'resident' | 'child' | 'client' | 'staff';
export type Sex = 'male' | 'female';

/** Birth years by kind, inclusive: elderly residents, children in care, adult rescue clients, working-age staff. */
export const BIRTH_YEARS: Readonly<Record<GeneratedKind, readonly [number, number]>> = {
  resident: [1925, 1960],
  child: [2006, 2022],
  client: [1950, 2000],
  staff: [1965, 2002],
};

/**
 * County-level region codes of Fujian (35xxxx) by prefecture. Codes of the time of birth count,
 * so former codes (350402 梅列区, 350403 三元区 before their 2021 merger) are as valid as current ones.
 */
export const FUJIAN_REGIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  福州市: {
    350102: '鼓楼区', 350103: '台江区', 350104: '仓山区', 350105: '马尾区', 350111: '晋安区', 350112: '长乐区',
    350121: '闽侯县', 350122: '连江县', 350123: '罗源县', 350124: '闽清县', 350125: '永泰县', 350128: '平潭县', 350181: '福清市',
  },
  厦门市: { 350203: '思明区', 350205: '海沧区', 350206: '湖里区', 350211: '集美区', 350212: '同安区', 350213: '翔安区' },
  莆田市: { 350302: '城厢区', 350303: '涵江区', 350304: '荔城区', 350305: '秀屿区', 350322: '仙游县' },
  三明市: { 350402: '梅列区', 350403: '三元区', 350421: '明溪县', 350423: '清流县', 350424: '宁化县', 350425: '大田县', 350426: '尤溪县', 350481: '永安市' },
  泉州市: {
    350502: '鲤城区', 350503: '丰泽区', 350504: '洛江区', 350505: '泉港区', 350521: '惠安县', 350524: '安溪县',
    350525: '永春县', 350526: '德化县', 350581: '石狮市', 350582: '晋江市', 350583: '南安市',
  },
  漳州市: { 350602: '芗城区', 350603: '龙文区', 350622: '云霄县', 350623: '漳浦县', 350624: '诏安县', 350626: '东山县', 350627: '南靖县', 350681: '龙海市' },
  南平市: { 350702: '延平区', 350703: '建阳区', 350721: '顺昌县', 350722: '浦城县', 350781: '邵武市', 350782: '武夷山市', 350783: '建瓯市' },
  龙岩市: { 350802: '新罗区', 350803: '永定区', 350821: '长汀县', 350823: '上杭县', 350824: '武平县', 350825: '连城县', 350881: '漳平市' },
  宁德市: { 350902: '蕉城区', 350921: '霞浦县', 350922: '古田县', 350923: '屏南县', 350981: '福安市', 350982: '福鼎市' },
};

const ALL_REGIONS = Object.values(FUJIAN_REGIONS).flatMap((m) => Object.keys(m));

/** The prefecture a region code belongs to. */
export function prefectureOf(region: string): string {
  for (const [name, codes] of Object.entries(FUJIAN_REGIONS)) if (region in codes) return name;
  throw new Error(`${region} is not a Fujian region code of this generator`);
}

/**
 * Where a person of a place was born: mostly its own county, often elsewhere in the prefecture,
 * sometimes elsewhere in the province.
 */
export function birthRegion(rng: Rng, home: string): string {
  const x = rng();
  if (x < 0.55) return home;
  if (x < 0.85) return pick(rng, Object.keys(FUJIAN_REGIONS[prefectureOf(home)] ?? {}));
  return pick(rng, ALL_REGIONS);
}

// Surnames by their frequency in Fujian, where 陈 and 林 lead (per cent, rounded; the tail is spread thin).
const SURNAME = weighted<string>([
  ['陈', 11.5], ['林', 9.5], ['黄', 6], ['张', 4.5], ['吴', 4.2], ['王', 3.8], ['郑', 3.6], ['李', 3.5], ['刘', 3], ['杨', 2.4],
  ['许', 1.9], ['蔡', 1.8], ['谢', 1.6], ['何', 1.4], ['洪', 1.3], ['郭', 1.3], ['邱', 1.2], ['曾', 1.2], ['叶', 1.2], ['游', 1],
  ['苏', 1], ['庄', 1], ['周', 0.9], ['江', 0.9], ['罗', 0.9], ['卢', 0.9], ['朱', 0.8], ['徐', 0.8], ['施', 0.8], ['魏', 0.7],
  ['余', 0.7], ['柯', 0.6], ['傅', 0.6], ['方', 0.6], ['潘', 0.6], ['胡', 0.6], ['赖', 0.6], ['钟', 0.5], ['詹', 0.5], ['翁', 0.5],
  ['沈', 0.5], ['高', 0.5], ['连', 0.4], ['邓', 0.4], ['温', 0.4], ['姚', 0.4], ['康', 0.4], ['孙', 0.4], ['欧阳', 0.1], ['上官', 0.05],
  ['马', 0.3], ['唐', 0.3], ['宋', 0.3], ['梁', 0.3], ['范', 0.3], ['汤', 0.2], ['丁', 0.2], ['戴', 0.2], ['严', 0.2], ['薛', 0.2],
]);

// Given names follow the fashions of their generation: characters common among people born then.
interface NamePool {
  /** Whole two-character names, the common ones. */
  whole: readonly string[];
  first: string;
  second: string;
  single: string;
  /** Share of one-character given names. */
  singleShare: number;
}

const POOLS: Readonly<Record<'elderly' | 'adult' | 'child', Readonly<Record<Sex, NamePool>>>> = {
  elderly: {
    male: {
      whole: ['建国', '国庆', '德明', '福生', '永福', '金水', '水生', '文华', '志明', '长寿', '天赐', '振华', '宗德', '家福', '荣华', '清泉', '木兴', '春生', '国华', '建华', '国栋', '炳坤', '金福', '文彬'],
      first: '国建德福永金水文志长振宗家荣清春炳明秀添', second: '生华明福德成发兴山林财全祥贵昌忠才泉土根', single: '福明德忠勇华贵财发林山', singleShare: 0.12,
    },
    female: {
      whole: ['秀英', '桂兰', '玉兰', '凤英', '淑珍', '金花', '春梅', '秋菊', '玉珍', '秀珍', '美珠', '宝珠', '月娥', '素梅', '丽华', '金凤', '秀兰', '玉英', '亚妹', '阿娇', '银花', '桂香'],
      first: '秀玉桂金美宝月素丽凤淑春秋银亚碧翠爱', second: '英兰珍花梅菊珠娥凤香琴芳莲妹娇玉云霞', single: '英兰珍梅娥凤香琴', singleShare: 0.1,
    },
  },
  adult: {
    male: {
      whole: ['志强', '建平', '海峰', '文斌', '晓东', '俊杰', '明亮', '志伟', '伟明', '家豪', '宇航', '建辉', '振宇', '国平', '永强', '志华', '海涛', '文杰', '少华', '晓峰'],
      first: '志建海文晓俊明伟家宇振国永少立鸿', second: '强平峰斌东杰亮伟明豪辉宇涛华军勇鹏', single: '伟强磊军勇杰涛斌鹏斌超峰辉', singleShare: 0.28,
    },
    female: {
      whole: ['丽娟', '海燕', '秀芳', '晓燕', '雪梅', '美玲', '丽萍', '小红', '慧敏', '佳丽', '思琪', '艳红', '丽清', '秀娟', '婷婷', '晓丽', '雅琴', '冬梅', '春燕', '惠珍'],
      first: '丽海秀晓雪美小慧佳思艳雅冬春惠淑玉', second: '娟燕芳梅玲萍红敏丽琪清琴珍霞婷莉华', single: '丽静敏燕芳娟霞婷颖洁琳', singleShare: 0.3,
    },
  },
  child: {
    male: {
      whole: ['子轩', '浩宇', '宇轩', '梓豪', '俊熙', '子豪', '浩然', '一鸣', '博文', '承泽', '沐阳', '梓睿', '奕辰', '皓轩', '锦程', '宇泽', '子墨', '俊宇', '睿哲', '铭轩'],
      first: '子浩宇梓俊一博承沐奕皓锦睿铭思嘉', second: '轩宇豪熙然鸣文泽阳睿辰程墨哲涵航', single: '睿轩航宸洋浩杰哲', singleShare: 0.15,
    },
    female: {
      whole: ['欣怡', '梓涵', '诗涵', '一诺', '子涵', '雨桐', '可馨', '梓萱', '欣妍', '思涵', '语嫣', '若曦', '佳怡', '紫涵', '雨欣', '诗琪', '梦瑶', '依诺', '芷若', '沐瑶'],
      first: '欣梓诗一子雨可思语若佳紫梦依芷沐', second: '怡涵诺桐馨萱妍嫣曦欣琪瑶若涵琳悦', single: '悦琪妍萱琳彤瑶', singleShare: 0.15,
    },
  },
};

/** The generation a kind's given names come from. */
function poolOf(kind: GeneratedKind | 'relative', birthYear: number): 'elderly' | 'adult' | 'child' {
  if (kind === 'child') return 'child';
  if (birthYear < 1962) return 'elderly';
  return birthYear >= 2005 ? 'child' : 'adult';
}

/** One character of a string of (BMP) characters. */
function pickChar(rng: Rng, chars: string): string {
  return chars[Math.floor(rng() * chars.length)] ?? '';
}

function givenName(rng: Rng, pool: NamePool): string {
  if (chance(rng, pool.singleShare)) return pickChar(rng, pool.single);
  if (chance(rng, 0.5)) return pick(rng, pool.whole);
  const a = pickChar(rng, pool.first);
  let b = pickChar(rng, pool.second);
  // "明明" and the like are real, but rare.
  if (b === a && !chance(rng, 0.2)) b = pickChar(rng, pool.second);
  return a + b;
}

export function surname(rng: Rng): string {
  return SURNAME(rng);
}

/** A full name for a person of this kind, sex and birth year; `family` keeps a relative's surname. */
export function chineseName(rng: Rng, kind: GeneratedKind | 'relative', sex: Sex, birthYear: number, family?: string): string {
  return (family ?? surname(rng)) + givenName(rng, POOLS[poolOf(kind, birthYear)][sex]);
}

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 30;
}

/** A birth date in the kind's range; elderly residents cluster in their eighties rather than spreading evenly. */
export function birthDate(rng: Rng, kind: GeneratedKind): BirthDate {
  const [lo, hi] = BIRTH_YEARS[kind];
  // The mean of two draws: a triangle peaking mid-range (for residents, the late 1930s to 1940s).
  const year = kind === 'resident' || kind === 'staff'
    ? lo + Math.floor(((rng() + rng()) / 2) * (hi - lo + 1))
    : int(rng, lo, hi);
  const month = int(rng, 1, 12);
  return { year, month, day: int(rng, 1, daysIn(year, month)) };
}

export function isoDate(b: BirthDate): string {
  return `${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
}

/** Draws ID numbers and mobile phones, none twice in one generation. */
export class IdentityRegistry {
  private readonly ids = new Set<string>();
  private readonly phones = new Set<string>();

  /**
   * An 18-character ID number: region, birth date, a sequence whose parity states the sex (odd for
   * men), and the MOD 11-2 check character. A collision draws another sequence.
   */
  idNumber(rng: Rng, region: string, birth: BirthDate, sex: Sex): string {
    const date = isoDate(birth).replace(/-/g, '');
    // 000 is not issued; the parity carries the sex: 499 sequences per place, day and sex.
    const make = (n: number) => {
      const first17 = `${region}${date}${String(n * 2 + (sex === 'male' ? 1 : 2)).padStart(3, '0')}`;
      return first17 + idCheckCharacter(first17);
    };
    for (let attempt = 0; attempt < 20; attempt++) {
      const id = make(int(rng, 0, 498));
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
    // Crowded (never at the sizes generated, but certain): the first free sequence.
    for (let n = 0; n < 499; n++) {
      const id = make(n);
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
    throw new Error(`no free ID number for ${region} ${date} ${sex}`);
  }

  /** A mainland mobile number: a carrier prefix in use, eight digits. */
  phone(rng: Rng): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const phone = pick(rng, MOBILE_PREFIXES) + String(int(rng, 0, 99_999_999)).padStart(8, '0');
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
    throw new Error('no free phone number');
  }
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '173', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189', '191', '193', '195', '198', '199',
];
