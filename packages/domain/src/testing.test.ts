import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CommitLabImport,
  type ComplianceCounts,
  complianceRate,
  CreateSession,
  CreateTest,
  JoinInput,
  parseTestResult,
  SessionEntry,
  SetTestResult,
  sumCompliance,
  TEST_RESULTS,
  TestBatch,
  type TestResult,
  testTimeProblems,
} from './testing.js';

/*
 * Nucleic-acid testing (requirements §4): test records, sampling sessions, lab imports and 应检尽检
 * compliance, against the pure rules of testing.ts. Who is due and by when is tested in
 * testing-due.test.ts and testing-due-properties.test.ts.
 */

const PERSON = '123e4567-e89b-42d3-a456-426614174000';
const SITE = '123e4567-e89b-42d3-a456-426614174001';
const DAY_MS = 24 * 60 * 60 * 1000;

// testTimeProblems

describe('testTimeProblems', () => {
  const now = new Date('2024-03-01T12:00:00+08:00');
  it.each<{ name: string; t: { sampledAt: string; result?: TestResult; resultAt?: string | null }; problems: ReturnType<typeof testTimeProblems> }>([
    { name: 'sampled now', t: { sampledAt: '2024-03-01T12:00:00+08:00' }, problems: [] },
    { name: 'sampled now, in UTC', t: { sampledAt: '2024-03-01T04:00:00Z' }, problems: [] },
    { name: 'sampled this morning', t: { sampledAt: '2024-03-01T08:00:00+08:00' }, problems: [] },
    { name: 'sampled a minute ahead (clock slack)', t: { sampledAt: '2024-03-01T12:01:00+08:00' }, problems: [] },
    { name: 'sampled a minute and a second ahead', t: { sampledAt: '2024-03-01T12:01:01+08:00' }, problems: [{ path: 'sampledAt', issue: 'future' }] },
    { name: 'sampled tomorrow', t: { sampledAt: '2024-03-02T08:00:00+08:00' }, problems: [{ path: 'sampledAt', issue: 'future' }] },
    { name: 'sampled now in a zone behind (still now)', t: { sampledAt: '2024-02-29T23:00:00-05:00' }, problems: [] },
    { name: 'a result after the sample', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T11:00:00+08:00' }, problems: [] },
    { name: 'a result at the sampling time', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T08:00:00+08:00' }, problems: [] },
    { name: 'a result before the sample', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T07:59:59+08:00' }, problems: [{ path: 'resultAt', issue: 'before_sample' }] },
    { name: 'a result the day before the sample', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'positive', resultAt: '2024-02-29T20:00:00+08:00' }, problems: [{ path: 'resultAt', issue: 'before_sample' }] },
    { name: 'a result a minute ahead (clock slack)', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T12:01:00+08:00' }, problems: [] },
    { name: 'a result in the future', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T12:05:00+08:00' }, problems: [{ path: 'resultAt', issue: 'future' }] },
    { name: 'a null result time', t: { sampledAt: '2024-03-01T08:00:00+08:00', resultAt: null }, problems: [] },
    {
      name: 'sampled in the future with a result before it',
      t: { sampledAt: '2024-03-03T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T08:00:00+08:00' },
      problems: [{ path: 'sampledAt', issue: 'future' }, { path: 'resultAt', issue: 'before_sample' }],
    },
    {
      name: 'sampled and resulted in the future',
      t: { sampledAt: '2024-03-03T08:00:00+08:00', result: 'negative', resultAt: '2024-03-03T10:00:00+08:00' },
      problems: [{ path: 'sampledAt', issue: 'future' }, { path: 'resultAt', issue: 'future' }],
    },
  ])('$name', ({ t, problems }) => {
    expect(testTimeProblems(t, now)).toEqual(problems);
  });

  it('reports a future sample iff more than a minute ahead; a result before its sample or ahead of now', () => {
    const minute = 60_000;
    fc.assert(
      fc.property(fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }), fc.option(fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }), { nil: undefined }), (s, r) => {
        const at = (offset: number) => new Date(now.getTime() + offset).toISOString();
        const problems = testTimeProblems({ sampledAt: at(s), resultAt: r === undefined ? undefined : at(r) }, now);
        const expected: ReturnType<typeof testTimeProblems> = [];
        if (s > minute) expected.push({ path: 'sampledAt', issue: 'future' });
        if (r !== undefined && r < s) expected.push({ path: 'resultAt', issue: 'before_sample' });
        else if (r !== undefined && r > minute) expected.push({ path: 'resultAt', issue: 'future' });
        expect(problems).toEqual(expected);
      }),
    );
  });
});

