import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ALERT_REPORT_RECEIVERS,
  Alert,
  ReportOutsideInput,
  alertReportAbove,
  alertReportPlan,
  alertReportState,
  allStepsDone,
  freshSteps,
  reportGone,
  assessReading,
  type Coverage,
  coverageRate,
  coverageStatus,
  EndPlacement,
  freePlacesIn,
  Placement,
  isImplausible,
  placementRefusal,
  plannedEndOf,
  ReadingBatch,
  ReadingInput,
  releaseRefusal,
  sumCoverage,
  sumSiteCoverage,
  Temperature,
  type FeverBand,
  PLACEMENT_REASONS,
  SYMPTOMS,
} from './monitoring.js';
import { DEFAULT_POLICIES, type PolicyBody } from './policy.js';

/*
 * Daily health monitoring (requirements §2) and isolation (§5), against the pure rules of
 * monitoring.ts. Numbers are the elderly-care defaults unless a test builds its own policy.
 */

const MONITORING: PolicyBody['monitoring'] = DEFAULT_POLICIES.elderly_care.monitoring;
const PERSON = '123e4567-e89b-42d3-a456-426614174000';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Every temperature a thermometer shows in the accepted range: k/10 for k in 300..450. */
const arbTenths = fc.integer({ min: 300, max: 450 }).map((k) => k / 10);

// Temperature

describe('Temperature', () => {
  it.each<{ t: number; ok: boolean }>([
    { t: 36.6, ok: true },
    { t: 30, ok: true },
    { t: 45, ok: true },
    { t: 37, ok: true },
    { t: 36.55, ok: false },
    { t: 37.01, ok: false },
    { t: 29.9, ok: false },
    { t: 45.1, ok: false },
    { t: Number.NaN, ok: false },
    { t: Number.POSITIVE_INFINITY, ok: false },
  ])('$t → accepted: $ok', ({ t, ok }) => {
    expect(Temperature.safeParse(t).success).toBe(ok);
  });

  it('refuses what is not a number', () => {
    expect(Temperature.safeParse('36.6').success).toBe(false);
    expect(Temperature.safeParse(null).success).toBe(false);
  });

  it('accepts every k/10 for k in 300..450, however the float was computed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 450 }), (k) => {
        // k/10, k*0.1 and (k-1)/10 + 0.1 differ in the last bits for many k (float noise).
        expect(Temperature.safeParse(k / 10).success).toBe(true);
        expect(Temperature.safeParse(k * 0.1).success).toBe(true);
        if (k > 300) expect(Temperature.safeParse((k - 1) / 10 + 0.1).success).toBe(true);
      }),
    );
  });

  it('refuses every value with a second decimal in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3000, max: 4500 }).filter((k) => k % 10 !== 0), (k) => {
        expect(Temperature.safeParse(k / 100).success).toBe(false);
      }),
    );
  });

  it('refuses every tenth outside [30, 45]', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 299 }), fc.integer({ min: 451, max: 1000 })),
        (k) => {
          expect(Temperature.safeParse(k / 10).success).toBe(false);
        },
      ),
    );
  });
});

// ReadingInput and ReadingBatch

describe('ReadingInput', () => {
  it('defaults symptoms to []', () => {
    const r = ReadingInput.parse({ personId: PERSON, temperature: 36.6 });
    expect(r.symptoms).toEqual([]);
    expect(r).toEqual({ personId: PERSON, temperature: 36.6, symptoms: [] });
  });

  it('keeps listed symptoms', () => {
    expect(ReadingInput.parse({ personId: PERSON, temperature: 36.6, symptoms: ['dry_cough', 'fatigue'] }).symptoms)
      .toEqual(['dry_cough', 'fatigue']);
  });

  it.each<{ name: string; input: Record<string, unknown> }>([
    { name: 'an unknown key', input: { personId: PERSON, temperature: 36.6, extra: 1 } },
    { name: 'a misspelt key', input: { personId: PERSON, temperature: 36.6, symptom: ['fever'] } },
    { name: 'an unknown symptom', input: { personId: PERSON, temperature: 36.6, symptoms: ['headache'] } },
    { name: 'a symptom in another case', input: { personId: PERSON, temperature: 36.6, symptoms: ['Fever'] } },
    { name: 'more than 10 symptoms', input: { personId: PERSON, temperature: 36.6, symptoms: Array<string>(11).fill('fever') } },
    { name: 'a missing personId', input: { temperature: 36.6 } },
    { name: 'a personId that is not a uuid', input: { personId: 'p-1', temperature: 36.6 } },
    { name: 'a missing temperature', input: { personId: PERSON } },
    { name: 'a temperature with two decimals', input: { personId: PERSON, temperature: 36.55 } },
    { name: 'a note longer than 200 characters', input: { personId: PERSON, temperature: 36.6, note: 'x'.repeat(201) } },
  ])('refuses $name', ({ input }) => {
    expect(ReadingInput.safeParse(input).success).toBe(false);
  });

  it.each<{ measuredAt: string; ok: boolean }>([
    { measuredAt: '2024-03-01T08:00:00+08:00', ok: true },
    { measuredAt: '2024-03-01T08:00:00.123+08:00', ok: true },
    { measuredAt: '2024-03-01T00:00:00Z', ok: true },
    { measuredAt: '2024-03-01T08:00:00-05:00', ok: true },
    { measuredAt: '2024-03-01T08:00:00', ok: false },
    { measuredAt: '2024-03-01', ok: false },
    { measuredAt: '2024-03-01 08:00:00+08:00', ok: false },
    { measuredAt: 'yesterday morning', ok: false },
    { measuredAt: '', ok: false },
  ])('measuredAt $measuredAt → accepted: $ok', ({ measuredAt, ok }) => {
    expect(ReadingInput.safeParse({ personId: PERSON, temperature: 36.6, measuredAt }).success).toBe(ok);
  });
});

