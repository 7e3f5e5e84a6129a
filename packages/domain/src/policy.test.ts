import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CreatePolicyVersion,
  DEFAULT_POLICIES,
  PolicyBody,
  policyInForce,
  policySectionApplies,
} from './policy.js';
import { classifyTemperature, FEVER_BANDS, FeverBands, type FeverBand } from './monitoring-policy.js';
import { SITE_TYPES } from './org.js';

const BANDS = DEFAULT_POLICIES.elderly_care.monitoring.feverBands;
const bandIndex = (b: FeverBand): number => FEVER_BANDS.indexOf(b);

/** Sets a value at a dotted path in a deep copy of `obj`. */
function withValue(obj: unknown, path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(obj)) as Record<string, unknown>;
  const keys = path.split('.');
  let cur: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  cur[keys[keys.length - 1]!] = value;
  return copy;
}

/** Seven strictly increasing temperatures in [30, 45] on a 0.1 ℃ grid, as FeverBands. */
const arbBands: fc.Arbitrary<FeverBands> = fc
  .uniqueArray(fc.integer({ min: 300, max: 450 }), { minLength: 7, maxLength: 7 })
  .map((xs) => [...xs].sort((a, b) => a - b).map((x) => x / 10))
  .map(([measurementMin, normalMin, normalMax, lowFeverMax, moderateMax, highMax, measurementMax]) => ({
    measurementMin: measurementMin!,
    normalMin: normalMin!,
    normalMax: normalMax!,
    lowFeverMax: lowFeverMax!,
    moderateMax: moderateMax!,
    highMax: highMax!,
    measurementMax: measurementMax!,
  }));

const arbCelsius = fc.double({ min: 30, max: 45, noNaN: true });

describe('classifyTemperature with the default bands', () => {
  it.each<{ t: number; band: FeverBand }>([
    { t: 35.0, band: 'below_normal' },
    { t: 35.9, band: 'below_normal' },
    { t: 35.99, band: 'below_normal' },
    { t: 36.0, band: 'normal' },
    { t: 36.5, band: 'normal' },
    { t: 37.0, band: 'normal' },
    { t: 37.05, band: 'low_fever' },
    { t: 37.1, band: 'low_fever' },
    { t: 38.0, band: 'low_fever' },
    { t: 38.05, band: 'moderate_fever' },
    { t: 38.1, band: 'moderate_fever' },
    { t: 39.0, band: 'moderate_fever' },
    { t: 39.1, band: 'high_fever' },
    { t: 41.0, band: 'high_fever' },
    { t: 41.1, band: 'hyperpyrexia' },
    { t: 43.0, band: 'hyperpyrexia' },
  ])('$t ℃ is $band', ({ t, band }) => {
    expect(classifyTemperature(t, BANDS)).toBe(band);
  });

  it('uses the same bands for every site type', () => {
    for (const st of SITE_TYPES) expect(DEFAULT_POLICIES[st].monitoring.feverBands).toEqual(BANDS);
  });
});

describe('classifyTemperature with shifted bands', () => {
  const shifted: FeverBands = {
    measurementMin: 34,
    normalMin: 35.5,
    normalMax: 37.3,
    lowFeverMax: 38.5,
    moderateMax: 39.5,
    highMax: 40.5,
    measurementMax: 42,
  };

  it('is a valid FeverBands', () => {
    expect(FeverBands.safeParse(shifted).success).toBe(true);
  });

  it.each<{ t: number; defaults: FeverBand; custom: FeverBand }>([
    { t: 35.5, defaults: 'below_normal', custom: 'normal' },
    { t: 37.2, defaults: 'low_fever', custom: 'normal' },
    { t: 37.3, defaults: 'low_fever', custom: 'normal' },
    { t: 37.4, defaults: 'low_fever', custom: 'low_fever' },
    { t: 38.5, defaults: 'moderate_fever', custom: 'low_fever' },
    { t: 38.6, defaults: 'moderate_fever', custom: 'moderate_fever' },
    { t: 39.5, defaults: 'high_fever', custom: 'moderate_fever' },
    { t: 40.5, defaults: 'high_fever', custom: 'high_fever' },
    { t: 40.6, defaults: 'high_fever', custom: 'hyperpyrexia' },
  ])('$t ℃ moves from $defaults to $custom', ({ t, defaults, custom }) => {
    expect(classifyTemperature(t, BANDS)).toBe(defaults);
    expect(classifyTemperature(t, shifted)).toBe(custom);
  });
});