// parseTestResult

describe('parseTestResult', () => {
  it.each<{ text: string; result: TestResult | undefined }>([
    { text: '阴性', result: 'negative' },
    { text: '阴', result: 'negative' },
    { text: '未检出', result: 'negative' },
    { text: '-', result: 'negative' },
    { text: '阴性（-）', result: 'negative' },
    { text: '阴性(-)', result: 'negative' },
    { text: '阳性', result: 'positive' },
    { text: '阳', result: 'positive' },
    { text: '检出', result: 'positive' },
    { text: '+', result: 'positive' },
    { text: '阳性（+）', result: 'positive' },
    { text: '(+)', result: 'positive' },
    { text: '（阳性）', result: 'positive' },
    { text: '(-)', result: 'negative' },
    { text: '（阴性）', result: 'negative' },
    { text: '待检', result: 'pending' },
    { text: '待出', result: 'pending' },
    { text: '检测中', result: 'pending' },
    { text: '待报告', result: 'pending' },
    { text: '无效', result: 'invalid' },
    { text: '样本无效', result: 'invalid' },
    { text: '不合格', result: 'invalid' },
    { text: '复检', result: 'invalid' },
    { text: 'negative', result: 'negative' },
    { text: 'Negative', result: 'negative' },
    { text: 'NEG', result: 'negative' },
    { text: 'positive', result: 'positive' },
    { text: 'POS', result: 'positive' },
    { text: 'Pending', result: 'pending' },
    { text: 'INVALID', result: 'invalid' },
    { text: '', result: 'pending' },
    { text: '   ', result: 'pending' },
    { text: '\t\n', result: 'pending' },
    { text: '\u3000', result: 'pending' }, // an ideographic space
    { text: '  阴性  ', result: 'negative' },
    { text: '阴 性', result: 'negative' },
    { text: '\u3000阳性\u3000', result: 'positive' },
    { text: ' Neg ative ', result: 'negative' },
    { text: '弱阳性', result: undefined },
    { text: '阴性阳性', result: undefined },
    { text: 'unknown', result: undefined },
    { text: 'N/A', result: undefined },
    { text: '0', result: undefined },
    { text: '阴性?', result: undefined },
  ])('$text → $result', ({ text, result }) => {
    expect(parseTestResult(text)).toBe(result);
  });

  it('is a result or undefined for any text, and ignores surrounding whitespace and case', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', '\t', '\u3000'), (s, pad) => {
        const r = parseTestResult(s);
        if (r !== undefined) expect(TEST_RESULTS).toContain(r);
        expect(parseTestResult(`${pad}${s}${pad}`)).toBe(r);
        expect(parseTestResult(s.toUpperCase())).toBe(parseTestResult(s.toLowerCase()));
      }),
    );
  });
});

// Compliance