describe('ReadingBatch', () => {
  const reading = { personId: PERSON, temperature: 36.6 };
  it.each<{ n: number; ok: boolean }>([
    { n: 0, ok: false },
    { n: 1, ok: true },
    { n: 1000, ok: true },
    { n: 1001, ok: false },
  ])('$n readings → accepted: $ok', ({ n, ok }) => {
    expect(ReadingBatch.safeParse({ readings: Array.from({ length: n }, () => reading) }).success).toBe(ok);
  });

  it('refuses unknown keys and a bad reading inside', () => {
    expect(ReadingBatch.safeParse({ readings: [reading], extra: true }).success).toBe(false);
    expect(ReadingBatch.safeParse({ readings: [reading, { ...reading, extra: 1 }] }).success).toBe(false);
    expect(ReadingBatch.safeParse({ siteId: 'site-1', readings: [reading] }).success).toBe(false);
    expect(ReadingBatch.safeParse({ siteId: PERSON, readings: [reading] }).success).toBe(true);
  });
});

// assessReading and isImplausible

describe('assessReading with the elderly-care policy', () => {
  it.each<{ t: number; symptoms: string[]; band: FeverBand; fever: boolean; abnormal: boolean; listed: string[] }>([
    { t: 36.5, symptoms: [], band: 'normal', fever: false, abnormal: false, listed: [] },
    { t: 36.0, symptoms: [], band: 'normal', fever: false, abnormal: false, listed: [] },
    { t: 37.0, symptoms: [], band: 'normal', fever: false, abnormal: false, listed: [] },
    { t: 37.1, symptoms: [], band: 'low_fever', fever: true, abnormal: true, listed: [] },
    { t: 38.0, symptoms: [], band: 'low_fever', fever: true, abnormal: true, listed: [] },
    { t: 38.6, symptoms: [], band: 'moderate_fever', fever: true, abnormal: true, listed: [] },
    { t: 39.5, symptoms: [], band: 'high_fever', fever: true, abnormal: true, listed: [] },
    { t: 41.5, symptoms: [], band: 'hyperpyrexia', fever: true, abnormal: true, listed: [] },
    { t: 36.8, symptoms: ['dry_cough'], band: 'normal', fever: false, abnormal: true, listed: ['dry_cough'] },
    { t: 38.6, symptoms: ['cough', 'fatigue'], band: 'moderate_fever', fever: true, abnormal: true, listed: ['cough', 'fatigue'] },
    { t: 35.5, symptoms: [], band: 'below_normal', fever: false, abnormal: false, listed: [] },
    { t: 35.5, symptoms: ['diarrhoea'], band: 'below_normal', fever: false, abnormal: true, listed: ['diarrhoea'] },
    { t: 36.6, symptoms: ['headache'], band: 'normal', fever: false, abnormal: false, listed: [] },
  ])('$t ℃ with $symptoms → $band, abnormal $abnormal', ({ t, symptoms, band, fever, abnormal, listed }) => {
    expect(assessReading(t, symptoms, MONITORING)).toEqual({ band, fever, abnormal, listedSymptoms: listed });
  });

  it('does not count a symptom the policy does not list (R2.2: the lists are configurable)', () => {
    const noFatigue: PolicyBody['monitoring'] = { ...MONITORING, symptoms: ['fever', 'dry_cough', 'cough'] };
    // The control: under the default list fatigue does start the four earlies.
    expect(assessReading(36.8, ['fatigue'], MONITORING).abnormal).toBe(true);
    expect(assessReading(36.8, ['fatigue'], noFatigue)).toEqual({ band: 'normal', fever: false, abnormal: false, listedSymptoms: [] });
    expect(assessReading(36.8, ['fatigue', 'cough'], noFatigue)).toEqual({ band: 'normal', fever: false, abnormal: true, listedSymptoms: ['cough'] });
    // An unlisted symptom does not hide a fever.
    expect(assessReading(37.5, ['fatigue'], noFatigue)).toMatchObject({ fever: true, abnormal: true, listedSymptoms: [] });
  });

  it('follows the policy bands, not fixed numbers', () => {
    const strict: PolicyBody['monitoring'] = { ...MONITORING, feverBands: { ...MONITORING.feverBands, normalMax: 36.8 } };
    expect(assessReading(36.9, [], MONITORING).fever).toBe(false);
    expect(assessReading(36.9, [], strict)).toMatchObject({ band: 'low_fever', fever: true, abnormal: true });
  });

  it('abnormal iff fever or a listed symptom; fever iff above normalMax; listed = reported ∩ policy list', () => {
    const arbMonitoring = fc.subarray([...SYMPTOMS], { minLength: 1 }).map((symptoms) => ({ ...MONITORING, symptoms }));
    const arbReported = fc.array(fc.constantFrom(...SYMPTOMS, 'headache', 'rash'), { maxLength: 8 });
    fc.assert(
      fc.property(arbTenths, arbReported, arbMonitoring, (t, reported, monitoring) => {
        const a = assessReading(t, reported, monitoring);
        expect(a.abnormal).toBe(a.fever || a.listedSymptoms.length > 0);
        expect(a.fever).toBe(t > monitoring.feverBands.normalMax);
        expect(a.listedSymptoms).toEqual(reported.filter((s) => (monitoring.symptoms as readonly string[]).includes(s)));
        if (reported.length === 0) expect(a.abnormal).toBe(a.fever);
      }),
    );
  });
});

