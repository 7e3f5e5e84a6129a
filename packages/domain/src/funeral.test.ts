import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EVENT_REFUSAL_FIELD, MOURNER_SYMPTOMS, bookingsOverlap, checkMourningEvent, covidStepDeadline, eventCap, eventRefusalText, eventState,
  hallDisinfectionState, mourningLimits, screenMourner,
  type EventPlan, type EventRefusal, type EventState, type FuneralPolicy, type MournerRefusal, type MournerSymptom, type RiskLimit,
} from './funeral.js';
import { COVID_CASE_STEPS, COVID_RULE_TEXTS, type CovidCaseStep } from './funeral-covid.js';
import { DEFAULT_POLICIES } from './policy.js';
import type { RiskLevel } from './org.js';

/*
 * The funeral plan's rules for mourning events (R9.1), the register (R9.2), the halls'
 * disinfection (R8.2) and the deadlines of a COVID-19 case's steps (R7.3), read against the
 * defaults of the policy in force, so that a changed number changes what the rules say.
 */

const POLICY: FuneralPolicy = DEFAULT_POLICIES.funeral.funeral;
const BANDS = DEFAULT_POLICIES.funeral.monitoring.feverBands;
const HOUR = 3_600_000;
const NOW = new Date('2026-03-02T02:00:00Z');
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR);

describe('the defaults quote the plan', () => {
  it('mourning lasts at most 3 days, two disinfections a day (funeral plan 七.1, 七.3)', () => {
    expect(POLICY.maxMourningDays).toBe(3);
    expect(POLICY.minDisinfectionsPerDay).toBe(2);
  });
});

describe('mourningLimits: what a risk level allows', () => {
  it.each<{ risk: RiskLevel; expected: RiskLimit }>([
    { risk: 'low', expected: { eventsAllowed: true, attendeeCap: POLICY.mourningAttendeeCap, maxDays: POLICY.maxMourningDays } },
    { risk: 'medium', expected: { eventsAllowed: true, attendeeCap: POLICY.riskLimits.medium.attendeeCap, maxDays: POLICY.riskLimits.medium.maxDays } },
    { risk: 'high', expected: { eventsAllowed: false, attendeeCap: POLICY.riskLimits.high.attendeeCap, maxDays: POLICY.riskLimits.high.maxDays } },
  ])('$risk', ({ risk, expected }) => {
    expect(mourningLimits(POLICY, risk)).toEqual(expected);
  });

  it('a risk level never allows more than the low-risk numbers, even when its own are set higher', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), fc.integer({ min: 1, max: 3650 }), fc.constantFrom<RiskLevel>('medium', 'high'), (cap, days, risk) => {
      const policy = { ...POLICY, riskLimits: { ...POLICY.riskLimits, [risk]: { eventsAllowed: true, attendeeCap: cap, maxDays: days } } };
      const l = mourningLimits(policy, risk);
      expect(l.attendeeCap).toBeLessThanOrEqual(POLICY.mourningAttendeeCap);
      expect(l.maxDays).toBeLessThanOrEqual(POLICY.maxMourningDays);
    }));
  });
});