describe('complianceRate and sumCompliance', () => {
  it.each<{ tested: number; required: number; rate: number | null }>([
    { tested: 0, required: 0, rate: null },
    { tested: 0, required: 4, rate: 0 },
    { tested: 3, required: 4, rate: 0.75 },
    { tested: 4, required: 4, rate: 1 },
    { tested: 1, required: 3, rate: 1 / 3 },
  ])('$tested of $required → $rate', ({ tested, required, rate }) => {
    expect(complianceRate(tested, required)).toBe(rate);
  });

  type Counts = Omit<ComplianceCounts, 'rate'>;
  const zero: Counts = { required: 0, tested: 0, due: 0, overdue: 0, stalePending: 0, positive: 0 };
  const arbCounts: fc.Arbitrary<Counts> = fc.record({
    required: fc.nat(10_000), tested: fc.nat(10_000), due: fc.nat(10_000), overdue: fc.nat(10_000), stalePending: fc.nat(10_000), positive: fc.nat(10_000),
  });

  it.each<{ name: string; rows: Counts[]; sum: ComplianceCounts }>([
    { name: 'no rows', rows: [], sum: { ...zero, rate: null } },
    { name: 'a site nobody must be tested at', rows: [zero], sum: { ...zero, rate: null } },
    {
      name: 'one site',
      rows: [{ required: 10, tested: 8, due: 1, overdue: 1, stalePending: 2, positive: 0 }],
      sum: { required: 10, tested: 8, due: 1, overdue: 1, stalePending: 2, positive: 0, rate: 0.8 },
    },
    {
      name: 'two sites: the rate is recomputed, not averaged',
      rows: [
        { required: 10, tested: 5, due: 3, overdue: 2, stalePending: 0, positive: 1 },
        { required: 30, tested: 30, due: 0, overdue: 0, stalePending: 4, positive: 0 },
      ],
      sum: { required: 40, tested: 35, due: 3, overdue: 2, stalePending: 4, positive: 1, rate: 0.875 },
    },
    {
      name: 'wider rows (sites with their rates) sum only the counts',
      rows: [
        { required: 4, tested: 1, due: 3, overdue: 0, stalePending: 0, positive: 0, rate: 0.25, siteId: SITE } as Counts,
        { required: 4, tested: 4, due: 0, overdue: 0, stalePending: 0, positive: 0, rate: 1, siteId: SITE } as Counts,
      ],
      sum: { required: 8, tested: 5, due: 3, overdue: 0, stalePending: 0, positive: 0, rate: 0.625 },
    },
  ])('$name', ({ rows, sum }) => {
    expect(sumCompliance(rows)).toEqual(sum);
  });

  it('adds every count, recomputes the rate, and does not depend on order', () => {
    fc.assert(
      fc.property(fc.array(arbCounts, { maxLength: 20 }), fc.array(arbCounts, { maxLength: 20 }), (a, b) => {
        const sa = sumCompliance(a);
        const sb = sumCompliance(b);
        const s = sumCompliance([...a, ...b]);
        for (const k of Object.keys(zero) as (keyof Counts)[]) expect(s[k]).toBe(sa[k] + sb[k]);
        expect(s.rate).toBe(s.required === 0 ? null : s.tested / s.required);
        expect(sumCompliance([...b, ...a])).toEqual(s);
        expect(Object.keys(s).sort()).toEqual(['due', 'overdue', 'positive', 'rate', 'required', 'stalePending', 'tested']);
      }),
    );
  });
});

// Records

/** The messages of a failed parse, with their paths. */
function issues(r: { success: boolean; error?: { issues: readonly { message: string; path: readonly PropertyKey[] }[] } }): { message: string; path: string }[] {
  return (r.error?.issues ?? []).map((i) => ({ message: i.message, path: i.path.join('.') }));
}

describe('CreateTest', () => {
  const sampledAt = '2024-03-01T08:00:00+08:00';

  it('defaults to a pending throat swab', () => {
    expect(CreateTest.parse({ personId: PERSON, sampledAt })).toEqual({ personId: PERSON, sampledAt, sampleType: 'throat_swab', result: 'pending' });
  });

  it.each<{ name: string; input: Record<string, unknown> }>([
    { name: 'a result time with a pending result', input: { personId: PERSON, sampledAt, result: 'pending', resultAt: '2024-03-01T12:00:00+08:00' } },
    { name: 'a result time without a result (pending by default)', input: { personId: PERSON, sampledAt, resultAt: '2024-03-01T12:00:00+08:00' } },
  ])('refuses $name with test.result_time_without_result on resultAt', ({ input }) => {
    const r = CreateTest.safeParse(input);
    expect(r.success).toBe(false);
    expect(issues(r)).toEqual([{ message: 'test.result_time_without_result', path: 'resultAt' }]);
  });

  it.each<{ name: string; input: Record<string, unknown>; ok: boolean }>([
    { name: 'a negative with its time', input: { personId: PERSON, sampledAt, result: 'negative', resultAt: '2024-03-01T12:00:00+08:00' }, ok: true },
    { name: 'a positive without its time', input: { personId: PERSON, sampledAt, result: 'positive' }, ok: true },
    { name: 'an invalid sample with its time', input: { personId: PERSON, sampledAt, result: 'invalid', resultAt: '2024-03-01T12:00:00+08:00' }, ok: true },
    { name: 'every optional field', input: { personId: PERSON, sampledAt, sampleType: 'nasal_swab', collectionPoint: 'P', lab: 'L', labRef: 'T-1', note: 'n' }, ok: true },
    { name: 'an unknown key', input: { personId: PERSON, sampledAt, extra: 1 }, ok: false },
    { name: 'a sampling time without an offset', input: { personId: PERSON, sampledAt: '2024-03-01T08:00:00' }, ok: false },
    { name: 'a sampling day only', input: { personId: PERSON, sampledAt: '2024-03-01' }, ok: false },
    { name: 'an unknown result', input: { personId: PERSON, sampledAt, result: 'weak_positive' }, ok: false },
    { name: 'an unknown sample type', input: { personId: PERSON, sampledAt, sampleType: 'blood' }, ok: false },
    { name: 'a person id that is not a uuid', input: { personId: 'p-1', sampledAt }, ok: false },
    { name: 'a lab ref of 51 characters', input: { personId: PERSON, sampledAt, labRef: 'x'.repeat(51) }, ok: false },
    { name: 'a lab ref of 50 characters', input: { personId: PERSON, sampledAt, labRef: 'x'.repeat(50) }, ok: true },
  ])('$name → accepted: $ok', ({ input, ok }) => {
    expect(CreateTest.safeParse(input).success).toBe(ok);
  });

  it('a batch holds 1 to 1,000 tests, each checked', () => {
    const t = { personId: PERSON, sampledAt };
    expect(TestBatch.safeParse({ tests: [] }).success).toBe(false);
    expect(TestBatch.safeParse({ tests: [t] }).success).toBe(true);
    expect(TestBatch.safeParse({ tests: Array.from({ length: 1000 }, () => t) }).success).toBe(true);
    expect(TestBatch.safeParse({ tests: Array.from({ length: 1001 }, () => t) }).success).toBe(false);
    const bad = TestBatch.safeParse({ tests: [t, { ...t, resultAt: '2024-03-01T12:00:00+08:00' }] });
    expect(issues(bad)).toEqual([{ message: 'test.result_time_without_result', path: 'tests.1.resultAt' }]);
  });

  it('a result set later must be a result, not pending', () => {
    expect(SetTestResult.safeParse({ result: 'negative' }).success).toBe(true);
    expect(SetTestResult.safeParse({ result: 'pending' }).success).toBe(false);
    expect(SetTestResult.safeParse({}).success).toBe(false);
  });
});