describe('isImplausible', () => {
  it.each<{ t: number; implausible: boolean }>([
    { t: 34.9, implausible: true },
    { t: 30, implausible: true },
    { t: 35.0, implausible: false },
    { t: 36.6, implausible: false },
    { t: 43.0, implausible: false },
    { t: 43.1, implausible: true },
    { t: 45, implausible: true },
  ])('$t → $implausible', ({ t, implausible }) => {
    expect(isImplausible(t, MONITORING)).toBe(implausible);
  });

  it('is exactly "outside [measurementMin, measurementMax]" (both ends valid)', () => {
    const { measurementMin, measurementMax } = MONITORING.feverBands;
    fc.assert(
      fc.property(arbTenths, (t) => {
        expect(isImplausible(t, MONITORING)).toBe(!(t >= measurementMin && t <= measurementMax));
      }),
    );
  });
});

// Alerts

describe('allStepsDone', () => {
  const done = { doneAt: '2024-03-01T08:00:00+08:00' };
  const open = { doneAt: null };
  it.each<{ name: string; steps: { doneAt: string | null }[]; all: boolean }>([
    { name: 'no steps', steps: [], all: true },
    { name: 'one done', steps: [done], all: true },
    { name: 'one open', steps: [open], all: false },
    { name: 'all done', steps: [done, done, done], all: true },
    { name: 'the last open', steps: [done, done, open], all: false },
    { name: 'the first open', steps: [open, done, done], all: false },
  ])('$name → $all', ({ steps, all }) => {
    expect(allStepsDone(steps)).toBe(all);
  });

  it('is true iff no step is open, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constant('2024-03-01T08:00:00Z'), { nil: null })), (doneAts) => {
        expect(allStepsDone(doneAts.map((doneAt) => ({ doneAt })))).toBe(!doneAts.includes(null));
      }),
    );
  });
});

// Rooms and placements

type TestRoom = { capacity: number; singleRoom: boolean; active: boolean };
const room = (capacity: number, singleRoom = false, active = true): TestRoom => ({ capacity, singleRoom, active });
const people = (...reasons: string[]): { reason: string }[] => reasons.map((reason) => ({ reason }));
const ELDERLY_SINGLE = DEFAULT_POLICIES.elderly_care.isolation.singleRoomReasons;
const RESCUE_SINGLE = DEFAULT_POLICIES.rescue_station.isolation.singleRoomReasons;

const arbRoom: fc.Arbitrary<TestRoom> = fc.record({
  capacity: fc.integer({ min: 1, max: 8 }),
  singleRoom: fc.boolean(),
  active: fc.boolean(),
});
const arbOccupants = fc.array(fc.record({ reason: fc.constantFrom(...PLACEMENT_REASONS) }), { maxLength: 10 });
const arbReasons = fc.subarray([...PLACEMENT_REASONS]);