describe('classifyTemperature laws', () => {
  it('generated bands are valid FeverBands', () => {
    fc.assert(fc.property(arbBands, (b) => FeverBands.safeParse(b).success));
  });

  it('is monotone in temperature for any valid bands', () => {
    fc.assert(
      fc.property(arbBands, arbCelsius, arbCelsius, (b, x, y) => {
        const [t1, t2] = x <= y ? [x, y] : [y, x];
        expect(bandIndex(classifyTemperature(t1, b))).toBeLessThanOrEqual(bandIndex(classifyTemperature(t2, b)));
      }),
    );
  });

  it('agrees with counting the thresholds crossed (lower bound inclusive, upper bounds inclusive)', () => {
    fc.assert(
      fc.property(arbBands, arbCelsius, (b, t) => {
        const expected = Number(t >= b.normalMin) + Number(t > b.normalMax) + Number(t > b.lowFeverMax)
          + Number(t > b.moderateMax) + Number(t > b.highMax);
        expect(bandIndex(classifyTemperature(t, b))).toBe(expected);
      }),
    );
  });

  it('puts every band boundary in the lower band (normalMin starts normal)', () => {
    fc.assert(
      fc.property(arbBands, (b) => {
        expect(classifyTemperature(b.normalMin, b)).toBe('normal');
        expect(classifyTemperature(b.normalMax, b)).toBe('normal');
        expect(classifyTemperature(b.lowFeverMax, b)).toBe('low_fever');
        expect(classifyTemperature(b.moderateMax, b)).toBe('moderate_fever');
        expect(classifyTemperature(b.highMax, b)).toBe('high_fever');
      }),
    );
  });
});

describe('FeverBands schema', () => {
  const ORDER = ['measurementMin', 'normalMin', 'normalMax', 'lowFeverMax', 'moderateMax', 'highMax', 'measurementMax'] as const;
  const pairs = ORDER.slice(1).map((upper, i) => ({ lower: ORDER[i]!, upper }));

  it('accepts the defaults', () => {
    expect(FeverBands.safeParse(BANDS).success).toBe(true);
  });

  it.each(pairs)('refuses $upper equal to $lower', ({ lower, upper }) => {
    expect(FeverBands.safeParse({ ...BANDS, [upper]: BANDS[lower] }).success).toBe(false);
  });

  it.each(pairs)('refuses $upper below $lower', ({ lower, upper }) => {
    expect(FeverBands.safeParse({ ...BANDS, [upper]: BANDS[lower] - 0.1 }).success).toBe(false);
  });

  it.each<{ key: (typeof ORDER)[number]; value: number }>([
    { key: 'measurementMin', value: 29.9 },
    { key: 'measurementMax', value: 45.1 },
  ])('refuses $key = $value (outside 30–45)', ({ key, value }) => {
    expect(FeverBands.safeParse({ ...BANDS, [key]: value }).success).toBe(false);
  });

  it('refuses unknown keys and missing keys', () => {
    expect(FeverBands.safeParse({ ...BANDS, extra: 1 }).success).toBe(false);
    const { highMax: _highMax, ...missing } = BANDS;
    expect(FeverBands.safeParse(missing).success).toBe(false);
  });

  it('refuses any permutation of the defaults that is not increasing', () => {
    const values = ORDER.map((k) => BANDS[k]);
    fc.assert(
      fc.property(fc.shuffledSubarray(values, { minLength: 7, maxLength: 7 }), (perm) => {
        fc.pre(perm.some((v, i) => v !== values[i]));
        const candidate = Object.fromEntries(ORDER.map((k, i) => [k, perm[i]]));
        expect(FeverBands.safeParse(candidate).success).toBe(false);
      }),
    );
  });
});

