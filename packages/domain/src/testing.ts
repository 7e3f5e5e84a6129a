import { z } from 'zod';
import { Instant, Text } from './input.js';
import { IsoDate, SiteType, Uuid } from './org.js';
import { PersonKind } from './people.js';
import { Days, definePolicySection } from './policy-section.js';
import { definePermissions } from './access.js';
import { DueReason, DueStatus } from './testing-due.js';
import { defineTexts } from './texts.js';

/*
 * Nucleic-acid testing (§4, R5.3): who must be tested and by when, test records, sampling
 * sessions at collection points, lab-file imports and the 应检尽检 compliance of a site, town, city.
 * The due-date rules themselves are in testing-due.ts.
 */

export const TESTING_PERMISSIONS = definePermissions({
  /** See test records, due lists, sessions and compliance. */
  'testing.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'grid_worker', 'inspector'],
  /** Record samples and results, enter a session's results, import a lab's file. */
  'testing.write': ['town_officer', 'site_manager', 'site_staff'],
  /** Organise sampling sessions at collection points (R4.3). */
  'testing.organize': ['town_officer'],
  /** Let a new resident join without the intake's negative test, with a reason (audited). */
  'intake.override': ['site_manager'],
});

export const TESTING_POLICY = definePolicySection({
  key: 'testing',
  schema: z.strictObject({
    staffIntervalDays: Days,
    /** Null: residents are tested on intake and on indication only, as the plans say. */
    residentIntervalDays: Days.nullable(),
    intakeTestRequired: z.boolean(),
    /** A negative sample taken at most this many days before joining counts for the intake (R4.2). */
    intakeTestMaxAgeDays: Days,
    /** People whose next test falls within this many days are listed as due. */
    dueSoonDays: z.number().int().min(0).max(30),
    /** A result still pending this long after sampling is listed for follow-up (R4.4). */
    pendingFollowUpHours: z.number().int().min(1).max(720),
  }),
}).withDefaults(() => ({
  // "每4周落实1次"; the other numbers are local defaults the notice leaves open.
  staffIntervalDays: 28, residentIntervalDays: null, intakeTestRequired: true, intakeTestMaxAgeDays: 7, dueSoonDays: 3, pendingFollowUpHours: 48,
}));

export const SAMPLE_TYPES = ['throat_swab', 'nasal_swab', 'nasopharyngeal_swab', 'other'] as const;
export const SampleType = z.enum(SAMPLE_TYPES);
export type SampleType = z.infer<typeof SampleType>;

export const TEST_RESULTS = ['pending', 'negative', 'positive', 'invalid'] as const;
export const TestResult = z.enum(TEST_RESULTS);
export type TestResult = z.infer<typeof TestResult>;

export const TEST_SOURCES = ['manual', 'batch', 'session', 'import'] as const;
export type TestSource = (typeof TEST_SOURCES)[number];

// Rules

/** A result that counts as "tested": the sample was taken and not spoiled (a positive is a case, not a gap). */
export function countsAsTested(result: TestResult): boolean {
  return result !== 'invalid';
}

/** Problems of one test record that need the clock: a sample in the future, a result before its sample. */
export function testTimeProblems(
  t: { sampledAt: string; result?: TestResult | undefined; resultAt?: string | undefined | null },
  now: Date,
): { path: 'sampledAt' | 'resultAt'; issue: 'future' | 'before_sample' }[] {
  const out: { path: 'sampledAt' | 'resultAt'; issue: 'future' | 'before_sample' }[] = [];
  const sampled = Date.parse(t.sampledAt);
  // A minute of slack for clocks of phones and servers that differ a little.
  if (sampled > now.getTime() + 60_000) out.push({ path: 'sampledAt', issue: 'future' });
  if (t.resultAt) {
    const at = Date.parse(t.resultAt);
    if (at < sampled) out.push({ path: 'resultAt', issue: 'before_sample' });
    else if (at > now.getTime() + 60_000) out.push({ path: 'resultAt', issue: 'future' });
  }
  return out;
}

/** The 应检尽检 rate: people tested within the interval over people who must be tested; null when none must. */
export function complianceRate(tested: number, required: number): number | null {
  return required === 0 ? null : tested / required;
}