describe('placementRefusal', () => {
  it.each<{ name: string; room: TestRoom; occupants: { reason: string }[]; reason: string; reasons: readonly string[]; refusal: ReturnType<typeof placementRefusal> }>([
    { name: 'an inactive empty room', room: room(4, false, false), occupants: [], reason: 'symptom', reasons: ELDERLY_SINGLE, refusal: 'inactive' },
    { name: 'an inactive single room', room: room(1, true, false), occupants: [], reason: 'suspected_case', reasons: ELDERLY_SINGLE, refusal: 'inactive' },
    { name: 'a room at capacity', room: room(2), occupants: people('symptom', 'new_intake'), reason: 'symptom', reasons: ELDERLY_SINGLE, refusal: 'full' },
    { name: 'a room above capacity', room: room(2), occupants: people('symptom', 'symptom', 'symptom'), reason: 'new_intake', reasons: ELDERLY_SINGLE, refusal: 'full' },
    { name: 'a one-bed room with one occupant', room: room(1), occupants: people('symptom'), reason: 'symptom', reasons: ELDERLY_SINGLE, refusal: 'full' },
    { name: 'a single room with one occupant', room: room(4, true), occupants: people('symptom'), reason: 'symptom', reasons: ELDERLY_SINGLE, refusal: 'single_room_taken' },
    { name: 'a single room, occupied, for a single-room reason', room: room(4, true), occupants: people('new_intake'), reason: 'suspected_case', reasons: ELDERLY_SINGLE, refusal: 'single_room_taken' },
    { name: 'a suspected case into a shared room with someone', room: room(4), occupants: people('symptom'), reason: 'suspected_case', reasons: ELDERLY_SINGLE, refusal: 'needs_single_room' },
    { name: '[RS] no health code into a shared room with someone', room: room(4), occupants: people('new_intake'), reason: 'no_health_code', reasons: RESCUE_SINGLE, refusal: 'needs_single_room' },
    { name: '[RS] risk-area arrival into a shared room with someone', room: room(4), occupants: people('symptom'), reason: 'risk_area_arrival', reasons: RESCUE_SINGLE, refusal: 'needs_single_room' },
    { name: 'anyone in with a suspected case', room: room(4), occupants: people('suspected_case'), reason: 'symptom', reasons: ELDERLY_SINGLE, refusal: 'single_room_taken' },
    { name: '[RS] anyone in with someone without a health code', room: room(4), occupants: people('no_health_code'), reason: 'new_intake', reasons: RESCUE_SINGLE, refusal: 'single_room_taken' },
    { name: 'a suspected case into an empty shared room', room: room(4), occupants: [], reason: 'suspected_case', reasons: ELDERLY_SINGLE, refusal: undefined },
    { name: 'a suspected case into an empty single room', room: room(1, true), occupants: [], reason: 'suspected_case', reasons: ELDERLY_SINGLE, refusal: undefined },
    { name: 'anyone into an empty single room', room: room(3, true), occupants: [], reason: 'symptom', reasons: ELDERLY_SINGLE, refusal: undefined },
    { name: 'a symptom into a shared room with space', room: room(4), occupants: people('symptom', 'new_intake'), reason: 'symptom', reasons: ELDERLY_SINGLE, refusal: undefined },
    { name: 'the last free bed', room: room(3), occupants: people('symptom', 'symptom'), reason: 'new_intake', reasons: ELDERLY_SINGLE, refusal: undefined },
    { name: '[EC] no health code shares: not a single-room reason there', room: room(4), occupants: people('no_health_code'), reason: 'risk_area_arrival', reasons: ELDERLY_SINGLE, refusal: undefined },
    { name: 'no single-room reasons at all', room: room(4), occupants: people('suspected_case'), reason: 'suspected_case', reasons: [], refusal: undefined },
  ])('$name → $refusal', ({ room: r, occupants, reason, reasons, refusal }) => {
    expect(placementRefusal(r, occupants, reason, reasons)).toBe(refusal);
  });

  it('allows a placement only into an active room with a free bed, never beside a single-room reason (R5.4)', () => {
    fc.assert(
      fc.property(arbRoom, arbOccupants, fc.constantFrom(...PLACEMENT_REASONS), arbReasons, (r, occupants, reason, reasons) => {
        const refusal = placementRefusal(r, occupants, reason, reasons);
        if (refusal === undefined) {
          expect(r.active).toBe(true);
          expect(occupants.length).toBeLessThan(r.singleRoom ? 1 : r.capacity);
          if (reasons.includes(reason)) expect(occupants).toHaveLength(0);
          expect(occupants.some((o) => reasons.includes(o.reason))).toBe(false);
        }
      }),
    );
  });

  it('always allows the first placement into an active room', () => {
    fc.assert(
      fc.property(arbRoom, fc.constantFrom(...PLACEMENT_REASONS), arbReasons, (r, reason, reasons) => {
        expect(placementRefusal({ ...r, active: true }, [], reason, reasons)).toBeUndefined();
      }),
    );
  });

  it('refuses an inactive room first, whatever else is true', () => {
    fc.assert(
      fc.property(arbRoom, arbOccupants, fc.constantFrom(...PLACEMENT_REASONS), arbReasons, (r, occupants, reason, reasons) => {
        expect(placementRefusal({ ...r, active: false }, occupants, reason, reasons)).toBe('inactive');
      }),
    );
  });
});

