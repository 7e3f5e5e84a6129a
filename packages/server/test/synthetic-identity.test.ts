import { describe, expect, it } from 'vitest';
import { PHONE_PATTERN, checkIdNumber, idNumberFacts } from '@fangkong/domain';
import { BIRTH_YEARS, FUJIAN_REGIONS, IdentityRegistry, birthDate, birthRegion, chineseName, isoDate, surname, type GeneratedKind } from '../src/synthetic/identity.js';
import { planUnit } from '../src/synthetic/plan.js';
import { generateSitePeople } from '../src/synthetic/people.js';
import { stream, syntheticUuid } from '../src/synthetic/random.js';

/* The pure parts of the synthetic generator: no database. */

const KINDS: GeneratedKind[] = ['resident', 'child', 'client', 'staff'];
const REGIONS = new Set(Object.values(FUJIAN_REGIONS).flatMap((m) => Object.keys(m)));

describe('seeded streams', () => {
  it('repeat for the same seed and label, and differ otherwise', () => {
    const draw = (seed: number, label: string) => Array.from({ length: 5 }, stream(seed, label));
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
    for (const x of draw(3, 'c')) expect(x >= 0 && x < 1).toBe(true);
  });

  it('name UUIDs by seed and label', () => {
    const id = syntheticUuid(1, 'person/0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(syntheticUuid(1, 'person/0')).toBe(id);
    expect(syntheticUuid(2, 'person/0')).not.toBe(id);
  });
});

describe('identities', () => {
  it('draws valid 18-character ID numbers, with the sex in the sequence parity and a Fujian region', () => {
    const rng = stream(1, 'ids');
    const registry = new IdentityRegistry();
    const today = '2026-01-01';
    for (let i = 0; i < 5000; i++) {
      const kind = KINDS[i % KINDS.length] ?? 'staff';
      const sex = i % 3 === 0 ? 'female' : 'male';
      const birth = birthDate(rng, kind);
      const id = registry.idNumber(rng, birthRegion(rng, '350102'), birth, sex);
      const check = checkIdNumber(id, today);
      if (!check.ok) throw new Error(`${id}: ${check.issue}`);
      expect(check.value).toBe(id);
      expect(REGIONS.has(check.region)).toBe(true);
      expect(idNumberFacts(id)).toEqual({ sex, birthDate: isoDate(birth) });
      expect(id.slice(14, 17)).not.toBe('000');
    }
  });

  it('never draws an ID number twice, even for people born on the same day in the same place', () => {
    const rng = stream(2, 'same-day');
    const registry = new IdentityRegistry();
    const birth = { year: 1940, month: 2, day: 29 };
    const ids = Array.from({ length: 400 }, () => registry.idNumber(rng, '350103', birth, 'male'));
    expect(new Set(ids).size).toBe(400);
    // 499 odd sequences exist for one place, day and sex; the 500th cannot be drawn.
    for (let i = 400; i < 499; i++) registry.idNumber(rng, '350103', birth, 'male');
    expect(() => registry.idNumber(rng, '350103', birth, 'male')).toThrow(/no free ID number/);
  });

  it('keeps birth dates in each kind\'s years, and real calendar days', () => {
    const rng = stream(3, 'births');
    for (const kind of KINDS) {
      const [lo, hi] = BIRTH_YEARS[kind];
      for (let i = 0; i < 2000; i++) {
        const b = birthDate(rng, kind);
        expect(b.year).toBeGreaterThanOrEqual(lo);
        expect(b.year).toBeLessThanOrEqual(hi);
        const iso = isoDate(b);
        expect(new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(iso);
      }
    }
  });

  it('draws unique mainland mobile numbers', () => {
    const rng = stream(4, 'phones');
    const registry = new IdentityRegistry();
    const phones = Array.from({ length: 10_000 }, () => registry.phone(rng));
    for (const p of phones) expect(p).toMatch(PHONE_PATTERN);
    for (const p of phones) expect(p).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('names people as Fujian names look: 陈 and 林 first, two to four characters, of their generation', () => {
    const rng = stream(5, 'names');
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const s = surname(rng);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
    expect(top.slice(0, 2)).toEqual(['陈', '林']);
    expect(counts.size).toBeGreaterThan(40);
    const elderly = Array.from({ length: 500 }, () => chineseName(rng, 'resident', 'female', 1938));
    const children = Array.from({ length: 500 }, () => chineseName(rng, 'child', 'female', 2015));
    for (const n of [...elderly, ...children]) expect(n).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    // The pools differ: a 1930s woman's given name is rarely a 2010s girl's.
    const given = (names: string[]) => new Set(names.map((n) => n.slice(1)));
    const shared = [...given(elderly)].filter((g) => given(children).has(g));
    expect(shared.length).toBeLessThan(given(elderly).size / 10);
    expect(chineseName(rng, 'relative', 'male', 1970, '欧阳')).toMatch(/^欧阳/);
  });
});

describe('plans', () => {
  it('lays out a city of 8 towns, 60 care and welfare sites (most elderly care) and about 20,000 people', () => {
    const plan = planUnit(1, 'city', 0);
    expect(plan.towns).toHaveLength(8);
    const sites = plan.towns.flatMap((t) => t.sites);
    const byType = Object.fromEntries(['elderly_care', 'child_welfare', 'rescue_station', 'funeral'].map((t) => [t, sites.filter((s) => s.type === t).length]));
    expect(byType).toEqual({ elderly_care: 48, child_welfare: 4, rescue_station: 3, funeral: 5 });
    const people = sites.reduce((n, s) => n + s.members + s.staff, 0);
    expect(Math.abs(people - 20_000)).toBeLessThan(200);
    const communities = plan.towns.flatMap((t) => t.communities);
    expect(communities.length).toBeGreaterThan(150);
    expect(new Set(sites.map((s) => s.name)).size).toBe(sites.length);
    expect(new Set(plan.towns.map((t) => t.name)).size).toBe(8);
    expect(planUnit(1, 'city', 0)).toEqual(plan);
    expect(planUnit(2, 'city', 0)).not.toEqual(plan);
  });

  it('names a province\'s cities apart, and keeps the small scale to one home', () => {
    const a = planUnit(1, 'province', 0);
    const b = planUnit(1, 'province', 1);
    expect(a.name).not.toBe(b.name);
    expect(a.towns[0]?.name.startsWith(a.name)).toBe(true);
    const small = planUnit(1, 'small', 0);
    expect(small.towns).toHaveLength(1);
    expect(small.towns[0]?.sites).toMatchObject([{ type: 'elderly_care', members: 48, staff: 12 }]);
    expect(small.towns[0]?.communities).toEqual([]);
  });

  it('draws the same people for a site from the same seed, present today as planned', () => {
    const plan = planUnit(1, 'small', 0);
    const town = plan.towns[0];
    const site = town?.sites[0];
    if (!town || !site) throw new Error('no site');
    const period = { days: 365, start: '2025-01-02', today: '2026-01-01' };
    const one = generateSitePeople(1, 0, site, town, period, new IdentityRegistry());
    expect(generateSitePeople(1, 0, site, town, period, new IdentityRegistry())).toEqual(one);
    const current = one.filter((p) => p.status !== 'left');
    expect(current.filter((p) => p.kind === 'resident')).toHaveLength(48);
    expect(current.filter((p) => p.kind === 'staff')).toHaveLength(12);
    for (const p of one) {
      expect(p.fromD).toBeLessThanOrEqual(p.toD);
      expect(p.joinedOn <= (p.leftOn ?? period.today)).toBe(true);
      if (p.kind === 'staff') expect(p.post).toBeTruthy();
      else expect(p.room).toMatch(/^\d+-\d{3}$/);
    }
  });
});