/** Reads a lab's result cell: 阴性/阳性/待检… in Chinese or English. Undefined when not recognised. */
export function parseTestResult(text: string): TestResult | undefined {
  const whole = text.trim().toLowerCase().replace(/[\s\u3000]+/g, '');
  if (whole === '') return 'pending';
  // "阴性(-)", "(+)", "（阳性）": the words outside brackets first, then those inside.
  const outside = whole.replace(/[（(][^)）]*[)）]/g, '');
  const inside = /[（(]([^)）]*)[)）]/.exec(whole)?.[1] ?? '';
  for (const s of [whole, outside, inside]) {
    const r = resultWord(s);
    if (r) return r;
  }
  return undefined;
}

function resultWord(s: string): TestResult | undefined {
  if (s === '') return undefined;
  if (['阴性', '阴', '-', 'negative', 'neg', '未检出'].includes(s)) return 'negative';
  if (['阳性', '阳', '+', 'positive', 'pos', '检出'].includes(s)) return 'positive';
  if (['待检', '待出', '检测中', '未出', 'pending', '待检测', '待报告'].includes(s)) return 'pending';
  if (['无效', '样本无效', 'invalid', '不合格', '复检'].includes(s)) return 'invalid';
  return undefined;
}

// Records

const testFields = {
  sampledAt: Instant,
  sampleType: SampleType.default('throat_swab'),
  collectionPoint: Text(100).optional(),
  lab: Text(100).optional(),
  result: TestResult.default('pending'),
  /** When the result was reported; now when a result is given without it. */
  resultAt: Instant.optional(),
  /** The lab's sample or tube number. */
  labRef: Text(50).optional(),
  note: Text(200, { multiline: true }).optional(),
};

const resultTimeOnlyWithResult = (v: { result?: TestResult | undefined; resultAt?: string | undefined }) =>
  !(v.resultAt && (v.result ?? 'pending') === 'pending');

export const CreateTest = z.strictObject({ personId: Uuid, ...testFields })
  .refine(resultTimeOnlyWithResult, { message: 'test.result_time_without_result', path: ['resultAt'] });
export type CreateTest = z.input<typeof CreateTest>;
export type CreateTestParsed = z.output<typeof CreateTest>;

export const TestBatch = z.strictObject({
  tests: z.array(CreateTest).min(1, 'at least one test').max(1000, 'at most 1,000 tests'),
});
export type TestBatch = z.input<typeof TestBatch>;

export const SetTestResult = z.strictObject({
  result: TestResult.exclude(['pending']),
  resultAt: Instant.optional(),
  lab: Text(100).optional(),
  note: Text(200, { multiline: true }).optional(),
});
export type SetTestResult = z.input<typeof SetTestResult>;