describe('checkMourningEvent: the refusals of a booking', () => {
  const LOW = mourningLimits(POLICY, 'low');
  const ok: EventPlan = { cause: 'ordinary', startsAt: at(2), endsAt: at(2 + 48) };
  it.each<{ why: string; plan: EventPlan; limits?: RiskLimit; hall?: number; refusal: EventRefusal | null }>([
    { why: 'a two-day event of an ordinary death', plan: ok, refusal: null },
    { why: 'exactly the longest event', plan: { ...ok, endsAt: at(2 + 72) }, refusal: null },
    { why: 'a minute longer than 3 days', plan: { ...ok, endsAt: new Date(at(2 + 72).getTime() + 60_000) }, refusal: 'too_long' },
    { why: 'a confirmed COVID-19 death (rule 9)', plan: { ...ok, cause: 'covid_confirmed' }, refusal: 'covid_deceased' },
    { why: 'a suspected one, alike (rule 12)', plan: { ...ok, cause: 'covid_suspected' }, refusal: 'covid_deceased' },
    { why: 'a COVID-19 death even where gatherings are forbidden', plan: { ...ok, cause: 'covid_suspected' }, limits: mourningLimits(POLICY, 'high'), refusal: 'covid_deceased' },
    { why: 'a high-risk area', plan: ok, limits: mourningLimits(POLICY, 'high'), refusal: 'gatherings_forbidden' },
    { why: 'a mid-risk area: longer than its day', plan: ok, limits: mourningLimits(POLICY, 'medium'), refusal: 'too_long' },
    { why: 'a mid-risk area: one day', plan: { ...ok, endsAt: at(2 + 24) }, limits: mourningLimits(POLICY, 'medium'), refusal: null },
    { why: 'the end before the start', plan: { ...ok, endsAt: at(1) }, refusal: 'ends_before_start' },
    { why: 'the end at the start', plan: { ...ok, endsAt: ok.startsAt }, refusal: 'ends_before_start' },
    { why: 'a start an hour ago', plan: { ...ok, startsAt: at(-1), endsAt: at(10) }, refusal: 'starts_in_past' },
    { why: 'a start five minutes ago (the form was open)', plan: { ...ok, startsAt: new Date(NOW.getTime() - 5 * 60_000), endsAt: at(10) }, refusal: null },
    { why: 'a cap over the policy', plan: { ...ok, attendeeCap: POLICY.mourningAttendeeCap + 1 }, refusal: 'cap_over_limit' },
    { why: 'a cap over the hall', plan: { ...ok, attendeeCap: 40 }, hall: 30, refusal: 'cap_over_hall' },
    { why: 'a cap within both', plan: { ...ok, attendeeCap: 30 }, hall: 30, refusal: null },
  ])('$why', ({ plan, limits, hall, refusal }) => {
    expect(checkMourningEvent(plan, { now: NOW, limits: limits ?? LOW, hallCapacity: hall ?? 100 })).toBe(refusal);
  });

  it('names a field of the form for every refusal, and a text with the numbers in force', () => {
    for (const [refusal, field] of Object.entries(EVENT_REFUSAL_FIELD)) {
      expect(field).toMatch(/^[a-zA-Z]+$/);
      const text = eventRefusalText(refusal as EventRefusal, LOW, 'medium', 30);
      expect(text['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(text.en.length).toBeGreaterThan(5);
    }
    expect(eventRefusalText('too_long', LOW, 'low', 30)['zh-CN']).toContain('3 天');
    expect(eventRefusalText('gatherings_forbidden', LOW, 'high', 30)['zh-CN']).toContain('高风险');
    expect(eventRefusalText('covid_deceased', LOW, 'low', 30)).toBe(COVID_RULE_TEXTS[9]);
  });

  it('books the smaller of the limit and the hall when no cap is asked', () => {
    expect(eventCap(ok, LOW, 30)).toBe(30);
    expect(eventCap(ok, LOW, 200)).toBe(POLICY.mourningAttendeeCap);
    expect(eventCap({ ...ok, attendeeCap: 12 }, LOW, 30)).toBe(12);
  });

  it('never accepts a booking longer than the limit, shorter than nothing, or for a COVID-19 death (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: -100, max: 24 * 10 }), fc.integer({ min: -10, max: 24 * 10 }), fc.constantFrom('ordinary', 'covid_confirmed', 'covid_suspected'),
      fc.constantFrom<RiskLevel>('low', 'medium', 'high'),
      (start, length, cause, risk) => {
        const limits = mourningLimits(POLICY, risk);
        const plan: EventPlan = { cause, startsAt: at(start), endsAt: at(start + length) };
        if (checkMourningEvent(plan, { now: NOW, limits, hallCapacity: 100 }) !== null) return;
        expect(cause).toBe('ordinary');
        expect(limits.eventsAllowed).toBe(true);
        expect(length).toBeGreaterThan(0);
        expect(length).toBeLessThanOrEqual(limits.maxDays * 24);
        expect(start).toBeGreaterThanOrEqual(0);
      },
    ));
  });
});

describe('bookingsOverlap: one event per hall at a time', () => {
  const e = { startsAt: at(0), endsAt: at(10) };
  it.each([
    { why: 'the same times', other: e, clash: true },
    { why: 'starting inside', other: { startsAt: at(5), endsAt: at(20) }, clash: true },
    { why: 'around it', other: { startsAt: at(-5), endsAt: at(20) }, clash: true },
    { why: 'starting at its end', other: { startsAt: at(10), endsAt: at(20) }, clash: false },
    { why: 'ending at its start', other: { startsAt: at(-5), endsAt: at(0) }, clash: false },
  ])('$why', ({ other, clash }) => {
    expect(bookingsOverlap(e, other)).toBe(clash);
    expect(bookingsOverlap(other, e)).toBe(clash);
  });
});

describe('eventState', () => {
  const e = { startsAt: at(1), endsAt: at(5), endedAt: null, cancelledAt: null };
  it.each<{ why: string; event: typeof e | { startsAt: Date; endsAt: Date; endedAt: Date | null; cancelledAt: Date | null }; now: Date; state: EventState }>([
    { why: 'before its start', event: e, now: NOW, state: 'upcoming' },
    { why: 'at its start', event: e, now: at(1), state: 'ongoing' },
    { why: 'at its end', event: e, now: at(5), state: 'ended' },
    { why: 'ended early by the site', event: { ...e, endedAt: at(2) }, now: at(3), state: 'ended' },
    { why: 'cancelled', event: { ...e, cancelledAt: NOW }, now: at(3), state: 'cancelled' },
  ])('$why', ({ event, now, state }) => {
    expect(eventState(event, now)).toBe(state);
  });
});