describe('PolicyBody schema', () => {
  it.each(SITE_TYPES)('accepts DEFAULT_POLICIES.%s', (st) => {
    const r = PolicyBody.safeParse(DEFAULT_POLICIES[st]);
    expect(r.error).toBeUndefined();
    expect(r.data).toEqual(DEFAULT_POLICIES[st]);
  });

  it.each([
    'extra',
    'monitoring.extra',
    'monitoring.feverBands.extra',
    'screening.extra',
    'testing.extra',
    'isolation.extra',
    'supplies.extra',
    'escalation.extra',
    'funeral.extra',
    'community.extra',
  ])('refuses the unknown key %s', (path) => {
    expect(PolicyBody.safeParse(withValue(DEFAULT_POLICIES.community, path, 1)).success).toBe(false);
  });

  it('refuses floorDays above targetDays and accepts them equal', () => {
    const base = DEFAULT_POLICIES.elderly_care;
    const over = withValue(base, 'supplies.floorDays', base.supplies.targetDays + 1);
    const r = PolicyBody.safeParse(over);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['supplies', 'floorDays']);
    expect(PolicyBody.safeParse(withValue(base, 'supplies.floorDays', base.supplies.targetDays)).success).toBe(true);
  });

  it.each<{ path: string; value: unknown }>([
    { path: 'monitoring.readingsPerDay', value: 0 },
    { path: 'monitoring.readingsPerDay', value: 13 },
    { path: 'monitoring.readingsPerDay', value: 1.5 },
    { path: 'monitoring.symptoms', value: [] },
    { path: 'monitoring.symptoms', value: ['sneezing'] },
    { path: 'monitoring.feverBands.normalMax', value: 36 },
    { path: 'screening.refuseHealthCodes', value: ['blue'] },
    { path: 'screening.receptionMaxPeople', value: 0 },
    { path: 'screening.receptionMaxPeople', value: 1001 },
    { path: 'screening.receptionMaxStayMinutes', value: 7 * 24 * 60 + 1 },
    { path: 'testing.staffIntervalDays', value: 0 },
    { path: 'testing.staffIntervalDays', value: 3651 },
    { path: 'testing.residentIntervalDays', value: 0 },
    { path: 'testing.intakeTestRequired', value: 'yes' },
    { path: 'testing.intakeTestMaxAgeDays', value: 0 },
    { path: 'testing.intakeTestMaxAgeDays', value: 3651 },
    { path: 'testing.intakeTestMaxAgeDays', value: null },
    { path: 'testing.dueSoonDays', value: -1 },
    { path: 'testing.dueSoonDays', value: 31 },
    { path: 'testing.dueSoonDays', value: 1.5 },
    { path: 'testing.pendingFollowUpHours', value: 0 },
    { path: 'testing.pendingFollowUpHours', value: 721 },
    { path: 'testing.pendingFollowUpHours', value: undefined },
    { path: 'isolation.durationDays', value: -14 },
    { path: 'supplies.targetDays', value: 3651 },
    { path: 'supplies.replenishIntervalDays', value: 0 },
    { path: 'escalation.reportToTownMinutes', value: 0 },
    { path: 'funeral.maxMourningDays', value: 0 },
    { path: 'funeral.mourningAttendeeCap', value: 10001 },
    { path: 'funeral.minDisinfectionsPerDay', value: -1 },
    { path: 'funeral.minDisinfectionsPerDay', value: 25 },
    { path: 'community.clueVerifyHours', value: 721 },
    { path: 'community.warningThreshold', value: 0 },
    { path: 'community.warningWindowHours', value: 0.5 },
  ])('refuses $path = $value', ({ path, value }) => {
    expect(PolicyBody.safeParse(withValue(DEFAULT_POLICIES.community, path, value)).success).toBe(false);
  });

  it.each<{ path: string; value: unknown }>([
    { path: 'monitoring.readingsPerDay', value: 12 },
    { path: 'testing.residentIntervalDays', value: 7 },
    { path: 'testing.staffIntervalDays', value: 3650 },
    { path: 'funeral.minDisinfectionsPerDay', value: 0 },
    { path: 'testing.intakeTestMaxAgeDays', value: 1 },
    { path: 'testing.dueSoonDays', value: 0 },
    { path: 'testing.dueSoonDays', value: 30 },
    { path: 'testing.pendingFollowUpHours', value: 1 },
    { path: 'testing.pendingFollowUpHours', value: 720 },
    { path: 'screening.refuseHealthCodes', value: [] },
  ])('accepts $path = $value at the edge of its range', ({ path, value }) => {
    expect(PolicyBody.safeParse(withValue(DEFAULT_POLICIES.community, path, value)).success).toBe(true);
  });

  it('CreatePolicyVersion wraps a body with a calendar effective date', () => {
    const body = DEFAULT_POLICIES.funeral;
    expect(CreatePolicyVersion.safeParse({ effectiveFrom: '2024-02-29', body }).success).toBe(true);
    expect(CreatePolicyVersion.safeParse({ effectiveFrom: '2023-02-29', body }).success).toBe(false);
    expect(CreatePolicyVersion.safeParse({ effectiveFrom: '2024-02-29', body, extra: 1 }).success).toBe(false);
  });
});