export const TestRecord = z.object({
  id: Uuid,
  personId: Uuid,
  personName: z.string(),
  kind: PersonKind,
  siteId: Uuid,
  siteName: z.string(),
  sampledAt: z.string(),
  sampleDay: IsoDate,
  sampleType: SampleType,
  collectionPoint: z.string().nullable(),
  lab: z.string().nullable(),
  result: TestResult,
  resultAt: z.string().nullable(),
  labRef: z.string().nullable(),
  sessionId: Uuid.nullable(),
  source: z.enum(TEST_SOURCES),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TestRecord = z.infer<typeof TestRecord>;

export const TestQuery = z.strictObject({
  siteId: Uuid.optional(),
  townId: Uuid.optional(),
  personId: Uuid.optional(),
  sessionId: Uuid.optional(),
  result: TestResult.optional(),
  /** Only pending results sampled longer ago than the policy's follow-up hours. */
  stalePending: z.enum(['true', 'false']).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type TestQuery = z.input<typeof TestQuery>;

// Due lists and compliance

/** Who a list names: enough to find the person at their site. */
const ListedPerson = z.object({
  personId: Uuid,
  name: z.string(),
  kind: PersonKind,
  post: z.string().nullable(),
  siteId: Uuid,
  siteName: z.string(),
});

export const DueEntry = ListedPerson.extend({
  siteType: SiteType,
  townId: Uuid.nullable(),
  townName: z.string().nullable(),
  status: DueStatus,
  reason: DueReason.nullable(),
  dueOn: IsoDate.nullable(),
  daysOverdue: z.number().int(),
  tested: z.boolean(),
  intervalDays: z.number().int().nullable(),
  lastSampledAt: z.string().nullable(),
  lastResult: TestResult.nullable(),
});
export type DueEntry = z.infer<typeof DueEntry>;

export const DueQuery = z.strictObject({
  siteId: Uuid.optional(),
  townId: Uuid.optional(),
  siteType: SiteType.optional(),
  /** Which statuses to list; by default due and overdue. */
  status: z.enum(['due', 'overdue', 'due_or_overdue', 'covered', 'all']).default('due_or_overdue'),
  /** The day to evaluate; today by default (a session's date to plan ahead). */
  on: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type DueQuery = z.input<typeof DueQuery>;

export const ComplianceCounts = z.object({
  /** People who must be tested (present, periodic or in intake). */
  required: z.number().int(),
  /** Of them, tested within the interval (intake: a recent negative). */
  tested: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
  /** Results still pending past the policy's follow-up hours. */
  stalePending: z.number().int(),
  positive: z.number().int(),
  /** tested / required; null when nobody must be tested. */
  rate: z.number().nullable(),
});
export type ComplianceCounts = z.infer<typeof ComplianceCounts>;

export const ComplianceOverview = z.object({
  day: IsoDate,
  sites: z.array(ComplianceCounts.extend({
    siteId: Uuid, siteName: z.string(), siteType: SiteType, townId: Uuid.nullable(), townName: z.string().nullable(),
  })),
  towns: z.array(ComplianceCounts.extend({ townId: Uuid, townName: z.string() })),
  siteTypes: z.array(ComplianceCounts.extend({ siteType: SiteType })),
  total: ComplianceCounts,
});
export type ComplianceOverview = z.infer<typeof ComplianceOverview>;

/** Adds up counts and recomputes the rate. */
export function sumCompliance(rows: readonly Omit<ComplianceCounts, 'rate'>[]): ComplianceCounts {
  const t = { required: 0, tested: 0, due: 0, overdue: 0, stalePending: 0, positive: 0 };
  for (const r of rows) {
    t.required += r.required;
    t.tested += r.tested;
    t.due += r.due;
    t.overdue += r.overdue;
    t.stalePending += r.stalePending;
    t.positive += r.positive;
  }
  return { ...t, rate: complianceRate(t.tested, t.required) };
}

// Sampling sessions (R4.3)

export const SESSION_SELECTIONS = ['due', 'all_required'] as const;
export const SessionSelection = z.enum(SESSION_SELECTIONS);
export type SessionSelection = z.infer<typeof SessionSelection>;

export const CreateSession = z.strictObject({
  /** The town that organises it; sites must be in it. */
  townId: Uuid,
  date: IsoDate,
  /** HH:MM, local. */
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'session.start_time').optional(),
  collectionPoint: Text(100).min(1, 'field.required'),
  lab: Text(100).optional(),
  sampleType: SampleType.default('throat_swab'),
  siteIds: z.array(Uuid).min(1, 'session.sites_none').max(100, 'session.sites_too_many'),
  /** Who is listed: those due or overdue on the session's date, or everyone who must be tested. */
  selection: SessionSelection.default('due'),
  note: Text(200, { multiline: true }).optional(),
});
export type CreateSession = z.input<typeof CreateSession>;

export const SessionPerson = ListedPerson.extend({
  /** The due state when the list was made. */
  status: DueStatus,
  daysOverdue: z.number().int(),
  attended: z.boolean().nullable(),
  testId: Uuid.nullable(),
  sampledAt: z.string().nullable(),
  result: TestResult.nullable(),
  resultAt: z.string().nullable(),
  labRef: z.string().nullable(),
});
export type SessionPerson = z.infer<typeof SessionPerson>;

export const Session = z.object({
  id: Uuid,
  townId: Uuid,
  townName: z.string(),
  date: IsoDate,
  startTime: z.string().nullable(),
  collectionPoint: z.string(),
  lab: z.string().nullable(),
  sampleType: SampleType,
  selection: SessionSelection,
  note: z.string().nullable(),
  sites: z.array(z.object({ id: Uuid, name: z.string() })),
  counts: z.object({
    listed: z.number().int(),
    sampled: z.number().int(),
    absent: z.number().int(),
    pending: z.number().int(),
    negative: z.number().int(),
    positive: z.number().int(),
    invalid: z.number().int(),
  }),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Session = z.infer<typeof Session>;

export const SessionEntry = z.strictObject({
  personId: Uuid,
  /** False: did not come (stays due). */
  attended: z.boolean(),
  /** Sampling time; the session's date and start time (or now) when omitted. */
  sampledAt: Instant.optional(),
  result: TestResult.default('pending'),
  resultAt: Instant.optional(),
  labRef: Text(50).optional(),
}).refine(resultTimeOnlyWithResult, { message: 'test.result_time_without_result', path: ['resultAt'] })
  .refine((v) => v.attended || (v.result ?? 'pending') === 'pending', { message: 'test.absent_with_result', path: ['result'] });
export type SessionEntry = z.input<typeof SessionEntry>;

export const SessionEntries = z.strictObject({
  entries: z.array(SessionEntry).min(1, 'at least one entry').max(2000, 'at most 2,000 entries'),
});
export type SessionEntries = z.input<typeof SessionEntries>;

// Lab-file import

export const IMPORT_MATCHES = ['id', 'name_phone', 'manual', 'none'] as const;
export type ImportMatch = (typeof IMPORT_MATCHES)[number];

export const LabImportRow = z.object({
  row: z.number().int(),
  name: z.string().nullable(),
  /** Masked. */
  idNumber: z.string().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  sampledAt: z.string().nullable(),
  sampleType: SampleType.nullable(),
  result: TestResult.nullable(),
  resultAt: z.string().nullable(),
  lab: z.string().nullable(),
  labRef: z.string().nullable(),
  collectionPoint: z.string().nullable(),
  match: z.enum(IMPORT_MATCHES),
  personId: Uuid.nullable(),
  personName: z.string().nullable(),
  siteName: z.string().nullable(),
  /** What committing the row does: a new record, a result for an existing one, nothing (same), or skipped. */
  action: z.enum(['create', 'update', 'unchanged', 'skip']),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type LabImportRow = z.infer<typeof LabImportRow>;

export const LabImport = z.object({
  id: Uuid,
  filename: z.string().nullable(),
  status: z.enum(['preview', 'committed']),
  /** A committed import of the very same file, when this one repeats it. */
  duplicateOf: z.object({ id: Uuid, committedAt: z.string(), by: z.string().nullable() }).nullable(),
  rows: z.array(LabImportRow),
  total: z.number().int(),
  matched: z.number().int(),
  unmatched: z.number().int(),
  invalid: z.number().int(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  summary: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), skipped: z.number().int() }).nullable(),
});
export type LabImport = z.infer<typeof LabImport>;

export const CommitLabImport = z.strictObject({
  /** People chosen by hand for rows that matched nobody: row number → person id. */
  matches: z.record(z.string().regex(/^\d+$/, 'a row number'), Uuid).default({}),
  /** Import the good rows and skip the rest (else any bad or unmatched row refuses the whole file). */
  onlyValid: z.boolean().default(false),
});
export type CommitLabImport = z.input<typeof CommitLabImport>;

// Intake (R4.2)

export const JoinInput = z.strictObject({
  /** Joining without the negative test, on the manager's word: the reason is audited. */
  overrideReason: Text(300, { multiline: true }).min(4, 'at least 4 characters').optional(),
});
export type JoinInput = z.input<typeof JoinInput>;

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const TESTING_FIELD_TEXTS = defineTexts({
  'session.start_time': { 'zh-CN': '时间格式应为 HH:MM', en: 'expected HH:MM' },
  'session.sites_none': { 'zh-CN': '请至少选择一个场所', en: 'pick at least one site' },
  'session.sites_too_many': { 'zh-CN': '最多选择 100 个场所', en: 'at most 100 sites' },
  'test.result_time_without_result': { 'zh-CN': '待检的样本不能填写结果时间', en: 'a pending sample has no result time' },
  'test.absent_with_result': { 'zh-CN': '未到场的人员不能有检测结果', en: 'someone who did not come has no result' },
  'test.sample_future': { 'zh-CN': '采样时间不能晚于现在', en: 'the sample cannot be taken in the future' },
  'test.result_future': { 'zh-CN': '结果时间不能晚于现在', en: 'the result cannot be reported in the future' },
  'test.result_before_sample': { 'zh-CN': '结果时间不能早于采样时间', en: 'the result cannot come before the sample' },
  'test.result_unknown': { 'zh-CN': '无法识别的检测结果（阴性、阳性、待检、无效）', en: 'unknown result (negative, positive, pending, invalid)' },
  'test.sample_time_required': { 'zh-CN': '请填写采样时间', en: 'the sampling time is required' },
  'test.person_unmatched': { 'zh-CN': '未能匹配到登记人员，请手动选择', en: 'no registered person matches; choose one by hand' },
  'test.duplicate_in_file': { 'zh-CN': '同一人同一采样时间在文件中重复出现', en: 'the same person and sampling time appear more than once in the file' },
});
