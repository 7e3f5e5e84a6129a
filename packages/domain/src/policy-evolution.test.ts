import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_POLICIES, normalizePolicyBody, PolicyBody } from './policy.js';
import { SITE_TYPES, type SiteType } from './org.js';

/*
 * Policy as data (R14.1): the defaults per site type carry the four earlies (R2.4), who is in
 * the round (R2.1) and the single-room reasons (R5.3); stored versions issued before a setting
 * existed are brought up to the current shape by normalizePolicyBody.
 */

/** A deep copy through JSON, as a body comes back from the database. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Removes the value at a dotted path from a deep copy of `obj`. */
function without(obj: unknown, ...paths: string[]): Record<string, unknown> {
  const out = copy(obj) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    let cur = out;
    for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
    delete cur[keys[keys.length - 1]!];
  }
  return out;
}

/** Every path to a leaf (a non-object value, arrays included) of a policy body. */
function leafPaths(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

const arbSiteType = fc.constantFrom(...SITE_TYPES);

describe('DEFAULT_POLICIES per site type', () => {
  it('rescue station: report to the station leader, isolate, call 120, report to superiors (R2.4)', () => {
    expect(DEFAULT_POLICIES.rescue_station.monitoring.earlySteps)
      .toEqual(['report_station_leader', 'isolate', 'call_120', 'report_superiors']);
  });

  it('rescue station: no health code and risk-area arrivals need a single room (R5.3)', () => {
    const reasons = DEFAULT_POLICIES.rescue_station.isolation.singleRoomReasons;
    expect(reasons).toContain('no_health_code');
    expect(reasons).toContain('risk_area_arrival');
    expect(DEFAULT_POLICIES.rescue_station.isolation.durationDays).toBe(14);
  });

  it('elderly care: isolate, refer to the fever clinic, report to superiors', () => {
    expect(DEFAULT_POLICIES.elderly_care.monitoring.earlySteps).toEqual(['isolate', 'refer_fever_clinic', 'report_superiors']);
  });

  it('the rescue-station single-room reasons do not leak into the other site types', () => {
    for (const t of SITE_TYPES.filter((s) => s !== 'rescue_station')) {
      expect(DEFAULT_POLICIES[t].isolation.singleRoomReasons).not.toContain('no_health_code');
      expect(DEFAULT_POLICIES[t].monitoring.earlySteps).not.toContain('call_120');
    }
  });

  it.each<{ siteType: SiteType; kinds: string[] }>([
    { siteType: 'elderly_care', kinds: ['resident', 'staff'] },
    { siteType: 'child_welfare', kinds: ['child', 'staff'] },
    { siteType: 'rescue_station', kinds: ['client', 'staff'] },
    { siteType: 'funeral', kinds: ['staff'] },
    { siteType: 'community', kinds: ['staff'] },
  ])('$siteType expects $kinds in the daily round (R2.1)', ({ siteType, kinds }) => {
    expect([...DEFAULT_POLICIES[siteType].monitoring.expectedKinds].sort()).toEqual([...kinds].sort());
  });

  it.each(SITE_TYPES)('%s parses with PolicyBody, unchanged', (t) => {
    const parsed = PolicyBody.safeParse(DEFAULT_POLICIES[t]);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(DEFAULT_POLICIES[t]);
  });
});

describe('normalizePolicyBody', () => {
  const NEW_SETTINGS = ['monitoring.expectedKinds', 'monitoring.earlySteps', 'isolation.singleRoomReasons'];

  it.each(SITE_TYPES)('gives an old %s version the site type\'s defaults for settings added later', (t) => {
    const old = without(DEFAULT_POLICIES[t], ...NEW_SETTINGS);
    expect(PolicyBody.safeParse(old).success).toBe(false); // the reason normalizing exists
    const body = normalizePolicyBody(old, t);
    expect(body.monitoring.expectedKinds).toEqual(DEFAULT_POLICIES[t].monitoring.expectedKinds);
    expect(body.monitoring.earlySteps).toEqual(DEFAULT_POLICIES[t].monitoring.earlySteps);
    expect(body.isolation.singleRoomReasons).toEqual(DEFAULT_POLICIES[t].isolation.singleRoomReasons);
    expect(PolicyBody.safeParse(body).success).toBe(true);
  });

  it.each(SITE_TYPES)('gives an old %s version without the intake, due-soon and follow-up settings their defaults (7 days, 3 days, 48 h)', (t) => {
    // The testing section as it was stored before these settings existed, with local choices.
    const old = copy(DEFAULT_POLICIES[t]) as unknown as { testing: unknown };
    old.testing = { staffIntervalDays: 14, residentIntervalDays: 30, intakeTestRequired: false };
    expect(PolicyBody.safeParse(old).success).toBe(false);
    const body = normalizePolicyBody(old, t);
    expect(body.testing).toEqual({
      staffIntervalDays: 14,
      residentIntervalDays: 30,
      intakeTestRequired: false,
      intakeTestMaxAgeDays: 7,
      dueSoonDays: 3,
      pendingFollowUpHours: 48,
    });
    expect(PolicyBody.parse(body)).toEqual(body);
    // Nothing else changes.
    expect({ ...body, testing: DEFAULT_POLICIES[t].testing }).toEqual(DEFAULT_POLICIES[t]);
  });

  it('keeps a stored dueSoonDays of 0 (a present zero is not "missing")', () => {
    const b = copy(DEFAULT_POLICIES.elderly_care) as unknown as { testing: Record<string, unknown> };
    b.testing = { staffIntervalDays: 28, residentIntervalDays: null, intakeTestRequired: true, dueSoonDays: 0 };
    const body = normalizePolicyBody(b, 'elderly_care');
    expect(body.testing).toEqual({
      staffIntervalDays: 28, residentIntervalDays: null, intakeTestRequired: true, intakeTestMaxAgeDays: 7, dueSoonDays: 0, pendingFollowUpHours: 48,
    });
  });

  it('takes the defaults of the site type it is told, not of another', () => {
    const old = without(DEFAULT_POLICIES.elderly_care, ...NEW_SETTINGS);
    const body = normalizePolicyBody(old, 'rescue_station');
    expect(body.monitoring.earlySteps).toEqual(['report_station_leader', 'isolate', 'call_120', 'report_superiors']);
    expect(body.monitoring.expectedKinds).toEqual(['client', 'staff']);
    expect(body.isolation.singleRoomReasons).toEqual(expect.arrayContaining(['no_health_code', 'risk_area_arrival']));
    // …while what the old version did say is kept.
    expect(body.monitoring.readingsPerDay).toBe(DEFAULT_POLICIES.elderly_care.monitoring.readingsPerDay);
    expect(body.supplies).toEqual(DEFAULT_POLICIES.elderly_care.supplies);
  });

  it('keeps the values present, including ones that differ from the defaults', () => {
    const old = without(DEFAULT_POLICIES.elderly_care, ...NEW_SETTINGS) as { monitoring: Record<string, unknown>; testing: Record<string, unknown>; isolation: Record<string, unknown> };
    old.monitoring.readingsPerDay = 3;
    old.monitoring.symptoms = ['fever', 'cough'];
    old.testing.residentIntervalDays = 7;
    old.isolation.earlyReleaseNeedsNegativeTest = false;
    old.isolation.durationDays = 21;
    const body = normalizePolicyBody(old, 'elderly_care');
    expect(body.monitoring.readingsPerDay).toBe(3);
    expect(body.monitoring.symptoms).toEqual(['fever', 'cough']);
    expect(body.testing.residentIntervalDays).toBe(7);
    expect(body.isolation.earlyReleaseNeedsNegativeTest).toBe(false);
    expect(body.isolation.durationDays).toBe(21);
    expect(PolicyBody.parse(body)).toEqual(body);
  });

  it('keeps a present null and a present empty list (not "missing")', () => {
    const b = copy(DEFAULT_POLICIES.rescue_station) as unknown as { testing: Record<string, unknown>; isolation: Record<string, unknown>; screening: Record<string, unknown> };
    b.isolation.singleRoomReasons = [];
    b.screening.refuseHealthCodes = [];
    const body = normalizePolicyBody(b, 'rescue_station');
    expect(body.isolation.singleRoomReasons).toEqual([]);
    expect(body.screening.refuseHealthCodes).toEqual([]);
    expect(body.testing.residentIntervalDays).toBeNull();
    expect(PolicyBody.safeParse(body).success).toBe(true);
  });

  it('drops settings the schema no longer knows, at any depth', () => {
    const b = copy(DEFAULT_POLICIES.elderly_care) as unknown as Record<string, Record<string, unknown>>;
    b.monitoring!.maskColour = 'blue';
    b.monitoring!.feverBands = { ...(b.monitoring!.feverBands as object), legacyBand: 36.3 };
    b.retired = { anything: 1 };
    expect(PolicyBody.safeParse(b).success).toBe(false);
    const body = normalizePolicyBody(b, 'elderly_care');
    expect(body).not.toHaveProperty('retired');
    expect(body.monitoring).not.toHaveProperty('maskColour');
    expect(body.monitoring.feverBands).not.toHaveProperty('legacyBand');
    expect(body).toEqual(DEFAULT_POLICIES.elderly_care);
    expect(PolicyBody.safeParse(body).success).toBe(true);
  });

  it('fills a whole missing section, and a section that is not an object', () => {
    const b = without(DEFAULT_POLICIES.funeral, 'community');
    b.funeral = null;
    const body = normalizePolicyBody(b, 'funeral');
    expect(body.community).toEqual(DEFAULT_POLICIES.funeral.community);
    expect(body.funeral).toEqual(DEFAULT_POLICIES.funeral.funeral);
    expect(PolicyBody.safeParse(body).success).toBe(true);
  });

  it('does not change the stored body or the defaults', () => {
    const old = without(DEFAULT_POLICIES.rescue_station, ...NEW_SETTINGS);
    const before = JSON.stringify(old);
    const defaultsBefore = JSON.stringify(DEFAULT_POLICIES);
    normalizePolicyBody(old, 'rescue_station');
    expect(JSON.stringify(old)).toBe(before);
    expect(JSON.stringify(DEFAULT_POLICIES)).toBe(defaultsBefore);
  });

  it('leaves every default as it is', () => {
    fc.assert(
      fc.property(arbSiteType, (t) => {
        expect(normalizePolicyBody(DEFAULT_POLICIES[t], t)).toEqual(DEFAULT_POLICIES[t]);
        expect(normalizePolicyBody(copy(DEFAULT_POLICIES[t]), t)).toEqual(DEFAULT_POLICIES[t]);
      }),
    );
  });

  it('leaves a complete body as it is, whichever site type normalizes it', () => {
    fc.assert(
      fc.property(arbSiteType, arbSiteType, (from, as) => {
        expect(normalizePolicyBody(copy(DEFAULT_POLICIES[from]), as)).toEqual(DEFAULT_POLICIES[from]);
      }),
    );
  });

  it('restores the site type\'s defaults for any set of missing settings, and the result parses', () => {
    fc.assert(
      fc.property(
        arbSiteType.chain((t) => fc.tuple(fc.constant(t), fc.subarray(leafPaths(DEFAULT_POLICIES[t])))),
        ([t, missing]) => {
          const body = normalizePolicyBody(without(DEFAULT_POLICIES[t], ...missing), t);
          expect(body).toEqual(DEFAULT_POLICIES[t]);
          expect(PolicyBody.safeParse(body).success).toBe(true);
        },
      ),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        arbSiteType,
        arbSiteType.chain((t) => fc.tuple(fc.constant(t), fc.subarray(leafPaths(DEFAULT_POLICIES[t])))),
        (as, [from, missing]) => {
          const once = normalizePolicyBody(without(DEFAULT_POLICIES[from], ...missing), as);
          expect(normalizePolicyBody(once, as)).toEqual(once);
        },
      ),
    );
  });
});
