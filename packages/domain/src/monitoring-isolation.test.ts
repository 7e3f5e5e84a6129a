import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Alert,
  EndPlacement,
  freePlacesIn,
  Placement,
  placementRefusal,
  plannedEndOf,
  releaseRefusal,
} from './monitoring.js';
import { PLACEMENT_REASONS } from './monitoring-policy.js';
import { DEFAULT_POLICIES } from './policy.js';

/*
 * Isolation (requirements §5) against the pure rules of monitoring.ts: which room may take whom, the
 * free places of a room, release after the observation, the alert and placement records, and the
 * planned end of a placement. Numbers are the elderly-care defaults unless a test builds its own policy.
 */

const PERSON = '123e4567-e89b-42d3-a456-426614174000';
const DAY_MS = 24 * 60 * 60 * 1000;

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