describe('DEFAULT_POLICIES match the source notice', () => {
  it.each(['elderly_care', 'child_welfare'] as const)('%s keeps 60 days of supplies, floor 45, replenished every 15 days', (st) => {
    const s = DEFAULT_POLICIES[st].supplies;
    expect(s.targetDays).toBe(60);
    expect(s.floorDays).toBe(45);
    expect(s.replenishIntervalDays).toBe(15);
    expect(s.demandBasisDays).toBe(30);
  });

  it('funeral keeps at least 45 days, mourns at most 3 days and disinfects at least twice a day', () => {
    const p = DEFAULT_POLICIES.funeral;
    expect(p.supplies.floorDays).toBeGreaterThanOrEqual(45);
    expect(p.supplies.targetDays).toBeGreaterThanOrEqual(p.supplies.floorDays);
    expect(p.funeral.maxMourningDays).toBeLessThanOrEqual(3);
    expect(p.funeral.maxMourningDays).toBeGreaterThanOrEqual(1);
    expect(p.funeral.minDisinfectionsPerDay).toBeGreaterThanOrEqual(2);
  });

  it('rescue_station keeps a 30-day floor and takes 2 readings a day', () => {
    const p = DEFAULT_POLICIES.rescue_station;
    expect(p.supplies.floorDays).toBe(30);
    expect(p.monitoring.readingsPerDay).toBe(2);
  });

  it.each(SITE_TYPES)('%s tests staff every 28 days and isolates for 14 days', (st) => {
    const p = DEFAULT_POLICIES[st];
    expect(p.testing.staffIntervalDays).toBe(28);
    expect(p.isolation.durationDays).toBe(14);
    expect(p.funeral.maxMourningDays).toBeLessThanOrEqual(3);
    expect(p.funeral.minDisinfectionsPerDay).toBeGreaterThanOrEqual(2);
  });

  it.each(SITE_TYPES)('%s: staff every 28 days, residents not periodically, intake negative within 7 days, due 3 days ahead, follow-up after 48 h', (st) => {
    expect(DEFAULT_POLICIES[st].testing).toEqual({
      staffIntervalDays: 28, residentIntervalDays: null, intakeTestRequired: true, intakeTestMaxAgeDays: 7, dueSoonDays: 3, pendingFollowUpHours: 48,
    });
  });

  it('only the rescue station deviates from one reading a day', () => {
    for (const st of SITE_TYPES) {
      expect(DEFAULT_POLICIES[st].monitoring.readingsPerDay).toBe(st === 'rescue_station' ? 2 : 1);
    }
  });

  it('the funeral and rescue overrides do not leak into the shared base', () => {
    expect(DEFAULT_POLICIES.community.supplies.targetDays).toBe(60);
    expect(DEFAULT_POLICIES.community.monitoring.readingsPerDay).toBe(1);
  });
});

