import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DISCHARGE_KINDS, assessIntake, dischargeRefusal, placementReasonOf, type DischargeKind, type IntakeFacts, type IntakePath } from './intake.js';
import { DEFAULT_POLICIES } from './policy.js';
import { HEALTH_CODES, type HealthCode } from './screening.js';
import { SYMPTOMS, type Symptom } from './monitoring-policy.js';

/*
 * The rescue station's risk assessment at intake (R10.1, R3.5, R5.3, R2.4) over every combination
 * of code, travel, temperature band and symptoms, against the station's default policy; and the
 * guard on leaving before the isolation's days are over.
 */

const STATION = DEFAULT_POLICIES.rescue_station;

// One temperature in each band of the station's policy (normal 36–37, low to 38, moderate to 39, high to 41, above).
const TEMPERATURES = [
  { t: 35.6, fever: false }, { t: 36.8, fever: false }, { t: 37.0, fever: false }, { t: 37.1, fever: true },
  { t: 38.2, fever: true }, { t: 39.5, fever: true }, { t: 41.3, fever: true },
];
const CODES: (HealthCode | null)[] = [...HEALTH_CODES, null];
const SYMPTOM_SETS: Symptom[][] = [[], ['cough'], ['fever'], ['fatigue', 'diarrhoea']];

/** The plan's path, written out from the seed's words rather than from the code under test. */
function expectedPath(code: HealthCode | null, travel: boolean, fever: boolean, symptoms: Symptom[]): IntakePath {
  // 发现异常 … 立即上报站领导 … 隔离观察 … 报120: a fever or a symptom goes to observation, never away.
  if (fever || symptoms.length > 0) return 'observation';
  // 无健康码、中高风险地区来人 … 单间隔离14天; a red or yellow code likewise.
  if (code !== 'green' || travel) return 'single_room_isolation';
  return 'admit';
}

const cases = CODES.flatMap((code) => [false, true].flatMap((travel) => TEMPERATURES.flatMap(({ t, fever }) =>
  SYMPTOM_SETS.map((symptoms) => ({ code, travel, t, fever, symptoms, path: expectedPath(code, travel, fever, symptoms) })))));

describe('assessIntake: every combination of code, travel, band and symptoms', () => {
  it('covers every combination', () => {
    expect(cases).toHaveLength(CODES.length * 2 * TEMPERATURES.length * SYMPTOM_SETS.length);
  });

  it.each(cases)('code $code, risk-area travel $travel, $t ℃, symptoms $symptoms → $path', ({ code, travel, t, symptoms, path }) => {
    const a = assessIntake({ healthCode: code, riskAreaWithin14Days: travel, temperature: t, symptoms }, STATION);
    expect(a.path).toBe(path);
    expect(a.earlySteps).toEqual(path === 'observation' ? ['report_station_leader', 'isolate', 'call_120', 'report_superiors'] : []);
    expect(a.isolationDays).toBe(path === 'single_room_isolation' ? 14 : null);
  });
});