describe('SessionEntry', () => {
  const at = '2024-03-01T08:30:00+08:00';

  it.each<{ name: string; input: Record<string, unknown>; problems: { message: string; path: string }[] }>([
    { name: 'attended, pending', input: { personId: PERSON, attended: true }, problems: [] },
    { name: 'attended, with a sampling time', input: { personId: PERSON, attended: true, sampledAt: at }, problems: [] },
    { name: 'attended, negative with its time', input: { personId: PERSON, attended: true, result: 'negative', resultAt: '2024-03-01T18:00:00+08:00' }, problems: [] },
    { name: 'absent', input: { personId: PERSON, attended: false }, problems: [] },
    { name: 'absent, explicitly pending', input: { personId: PERSON, attended: false, result: 'pending' }, problems: [] },
    { name: 'absent with a negative', input: { personId: PERSON, attended: false, result: 'negative' }, problems: [{ message: 'test.absent_with_result', path: 'result' }] },
    { name: 'absent with a positive', input: { personId: PERSON, attended: false, result: 'positive' }, problems: [{ message: 'test.absent_with_result', path: 'result' }] },
    { name: 'absent with an invalid sample', input: { personId: PERSON, attended: false, result: 'invalid' }, problems: [{ message: 'test.absent_with_result', path: 'result' }] },
    { name: 'attended, a result time without a result', input: { personId: PERSON, attended: true, resultAt: at }, problems: [{ message: 'test.result_time_without_result', path: 'resultAt' }] },
  ])('$name', ({ input, problems }) => {
    const r = SessionEntry.safeParse(input);
    expect(r.success).toBe(problems.length === 0);
    expect(issues(r)).toEqual(problems);
  });

  it('refuses a missing attended flag and unknown keys', () => {
    expect(SessionEntry.safeParse({ personId: PERSON }).success).toBe(false);
    expect(SessionEntry.safeParse({ personId: PERSON, attended: true, extra: 1 }).success).toBe(false);
  });
});