describe('policyInForce', () => {
  interface V { version: number; effectiveFrom: string }
  const versions: V[] = [
    { version: 1, effectiveFrom: '2024-01-01' },
    { version: 2, effectiveFrom: '2024-03-01' },
    { version: 3, effectiveFrom: '2024-03-01' },
    { version: 4, effectiveFrom: '2024-06-01' },
  ];

  it.each<{ day: string; version: number | undefined }>([
    { day: '2023-12-31', version: undefined },
    { day: '2024-01-01', version: 1 },
    { day: '2024-02-29', version: 1 },
    { day: '2024-03-01', version: 3 },
    { day: '2024-05-31', version: 3 },
    { day: '2024-06-01', version: 4 },
    { day: '2030-01-01', version: 4 },
  ])('on $day version $version is in force', ({ day, version }) => {
    expect(policyInForce(versions, day)?.version).toBe(version);
    expect(policyInForce([...versions].reverse(), day)?.version).toBe(version);
  });

  it('returns undefined for no versions', () => {
    expect(policyInForce([], '2024-01-01')).toBeUndefined();
  });

  it('does not apply a future version that has the higher number', () => {
    const vs: V[] = [{ version: 7, effectiveFrom: '2025-01-01' }, { version: 2, effectiveFrom: '2024-01-01' }];
    expect(policyInForce(vs, '2024-12-31')?.version).toBe(2);
  });

  it('prefers the later effective date even when it has a lower version number', () => {
    const vs: V[] = [{ version: 5, effectiveFrom: '2024-01-01' }, { version: 3, effectiveFrom: '2024-02-01' }];
    expect(policyInForce(vs, '2024-02-15')?.version).toBe(3);
  });

  it('returns the element itself, not a copy', () => {
    const vs = [{ version: 1, effectiveFrom: '2024-01-01', body: 'x' }];
    expect(policyInForce(vs, '2024-01-02')).toBe(vs[0]);
  });

  const dayFrom = (offset: number): string => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const arbDay = fc.integer({ min: 0, max: 60 }).map(dayFrom);
  const arbVersions = fc.array(fc.record({ version: fc.integer({ min: 1, max: 20 }), effectiveFrom: arbDay }), { maxLength: 12 });

  it('is never effective after the day and no other version in force is better', () => {
    fc.assert(
      fc.property(arbVersions, arbDay, (vs, day) => {
        const r = policyInForce(vs, day);
        const eligible = vs.filter((v) => v.effectiveFrom <= day);
        if (r === undefined) {
          expect(eligible).toEqual([]);
          return;
        }
        expect(vs).toContain(r);
        expect(r.effectiveFrom <= day).toBe(true);
        const better = eligible.filter((v) => v.effectiveFrom > r.effectiveFrom
          || (v.effectiveFrom === r.effectiveFrom && v.version > r.version));
        expect(better).toEqual([]);
      }),
    );
  });

  it('does not depend on the order of the versions', () => {
    fc.assert(
      fc.property(
        arbVersions.chain((vs) => fc.tuple(fc.constant(vs), fc.shuffledSubarray(vs, { minLength: vs.length, maxLength: vs.length }))),
        arbDay,
        ([vs, shuffled], day) => {
          const a = policyInForce(vs, day);
          const b = policyInForce(shuffled, day);
          expect(b && { version: b.version, effectiveFrom: b.effectiveFrom }).toEqual(a && { version: a.version, effectiveFrom: a.effectiveFrom });
        },
      ),
    );
  });
});

describe('policySectionApplies: the policy page of a site type shows its own sections only', () => {
  it.each(SITE_TYPES)('%s', (siteType) => {
    expect(policySectionApplies('funeral', siteType)).toBe(siteType === 'funeral');
    expect(policySectionApplies('community', siteType)).toBe(siteType === 'community');
    for (const common of ['monitoring', 'screening', 'testing', 'isolation', 'supplies', 'escalation'] as const) {
      expect(policySectionApplies(common, siteType)).toBe(true);
    }
  });
});
