import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_POLICIES } from './policy.js';
import { GuardRegistration, SelfRegistration, intakeNeedsIsolation, screenVisitor, stayEndsAt } from './screening.js';

const policy = DEFAULT_POLICIES.elderly_care;
const ok = { temperature: 36.5, mask: true, healthCode: 'green' as const, symptoms: [] as string[], riskAreaTravel: false, guardRefuses: false };

describe('screenVisitor (R3.1–R3.3)', () => {
  it.each([
    ['all clear', {}, 0, []],
    ['37.0 ℃ is still normal', { temperature: 37.0 }, 0, []],
    ['37.1 ℃ is a fever', { temperature: 37.1 }, 0, ['fever']],
    ['35.8 ℃ (below normal) is not a fever', { temperature: 35.8 }, 0, []],
    ['declared fever', { symptoms: ['fever'] }, 0, ['symptom_fever']],
    ['cough', { symptoms: ['cough'] }, 0, ['symptom_cough']],
    ['sore throat', { symptoms: ['sore_throat'] }, 0, ['symptom_sore_throat']],
    ['red code', { healthCode: 'red' }, 0, ['code_red']],
    ['yellow code', { healthCode: 'yellow' }, 0, ['code_yellow']],
    ['no code', { healthCode: null }, 0, ['no_code']],
    ['risk-area travel', { riskAreaTravel: true }, 0, ['risk_area_travel']],
    ['no mask', { mask: false }, 0, ['no_mask']],
    ['room full at 4', {}, 4, ['room_full']],
    ['room with 3 inside', {}, 3, []],
    ['the guard refuses', { guardRefuses: true }, 0, ['guard_decision']],
    ['everything at once', { temperature: 39.5, symptoms: ['fever', 'cough', 'sore_throat'], healthCode: 'red', riskAreaTravel: true, mask: false, guardRefuses: true }, 4,
      ['fever', 'symptom_fever', 'symptom_cough', 'symptom_sore_throat', 'code_red', 'risk_area_travel', 'no_mask', 'room_full', 'guard_decision']],
  ] as const)('%s', (_l, over, inside, reasons) => {
    const r = screenVisitor({ ...ok, ...over }, policy, { inside });
    expect(r.reasons).toEqual(reasons);
    expect(r.admit).toBe(reasons.length === 0);
  });

  it('follows the policy: a site that admits yellow codes and visitors without masks', () => {
    const lenient = { ...policy, screening: { ...policy.screening, refuseHealthCodes: ['red' as const], refuseWithoutMask: false, refuseRiskAreaTravel: false } };
    expect(screenVisitor({ ...ok, healthCode: 'yellow', mask: false, riskAreaTravel: true }, lenient, { inside: 0 }).admit).toBe(true);
  });

  it('admits iff there is no reason (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 350, max: 420 }), fc.boolean(), fc.constantFrom('green', 'yellow', 'red', null), fc.subarray(['fever', 'cough', 'sore_throat']),
      fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 10 }),
      (t, mask, code, symptoms, travel, guard, inside) => {
        const r = screenVisitor({ temperature: t / 10, mask, healthCode: code, symptoms, riskAreaTravel: travel, guardRefuses: guard }, policy, { inside });
        expect(r.admit).toBe(r.reasons.length === 0);
        if (inside >= policy.screening.receptionMaxPeople) expect(r.reasons).toContain('room_full');
        if (t / 10 > policy.monitoring.feverBands.normalMax) expect(r.reasons).toContain('fever');
      },
    ));
  });
});

describe('intake and stay', () => {
  it.each([
    [null, false, 'no_health_code'],
    [null, true, 'no_health_code'],
    ['green', true, 'risk_area_arrival'],
    ['green', false, undefined],
  ] as const)('code %s, travel %s → %s', (code, travel, expected) => {
    expect(intakeNeedsIsolation({ healthCode: code, riskAreaTravel: travel })).toBe(expected);
  });

  it('the stay ends the policy\'s minutes after admission', () => {
    expect(stayEndsAt(new Date('2024-01-01T10:00:00Z'), 30).toISOString()).toBe('2024-01-01T10:30:00.000Z');
  });
});

describe('registration schemas', () => {
  const base = { name: '张三', phone: '13812345678', visiting: '看望', healthCode: 'green', riskAreaTravel: false, consent: true };
  it('accepts a minimal registration and needs consent', () => {
    expect(SelfRegistration.safeParse(base).success).toBe(true);
    const r = SelfRegistration.safeParse({ ...base, consent: false });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('consent.required');
  });
  it('refuses unknown fields and unknown symptoms', () => {
    expect(SelfRegistration.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(SelfRegistration.safeParse({ ...base, symptoms: ['diarrhoea'] }).success).toBe(false);
  });
  it('a guard registration may carry no code (an intake without one)', () => {
    expect(GuardRegistration.safeParse({ siteId: '00000000-0000-4000-8000-000000000000', name: '某', visiting: '求助', healthCode: null, riskAreaTravel: false, kind: 'intake', idUnknown: true }).success).toBe(true);
  });
});