describe('screenMourner: the register (R9.2)', () => {
  const open = { registered: 3, cap: 50, state: 'ongoing' as EventState, bands: BANDS };
  it.each<{ why: string; symptoms: MournerSymptom[]; temperature?: number; at?: Partial<typeof open>; reasons: MournerRefusal[] }>([
    { why: 'well', symptoms: [], reasons: [] },
    { why: 'well, before the event starts', symptoms: [], at: { state: 'upcoming' }, reasons: [] },
    { why: 'a cough', symptoms: ['cough'], reasons: ['symptoms'] },
    { why: 'a cold', symptoms: ['cold'], reasons: ['symptoms'] },
    { why: 'a declared fever', symptoms: ['fever'], reasons: ['symptoms'] },
    { why: 'a normal temperature', symptoms: [], temperature: 36.6, reasons: [] },
    { why: 'a measured low fever', symptoms: [], temperature: 37.5, reasons: ['fever_measured'] },
    { why: 'a cough and a fever', symptoms: ['cough'], temperature: 38.2, reasons: ['symptoms', 'fever_measured'] },
    { why: 'the last place', symptoms: [], at: { registered: 49 }, reasons: [] },
    { why: 'a full register', symptoms: [], at: { registered: 50 }, reasons: ['register_full'] },
    { why: 'a full register and a cough: the cough is the reason', symptoms: ['cough'], at: { registered: 50 }, reasons: ['symptoms'] },
    { why: 'after the event', symptoms: [], at: { state: 'ended' }, reasons: ['event_over'] },
    { why: 'a cancelled event', symptoms: ['cough'], at: { state: 'cancelled' }, reasons: ['event_over'] },
  ])('$why', ({ symptoms, temperature, at: over, reasons }) => {
    expect(screenMourner({ symptoms, temperature }, { ...open, ...over })).toEqual(reasons);
  });

  it('admits nobody with any of the plan\'s symptoms, and nobody past the cap (property)', () => {
    fc.assert(fc.property(fc.subarray([...MOURNER_SYMPTOMS]), fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 60 }), (symptoms, registered, cap) => {
      const admitted = screenMourner({ symptoms }, { registered, cap, state: 'ongoing', bands: BANDS }).length === 0;
      if (admitted) {
        expect(symptoms).toEqual([]);
        expect(registered).toBeLessThan(cap);
      }
    }));
  });
});

describe('hallDisinfectionState (R8.2)', () => {
  const before = POLICY.disinfectionCheckHour - 1;
  const after = POLICY.disinfectionCheckHour;
  it.each([
    { why: 'a hall not in use asks nothing', inUse: false, routineToday: 0, localHour: 23, state: 'not_in_use' },
    { why: 'none yet in the morning', inUse: true, routineToday: 0, localHour: 9, state: 'due' },
    { why: 'one before the hour', inUse: true, routineToday: 1, localHour: before, state: 'due' },
    { why: 'one at the hour', inUse: true, routineToday: 1, localHour: after, state: 'missed' },
    { why: 'two at the hour', inUse: true, routineToday: 2, localHour: after, state: 'ok' },
    { why: 'two in the morning', inUse: true, routineToday: 2, localHour: 8, state: 'ok' },
    { why: 'three late at night', inUse: true, routineToday: 3, localHour: 23, state: 'ok' },
  ])('$why', ({ inUse, routineToday, localHour, state }) => {
    expect(hallDisinfectionState({ inUse, routineToday, localHour }, POLICY)).toBe(state);
  });

  it('follows the policy\'s number', () => {
    expect(hallDisinfectionState({ inUse: true, routineToday: 2, localHour: 20 }, { ...POLICY, minDisinfectionsPerDay: 3 })).toBe('missed');
    expect(hallDisinfectionState({ inUse: true, routineToday: 0, localHour: 20 }, { ...POLICY, minDisinfectionsPerDay: 0 })).toBe('ok');
  });
});

describe('covidStepDeadline (R7.3)', () => {
  const done: Partial<Record<CovidCaseStep, Date>> = { notified: at(0), handover: at(1), collected: at(3), cremated: at(5) };
  it.each<{ step: CovidCaseStep; due: Date | null }>([
    { step: 'notified', due: null },
    { step: 'handover', due: at(POLICY.covidCollectionHours) },
    { step: 'collected', due: at(POLICY.covidCollectionHours) },
    { step: 'cremated', due: at(3 + POLICY.covidCremationHours) },
    { step: 'certified', due: at(5 + POLICY.covidAftercareHours) },
    { step: 'ashes_released', due: at(5 + POLICY.covidAftercareHours) },
    { step: 'disinfected', due: at(5 + POLICY.covidAftercareHours) },
    { step: 'archived', due: at(5 + POLICY.covidArchiveHours) },
  ])('$step', ({ step, due }) => {
    expect(covidStepDeadline(step, done, POLICY)).toEqual(due);
  });

  it('has no deadline while the step it runs from is not done', () => {
    expect(covidStepDeadline('cremated', { notified: at(0) }, POLICY)).toBeNull();
  });

  it('gives every step but the notice a deadline once the steps before are done', () => {
    const all = Object.fromEntries(COVID_CASE_STEPS.map((s, i) => [s, at(i)])) as Record<CovidCaseStep, Date>;
    for (const step of COVID_CASE_STEPS.slice(1)) expect(covidStepDeadline(step, all, POLICY)).not.toBeNull();
  });
});
