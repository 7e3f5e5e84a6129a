import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ALERT_REPORT_RECEIVERS,
  ReportOutsideInput,
  alertReportAbove,
  alertReportPlan,
  alertReportState,
  allStepsDone,
  freshSteps,
  reportGone,
  assessReading,
  isImplausible,
  ReadingBatch,
  ReadingInput,
  Temperature,
} from './monitoring.js';
import { SYMPTOMS, type FeverBand } from './monitoring-policy.js';
import { DEFAULT_POLICIES, type PolicyBody } from './policy.js';

/*
 * Daily health monitoring (requirements §2): readings, their assessment and the alerts they open,
 * against the pure rules of monitoring.ts. Isolation (§5) is tested in monitoring-isolation.test.ts,
 * coverage in monitoring-coverage.test.ts. Numbers are the elderly-care defaults unless a test
 * builds its own policy.
 */

const MONITORING: PolicyBody['monitoring'] = DEFAULT_POLICIES.elderly_care.monitoring;
const PERSON = '123e4567-e89b-42d3-a456-426614174000';

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