describe('freePlacesIn', () => {
  it.each<{ name: string; room: TestRoom; occupants: { reason: string }[]; free: number }>([
    { name: 'an inactive room', room: room(4, false, false), occupants: [], free: 0 },
    { name: 'an empty shared room', room: room(4), occupants: [], free: 4 },
    { name: 'a shared room with one', room: room(4), occupants: people('symptom'), free: 3 },
    { name: 'a full room', room: room(2), occupants: people('symptom', 'symptom'), free: 0 },
    { name: 'an over-full room', room: room(2), occupants: people('symptom', 'symptom', 'symptom'), free: 0 },
    { name: 'an empty single room with four beds', room: room(4, true), occupants: [], free: 1 },
    { name: 'an occupied single room', room: room(4, true), occupants: people('symptom'), free: 0 },
    { name: 'a shared room with a suspected case', room: room(4), occupants: people('suspected_case'), free: 0 },
  ])('$name → $free', ({ room: r, occupants, free }) => {
    expect(freePlacesIn(r, occupants, ELDERLY_SINGLE)).toBe(free);
  });

  it('is never negative and never above the beds a room offers', () => {
    fc.assert(
      fc.property(arbRoom, arbOccupants, arbReasons, (r, occupants, reasons) => {
        const free = freePlacesIn(r, occupants, reasons);
        expect(free).toBeGreaterThanOrEqual(0);
        expect(free).toBeLessThanOrEqual(r.singleRoom ? 1 : r.capacity);
      }),
    );
  });

  it('agrees with placementRefusal for an ordinary (symptom) placement', () => {
    const arbReasonsWithoutSymptom = fc.subarray(PLACEMENT_REASONS.filter((r) => r !== 'symptom'));
    fc.assert(
      fc.property(arbRoom, arbOccupants, arbReasonsWithoutSymptom, (r, occupants, reasons) => {
        expect(freePlacesIn(r, occupants, reasons) > 0).toBe(placementRefusal(r, occupants, 'symptom', reasons) === undefined);
      }),
    );
  });

  it('counts exactly how many ordinary placements still fit, one after the other', () => {
    const arbReasonsWithoutSymptom = fc.subarray(PLACEMENT_REASONS.filter((r) => r !== 'symptom'));
    fc.assert(
      fc.property(arbRoom, arbOccupants, arbReasonsWithoutSymptom, (r, occupants, reasons) => {
        const free = freePlacesIn(r, occupants, reasons);
        const current = [...occupants];
        let fitted = 0;
        while (placementRefusal(r, current, 'symptom', reasons) === undefined && fitted <= 60) {
          current.push({ reason: 'symptom' });
          fitted++;
        }
        expect(fitted).toBe(free);
      }),
    );
  });
});

describe('releaseRefusal (R5.3)', () => {
  // Placed at 09:00 Beijing time on 1 March, planned to end on 15 March.
  const p = { startAt: '2024-03-01T09:00:00+08:00', plannedEnd: '2024-03-15' };
  it.each<{ name: string; outcome: string; day: string; test?: string | null; flag: boolean; refusal: ReturnType<typeof releaseRefusal> }>([
    { name: 'released early without a test', outcome: 'released', day: '2024-03-10', flag: true, refusal: 'needs_negative_test' },
    { name: 'released the day before the end without a test', outcome: 'released', day: '2024-03-14', flag: true, refusal: 'needs_negative_test' },
    { name: 'released on the start day without a test', outcome: 'released', day: '2024-03-01', flag: true, refusal: 'needs_negative_test' },
    { name: 'released early with a null sample time', outcome: 'released', day: '2024-03-10', test: null, flag: true, refusal: 'needs_negative_test' },
    { name: 'released early with an empty sample time', outcome: 'released', day: '2024-03-10', test: '', flag: true, refusal: 'needs_negative_test' },
    { name: 'released early, sampled the day before the start', outcome: 'released', day: '2024-03-10', test: '2024-02-29T10:00:00+08:00', flag: true, refusal: 'test_before_start' },
    { name: 'released early, sampled long before the start', outcome: 'released', day: '2024-03-10', test: '2023-12-31T10:00:00+08:00', flag: true, refusal: 'test_before_start' },
    { name: 'released early, sampled on the start day but an hour before', outcome: 'released', day: '2024-03-10', test: '2024-03-01T08:00:00+08:00', flag: true, refusal: 'test_before_start' },
    { name: 'released early, sampled a second before the start', outcome: 'released', day: '2024-03-10', test: '2024-03-01T08:59:59+08:00', flag: true, refusal: 'test_before_start' },
    { name: 'released early, sampled before the start, given in UTC', outcome: 'released', day: '2024-03-10', test: '2024-03-01T00:59:00Z', flag: true, refusal: 'test_before_start' },
    { name: 'released early, sampled at the very start', outcome: 'released', day: '2024-03-10', test: '2024-03-01T09:00:00+08:00', flag: true, refusal: undefined },
    { name: 'released early, sampled at the start, given in UTC', outcome: 'released', day: '2024-03-10', test: '2024-03-01T01:00:00Z', flag: true, refusal: undefined },
    { name: 'released early, sampled on the start day after the start', outcome: 'released', day: '2024-03-10', test: '2024-03-01T15:30:00+08:00', flag: true, refusal: undefined },
    { name: 'released early, sampled after the start', outcome: 'released', day: '2024-03-10', test: '2024-03-09T10:00:00+08:00', flag: true, refusal: undefined },
    { name: 'released early, sampled on the release day', outcome: 'released', day: '2024-03-10', test: '2024-03-10T07:00:00+08:00', flag: true, refusal: undefined },
    { name: 'released on the planned end', outcome: 'released', day: '2024-03-15', flag: true, refusal: undefined },
    { name: 'released after the planned end', outcome: 'released', day: '2024-04-01', flag: true, refusal: undefined },
    { name: 'released after the end with an old test', outcome: 'released', day: '2024-03-16', test: '2024-01-01T10:00:00+08:00', flag: true, refusal: undefined },
    { name: 'sent to hospital early', outcome: 'sent_to_hospital', day: '2024-03-02', flag: true, refusal: undefined },
    { name: 'confirmed early', outcome: 'confirmed', day: '2024-03-02', flag: true, refusal: undefined },
    { name: 'transferred early', outcome: 'transferred', day: '2024-03-02', flag: true, refusal: undefined },
    { name: 'transferred early with a test before the start', outcome: 'transferred', day: '2024-03-02', test: '2024-02-01T10:00:00+08:00', flag: true, refusal: undefined },
    { name: 'released early, policy does not require a test', outcome: 'released', day: '2024-03-10', flag: false, refusal: undefined },
    { name: 'released early, test before start, policy does not require a test', outcome: 'released', day: '2024-03-10', test: '2024-02-01T10:00:00+08:00', flag: false, refusal: undefined },
  ])('$name → $refusal', ({ outcome, day, test, flag, refusal }) => {
    expect(releaseRefusal(p, { outcome, day, negativeSampledAt: test }, flag)).toBe(refusal);
  });

  it('refuses only an early release, and only when the policy asks for a negative sampled after the start', () => {
    const arbDay = fc.integer({ min: 0, max: 60 }).map((n) => plannedEndOf('2024-02-15', n));
    // Instants on a 15-minute grid from 2024-02-15T00:00Z over 60 days, in one of two offsets.
    const arbInstant = fc.integer({ min: 0, max: 60 * 96 }).map((q) => Date.UTC(2024, 1, 15) + q * 15 * 60_000);
    const iso = (ms: number, beijing: boolean): string =>
      beijing ? `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00` : new Date(ms).toISOString();
    fc.assert(
      fc.property(
        arbInstant, fc.boolean(), fc.integer({ min: 1, max: 30 }), arbDay,
        fc.option(fc.tuple(arbInstant, fc.boolean()), { nil: undefined }),
        fc.constantFrom('released', 'sent_to_hospital', 'confirmed', 'transferred'), fc.boolean(),
        (start, startBeijing, duration, day, test, outcome, flag) => {
          const startAt = iso(start, startBeijing);
          const plannedEnd = plannedEndOf(startAt.slice(0, 10), duration);
          const negativeSampledAt = test === undefined ? undefined : iso(test[0], test[1]);
          const refusal = releaseRefusal({ startAt, plannedEnd }, { outcome, day, negativeSampledAt }, flag);
          const early = day < plannedEnd;
          if (!flag || outcome !== 'released' || !early) expect(refusal).toBeUndefined();
          else if (test === undefined) expect(refusal).toBe('needs_negative_test');
          else expect(refusal).toBe(test[0] < start ? 'test_before_start' : undefined);
        },
      ),
    );
  });
});