describe('CreateSession', () => {
  const base = { townId: SITE, date: '2024-03-01', collectionPoint: '镇卫生院', siteIds: [SITE] };

  it('defaults to a throat swab of those due', () => {
    expect(CreateSession.parse(base)).toEqual({ ...base, sampleType: 'throat_swab', selection: 'due' });
  });

  it.each<{ startTime: string; ok: boolean }>([
    { startTime: '00:00', ok: true },
    { startTime: '08:30', ok: true },
    { startTime: '19:59', ok: true },
    { startTime: '23:59', ok: true },
    { startTime: '24:00', ok: false },
    { startTime: '8:30', ok: false },
    { startTime: '08:60', ok: false },
    { startTime: '08:30:00', ok: false },
    { startTime: '0830', ok: false },
    { startTime: ' 08:30', ok: false },
    { startTime: '', ok: false },
  ])('startTime $startTime → accepted: $ok', ({ startTime, ok }) => {
    const r = CreateSession.safeParse({ ...base, startTime });
    expect(r.success).toBe(ok);
    if (!ok) expect(issues(r)).toEqual([{ message: 'session.start_time', path: 'startTime' }]);
  });

  it.each<{ name: string; patch: Record<string, unknown>; problem: { message: string; path: string } | null }>([
    { name: 'no site', patch: { siteIds: [] }, problem: { message: 'session.sites_none', path: 'siteIds' } },
    { name: '100 sites', patch: { siteIds: Array.from({ length: 100 }, () => SITE) }, problem: null },
    { name: '101 sites', patch: { siteIds: Array.from({ length: 101 }, () => SITE) }, problem: { message: 'session.sites_too_many', path: 'siteIds' } },
    { name: 'a blank collection point', patch: { collectionPoint: '   ' }, problem: { message: 'field.required', path: 'collectionPoint' } },
    { name: 'everyone who must be tested', patch: { selection: 'all_required' }, problem: null },
  ])('$name', ({ patch, problem }) => {
    expect(issues(CreateSession.safeParse({ ...base, ...patch }))).toEqual(problem === null ? [] : [problem]);
  });

  it.each<{ name: string; patch: Record<string, unknown> }>([
    { name: 'a missing site list', patch: { siteIds: undefined } },
    { name: 'a site id that is not a uuid', patch: { siteIds: ['s-1'] } },
    { name: 'a day that does not exist', patch: { date: '2023-02-29' } },
    { name: 'an unknown selection', patch: { selection: 'everyone' } },
    { name: 'an unknown key', patch: { extra: 1 } },
  ])('refuses $name', ({ patch }) => {
    expect(CreateSession.safeParse({ ...base, ...patch }).success).toBe(false);
  });
});

describe('CommitLabImport', () => {
  it('defaults to no manual matches and all-or-nothing', () => {
    expect(CommitLabImport.parse({})).toEqual({ matches: {}, onlyValid: false });
  });

  it.each<{ name: string; matches: Record<string, unknown>; ok: boolean }>([
    { name: 'row 3', matches: { 3: PERSON }, ok: true },
    { name: 'rows 2 and 17', matches: { '2': PERSON, '17': SITE }, ok: true },
    { name: 'row 0', matches: { '0': PERSON }, ok: true },
    { name: 'a name as key', matches: { zhang: PERSON }, ok: false },
    { name: 'a negative row', matches: { '-1': PERSON }, ok: false },
    { name: 'a fractional row', matches: { '1.5': PERSON }, ok: false },
    { name: 'a row with spaces', matches: { ' 3': PERSON }, ok: false },
    { name: 'an empty key', matches: { '': PERSON }, ok: false },
    { name: 'a person id that is not a uuid', matches: { '3': 'p-1' }, ok: false },
    { name: 'a null person', matches: { '3': null }, ok: false },
  ])('matches with $name → accepted: $ok', ({ matches, ok }) => {
    expect(CommitLabImport.safeParse({ matches }).success).toBe(ok);
  });

  it('says which key is refused, and why (zod 4 nests the key\'s own message)', () => {
    const r = CommitLabImport.safeParse({ matches: { '2': PERSON, a: PERSON } });
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]).toMatchObject({
      code: 'invalid_key',
      path: ['matches', 'a'],
      issues: [expect.objectContaining({ message: 'a row number' })],
    });
  });

  it('refuses unknown keys and a non-boolean onlyValid', () => {
    expect(CommitLabImport.safeParse({ onlyValid: true }).success).toBe(true);
    expect(CommitLabImport.safeParse({ onlyValid: 'yes' }).success).toBe(false);
    expect(CommitLabImport.safeParse({ extra: 1 }).success).toBe(false);
  });
});

describe('JoinInput', () => {
  it.each<{ input: Record<string, unknown>; ok: boolean }>([
    { input: {}, ok: true },
    { input: { overrideReason: '院长批准' }, ok: true },
    { input: { overrideReason: '  批准  ' }, ok: false }, // 2 characters once trimmed
    { input: { overrideReason: 'x'.repeat(300) }, ok: true },
    { input: { overrideReason: 'x'.repeat(301) }, ok: false },
    { input: { reason: '院长批准' }, ok: false },
  ])('$input → accepted: $ok', ({ input, ok }) => {
    expect(JoinInput.safeParse(input).success).toBe(ok);
  });
});