describe('assessIntake: what it found', () => {
  it.each<{ facts: IntakeFacts; findings: string[] }>([
    { facts: { healthCode: 'green', riskAreaWithin14Days: false, temperature: 36.5, symptoms: [] }, findings: [] },
    { facts: { healthCode: null, riskAreaWithin14Days: true, temperature: 36.5, symptoms: [] }, findings: ['no_health_code', 'risk_area_arrival'] },
    { facts: { healthCode: 'red', riskAreaWithin14Days: false, temperature: 38.2, symptoms: ['cough'] }, findings: ['fever', 'symptoms', 'code_red'] },
    { facts: { healthCode: 'yellow', riskAreaWithin14Days: false, temperature: 36.5, symptoms: [] }, findings: ['code_yellow'] },
  ])('$facts', ({ facts, findings }) => {
    expect(assessIntake(facts, STATION).findings).toEqual(findings);
  });

  it('reads the policy: a symptom the policy does not list starts nothing, and the days are the policy\'s', () => {
    const policy = { ...STATION, monitoring: { ...STATION.monitoring, symptoms: ['fever' as const] }, isolation: { ...STATION.isolation, durationDays: 21 } };
    expect(assessIntake({ healthCode: 'green', riskAreaWithin14Days: false, temperature: 36.5, symptoms: ['cough'] }, policy).path).toBe('admit');
    expect(assessIntake({ healthCode: null, riskAreaWithin14Days: false, temperature: 36.5, symptoms: [] }, policy).isolationDays).toBe(21);
  });

  it('never turns anyone away, and never admits a fever (property)', () => {
    fc.assert(fc.property(
      fc.constantFrom(...CODES), fc.boolean(), fc.double({ min: 34, max: 43, noNaN: true }), fc.subarray([...SYMPTOMS]),
      (code, travel, t, symptoms) => {
        const a = assessIntake({ healthCode: code, riskAreaWithin14Days: travel, temperature: t, symptoms }, STATION);
        expect(['admit', 'single_room_isolation', 'observation']).toContain(a.path);
        if (t > STATION.monitoring.feverBands.normalMax) expect(a.path).toBe('observation');
        if (code === null && a.path === 'admit') throw new Error('a person without a code was admitted to the dormitory');
      },
    ));
  });
});

describe('placementReasonOf: the reason a placement records', () => {
  it.each(cases)('code $code, travel $travel, $t ℃, $symptoms', ({ code, travel, t, symptoms, path }) => {
    const reason = placementReasonOf(assessIntake({ healthCode: code, riskAreaWithin14Days: travel, temperature: t, symptoms }, STATION));
    const expected = path === 'admit' ? null : path === 'observation' ? 'symptom'
      : code === null ? 'no_health_code' : code !== 'green' ? 'health_code_red_yellow' : 'risk_area_arrival';
    expect(reason).toBe(expected);
    // Every isolation reason is one the station's policy gives a room of its own.
    if (path === 'single_room_isolation') expect(STATION.isolation.singleRoomReasons).toContain(reason);
  });
});

describe('dischargeRefusal: leaving before the isolation\'s days are over (R5.3)', () => {
  const inIsolation = (negative: boolean) => ({ leftOn: null, isolation: { plannedEnd: '2026-03-15', negativeTestSinceStart: negative } });
  it.each<{ why: string; stay: Parameters<typeof dischargeRefusal>[0]; kind: DischargeKind; today: string; refusal: string | null }>([
    { why: 'early, without a negative test', stay: inIsolation(false), kind: 'home_with_family', today: '2026-03-10', refusal: 'needs_negative_test' },
    { why: 'early, with one since the start', stay: inIsolation(true), kind: 'home_with_family', today: '2026-03-10', refusal: null },
    { why: 'on the planned end', stay: inIsolation(false), kind: 'own_accord', today: '2026-03-15', refusal: null },
    { why: 'to a hospital, early', stay: inIsolation(false), kind: 'hospital', today: '2026-03-10', refusal: null },
    { why: 'walked out, early (recorded, the town told)', stay: inIsolation(false), kind: 'absconded', today: '2026-03-10', refusal: null },
    { why: 'not in isolation', stay: { leftOn: null, isolation: null }, kind: 'transfer', today: '2026-03-10', refusal: null },
    { why: 'already gone', stay: { leftOn: '2026-03-09', isolation: null }, kind: 'home_with_family', today: '2026-03-10', refusal: 'already_left' },
  ])('$why', ({ stay, kind, today, refusal }) => {
    expect(dischargeRefusal(stay, kind, today, STATION)).toBe(refusal);
  });

  it('lets nobody but a walk-out or a hospital leave early without a negative test (property)', () => {
    fc.assert(fc.property(fc.constantFrom(...DISCHARGE_KINDS), fc.integer({ min: 1, max: 14 }), (kind, day) => {
      const today = `2026-03-${String(day).padStart(2, '0')}`;
      const r = dischargeRefusal({ leftOn: null, isolation: { plannedEnd: '2026-03-15', negativeTestSinceStart: false } }, kind, today, STATION);
      expect(r === null).toBe(kind === 'absconded' || kind === 'hospital');
    }));
  });
});
