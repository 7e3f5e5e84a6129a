import { FIELD_TEXTS, localDay, testTimeProblems, type DueEntry, type PersonKind, type SampleType, type SiteType, type TestRecord, type TestResult, type TestSource } from '@fangkong/domain';
import type { FieldProblem } from '../core/errors.js';
import type * as repo from './repository.js';

// How a test record is written (a checked sample) and shown (the API's record, the workbooks'
// Chinese labels): shared by the service, the sessions and the lab import.

/** One sample to store, checked: the person is known and may be recorded by the caller. */
export interface TestWrite {
  personId: string;
  siteId: string;
  orgPath: string;
  siteType: SiteType;
  sampledAt: Date;
  sampleType: SampleType;
  collectionPoint: string | null;
  lab: string | null;
  result: TestResult;
  resultAt: Date | null;
  labRef: string | null;
  note: string | null;
  sessionId: string | null;
  importId: string | null;
  source: TestSource;
}

export type WriteAction = 'create' | 'update' | 'unchanged';

/** The problems of a sample's times, as field issues under `prefix`. */
export function timeIssues(prefix: string, t: { sampledAt: string; result?: TestResult; resultAt?: string | null }, now: Date): FieldProblem[] {
  return testTimeProblems(t, now).map((p) => {
    const message = FIELD_TEXTS[p.issue === 'before_sample' ? 'test.result_before_sample' : p.path === 'sampledAt' ? 'test.sample_future' : 'test.result_future'];
    return { path: `${prefix}.${p.path}`, message };
  });
}

export function toTestRecord(r: repo.TestRow, timeZone: string): TestRecord {
  const t = r.test;
  return {
    id: t.id,
    personId: t.personId,
    personName: r.personName,
    kind: r.kind as PersonKind,
    siteId: t.siteId,
    siteName: r.siteName,
    sampledAt: t.sampledAt.toISOString(),
    sampleDay: t.sampleDay ?? localDay(t.sampledAt, timeZone),
    sampleType: t.sampleType as SampleType,
    collectionPoint: t.collectionPoint,
    lab: t.lab,
    result: t.result as TestResult,
    resultAt: t.resultAt?.toISOString() ?? null,
    labRef: t.labRef,
    sessionId: t.sessionId,
    source: t.source as TestSource,
    note: t.note,
    recordedBy: r.recordedByName,
    createdAt: t.createdAt.toISOString() };
}

export const SAMPLE_TYPE_ZH: Record<SampleType, string> = { throat_swab: '咽拭子', nasal_swab: '鼻拭子', nasopharyngeal_swab: '鼻咽拭子', other: '其他' };
export const RESULT_ZH: Record<TestResult, string> = { pending: '待检', negative: '阴性', positive: '阳性', invalid: '无效' };
export const STATUS_ZH: Record<DueEntry['status'], string> = { covered: '在有效期内', due: '即将到期', overdue: '已逾期', on_leave: '请假', not_required: '无需检测' };