describe('Alert, Placement and EndPlacement records', () => {
  const ID = '123e4567-e89b-42d3-a456-426614174001';
  const alert = {
    id: ID, siteId: ID, siteName: 'A', personId: PERSON, personName: 'B',
    source: 'reading', temperature: 38.2, band: 'moderate_fever', symptoms: ['cough'], testId: null,
    openedAt: '2024-03-01T08:00:00+08:00', status: 'open', steps: [], closedAt: null, closedBy: null, closeReason: null, incidentId: null, reports: [],
  };

  it.each<{ name: string; patch: Record<string, unknown>; ok: boolean }>([
    { name: 'an alert opened by a reading', patch: {}, ok: true },
    { name: 'an alert opened by a positive test, without a temperature', patch: { source: 'test', temperature: null, band: null, symptoms: [], testId: ID }, ok: true },
    { name: 'a reading alert that a positive test joined', patch: { testId: ID }, ok: true },
    { name: 'an unknown source', patch: { source: 'manual' }, ok: false },
    { name: 'a missing source', patch: { source: undefined }, ok: false },
    { name: 'a missing testId', patch: { testId: undefined }, ok: false },
    { name: 'a testId that is not a uuid', patch: { testId: 't-1' }, ok: false },
    { name: 'an unknown band', patch: { band: 'fever' }, ok: false },
  ])('Alert: $name → accepted: $ok', ({ patch, ok }) => {
    expect(Alert.safeParse({ ...alert, ...patch }).success).toBe(ok);
  });

  const placement = {
    id: ID, siteId: ID, personId: PERSON, personName: 'B', roomId: ID, roomName: 'R1', reason: 'symptom',
    startAt: '2024-03-01T09:00:00+08:00', plannedEnd: '2024-03-15', endedAt: null, outcome: null, negativeTest: null, note: null,
  };

  it.each<{ name: string; patch: Record<string, unknown>; ok: boolean }>([
    { name: 'no negative test yet', patch: {}, ok: true },
    { name: 'a negative test', patch: { negativeTest: { id: ID, sampledAt: '2024-03-05T10:00:00+08:00' } }, ok: true },
    { name: 'a negative test without its id', patch: { negativeTest: { sampledAt: '2024-03-05T10:00:00+08:00' } }, ok: false },
    { name: 'a negative test given as a day (the old shape)', patch: { negativeTest: '2024-03-05' }, ok: false },
    { name: 'a missing negativeTest', patch: { negativeTest: undefined }, ok: false },
  ])('Placement: $name → accepted: $ok', ({ patch, ok }) => {
    expect(Placement.safeParse({ ...placement, ...patch }).success).toBe(ok);
  });

  it.each<{ name: string; input: Record<string, unknown>; ok: boolean }>([
    { name: 'an outcome', input: { outcome: 'released' }, ok: true },
    { name: 'an outcome, an end time and a note', input: { outcome: 'transferred', endedAt: '2024-03-10T10:00:00+08:00', note: 'n' }, ok: true },
    { name: 'the retired negativeTestOn', input: { outcome: 'released', negativeTestOn: '2024-03-09' }, ok: false },
    { name: 'an unknown outcome', input: { outcome: 'cured' }, ok: false },
    { name: 'an end time without an offset', input: { outcome: 'released', endedAt: '2024-03-10T10:00:00' }, ok: false },
  ])('EndPlacement: $name → accepted: $ok', ({ input, ok }) => {
    expect(EndPlacement.safeParse(input).success).toBe(ok);
  });
});

describe('the report of a fever (R2.4)', () => {
  const escalation = { reportToSiteManagerMinutes: 15, reportToTownMinutes: 60, reportToBureauMinutes: 120, chains: DEFAULT_POLICIES.elderly_care.escalation.chains };
  const opened = new Date('2024-03-01T00:00:00Z');

  it('is always a step of an alert, whatever the policy lists, and only once', () => {
    expect(freshSteps(['isolate']).map((s) => s.step)).toEqual(['isolate', 'report_superiors']);
    expect(freshSteps(['report_superiors', 'isolate']).map((s) => s.step)).toEqual(['report_superiors', 'isolate']);
  });

  it('gives each receiver the deadline of the policy, counted from the opening', () => {
    expect(alertReportPlan(opened, escalation).map((p) => [p.to, (p.dueAt.getTime() - opened.getTime()) / 60_000])).toEqual([
      ['site_manager', 15], ['town', 60], ['bureau', 120], ['health_department', 120],
    ]);
  });

  it.each<{ name: string; done: string[]; gone: boolean }>([
    { name: 'nobody told', done: [], gone: false },
    { name: 'the town only', done: ['town'], gone: false },
    { name: 'the bureau and the health department, not the town', done: ['bureau', 'health_department', 'site_manager'], gone: false },
    { name: 'the town and the bureau', done: ['town', 'bureau'], gone: true },
  ])('has gone up with $name → $gone', ({ done, gone }) => {
    const reports = ALERT_REPORT_RECEIVERS.map((to) => ({ to, doneAt: done.includes(to) ? '2024-03-01T01:00:00Z' : null }));
    expect(reportGone(reports)).toBe(gone);
  });

  it('goes late after its deadline and up a level: the site manager to the town, the town to the bureau', () => {
    const dueAt = new Date(opened.getTime() + 60 * 60_000);
    expect(alertReportState({ dueAt, doneAt: null }, new Date(dueAt.getTime() - 1))).toBe('pending');
    expect(alertReportState({ dueAt, doneAt: null }, new Date(dueAt.getTime() + 1))).toBe('late');
    expect(alertReportState({ dueAt, doneAt: new Date(dueAt.getTime() + 1) }, new Date(dueAt.getTime() + 2))).toBe('done_late');
    expect(ALERT_REPORT_RECEIVERS.map(alertReportAbove)).toEqual(['town', 'bureau', 'prefecture_bureau', 'bureau']);
  });

  it('records an outside party with whom it was told; the town and the bureau only as the levels a report may miss', () => {
    expect(ReportOutsideInput.safeParse({ to: 'health_department', how: 'phone', contact: '区疾控中心' }).success).toBe(true);
    expect(ReportOutsideInput.safeParse({ to: 'health_department', how: 'phone' }).success).toBe(false);
    expect(ReportOutsideInput.safeParse({ to: 'site_manager', how: 'phone', contact: 'x' }).success).toBe(false);
  });
});

describe('plannedEndOf', () => {
  it.each<{ start: string; days: number; end: string }>([
    { start: '2024-02-20', days: 14, end: '2024-03-05' }, // 2024 is a leap year: Feb 29 counts
    { start: '2023-02-20', days: 14, end: '2023-03-06' },
    { start: '2023-12-25', days: 14, end: '2024-01-08' },
    { start: '2024-03-01', days: 1, end: '2024-03-02' },
    { start: '2024-02-28', days: 1, end: '2024-02-29' },
    { start: '2100-02-28', days: 1, end: '2100-03-01' }, // 2100 is not a leap year
    { start: '2024-03-31', days: 14, end: '2024-04-14' }, // across a European DST change: UTC days only
    { start: '2024-01-01', days: 366, end: '2025-01-01' },
  ])('$start + $days → $end', ({ start, days, end }) => {
    expect(plannedEndOf(start, days)).toBe(end);
  });

  it('ends exactly `duration` days after the start, as a YYYY-MM-DD day', () => {
    const arbDay = fc
      .integer({ min: Date.UTC(1990, 0, 1) / DAY_MS, max: Date.UTC(2090, 11, 31) / DAY_MS })
      .map((n) => new Date(n * DAY_MS).toISOString().slice(0, 10));
    fc.assert(
      fc.property(arbDay, fc.integer({ min: 0, max: 3650 }), (start, duration) => {
        const end = plannedEndOf(start, duration);
        expect(end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS).toBe(duration);
      }),
    );
  });

  it('is additive: end(end(s, a), b) = end(s, a + b)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (n, a, b) => {
        const start = plannedEndOf('1990-01-01', n);
        expect(plannedEndOf(plannedEndOf(start, a), b)).toBe(plannedEndOf(start, a + b));
      }),
    );
  });
});

// Coverage

describe('sumCoverage', () => {
  const zero: Coverage = { expected: 0, checked: 0, complete: 0, missing: 0, abnormal: 0 };
  const add = (a: Coverage, b: Coverage): Coverage => ({
    expected: a.expected + b.expected,
    checked: a.checked + b.checked,
    complete: a.complete + b.complete,
    missing: a.missing + b.missing,
    abnormal: a.abnormal + b.abnormal,
  });
  const arbCoverage: fc.Arbitrary<Coverage> = fc.record({
    expected: fc.nat(10_000),
    checked: fc.nat(10_000),
    complete: fc.nat(10_000),
    missing: fc.nat(10_000),
    abnormal: fc.nat(10_000),
  });

  it.each<{ name: string; rows: Coverage[]; sum: Coverage }>([
    { name: 'no rows', rows: [], sum: zero },
    { name: 'one row', rows: [{ expected: 10, checked: 8, complete: 7, missing: 2, abnormal: 1 }], sum: { expected: 10, checked: 8, complete: 7, missing: 2, abnormal: 1 } },
    {
      name: 'two rows',
      rows: [
        { expected: 10, checked: 8, complete: 7, missing: 2, abnormal: 1 },
        { expected: 5, checked: 5, complete: 5, missing: 0, abnormal: 0 },
      ],
      sum: { expected: 15, checked: 13, complete: 12, missing: 2, abnormal: 1 },
    },
  ])('$name', ({ rows, sum }) => {
    expect(sumCoverage(rows)).toEqual(sum);
  });

  it('is additive: sum(a ++ b) = sum(a) + sum(b)', () => {
    fc.assert(
      fc.property(fc.array(arbCoverage), fc.array(arbCoverage), (a, b) => {
        expect(sumCoverage([...a, ...b])).toEqual(add(sumCoverage(a), sumCoverage(b)));
      }),
    );
  });

  it('has no extra keys, does not depend on order and does not change its input', () => {
    fc.assert(
      fc.property(fc.array(arbCoverage), (rows) => {
        const before = JSON.stringify(rows);
        const s = sumCoverage(rows);
        expect(Object.keys(s).sort()).toEqual(['abnormal', 'checked', 'complete', 'expected', 'missing']);
        expect(sumCoverage([...rows].reverse())).toEqual(s);
        expect(JSON.stringify(rows)).toBe(before);
      }),
    );
  });

  it('sums only the coverage fields of wider rows (sites, towns)', () => {
    const site = { expected: 3, checked: 2, complete: 2, missing: 1, abnormal: 0, siteId: PERSON, openAlerts: 4 };
    expect(sumCoverage([site, site])).toEqual({ expected: 6, checked: 4, complete: 4, missing: 2, abnormal: 0 });
  });
});

// Requirements §15: 0 of 0 is "nothing to check", never 100 %, and is counted apart.
describe('coverageStatus, coverageRate and sumSiteCoverage', () => {
  it.each<{ expected: number; checked: number; complete: number; status: string; rate: number | null }>([
    { expected: 0, checked: 0, complete: 0, status: 'nothing_to_check', rate: null },
    { expected: 4, checked: 4, complete: 4, status: 'complete', rate: 1 },
    { expected: 4, checked: 4, complete: 3, status: 'incomplete', rate: 1 },
    { expected: 4, checked: 1, complete: 0, status: 'incomplete', rate: 0.25 },
    { expected: 4, checked: 0, complete: 0, status: 'incomplete', rate: 0 },
  ])('$checked/$expected checked, $complete complete: $status', ({ status, rate, ...c }) => {
    expect(coverageStatus(c)).toBe(status);
    expect(coverageRate(c)).toBe(rate);
  });

  it('counts sites with nothing to check apart from those done, and never gives a rate of nobody', () => {
    const row = (expected: number, complete: number) => {
      const c = { expected, checked: complete, complete, missing: expected - complete, abnormal: 0 };
      return { ...c, status: coverageStatus(c) };
    };
    expect(sumSiteCoverage([row(3, 3), row(0, 0), row(2, 1), row(0, 0)])).toMatchObject({ sites: 4, sitesComplete: 1, sitesNothingToCheck: 2, rate: 0.8 });
    expect(sumSiteCoverage([row(0, 0), row(0, 0)])).toMatchObject({ sites: 2, sitesComplete: 0, sitesNothingToCheck: 2, rate: null });
    expect(sumSiteCoverage([])).toMatchObject({ sites: 0, sitesComplete: 0, sitesNothingToCheck: 0, rate: null });
  });
});
