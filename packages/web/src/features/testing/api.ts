import type { z } from 'zod';
import type {
  CommitLabImport, ComplianceOverview, ComplianceQuery, CreateSession, CreateTest, DueList, DueQuery, JoinInput, LabImport, LabImportQuery, PersonAnswer,
  SessionDetail, SessionEntries, SessionList, SessionListQuery, SetTestResult, TestAnswer, TestBatch, TestExportQuery, TestList, TestsAnswer,
} from '@fangkong/domain';
import { api, download, uploadWithProgress } from '../../api/client';
import { boolParam, personPath } from '../../api/paths';

/**
 * The filters of the test records and their export (TestQuery without paging), `stalePending`
 * (only pending results older than the policy's follow-up hours) a yes/no.
 */
export type TestFilter = Omit<TestExportQuery, 'stalePending'> & { stalePending?: boolean | undefined };

/** The filters of the due list and its export (DueQuery without paging; `on` today when absent). */
export type DueFilter = Omit<z.input<typeof DueQuery>, 'limit' | 'offset'>;

export type DueStatusFilter = NonNullable<DueFilter['status']>;

export type ComplianceFilter = ComplianceQuery;

export type SessionFilter = SessionListQuery;

const testPath = (id: string) => `/api/tests/${encodeURIComponent(id)}`;
const sessionPath = (id: string) => `/api/test-sessions/${encodeURIComponent(id)}`;
const importPath = (id: string) => `/api/tests/imports/${encodeURIComponent(id)}`;

export const testingApi = {
  /** Ends a person's intake (R4.2): 409 without a recent negative test, unless overridden with a reason (intake.override). */
  joinPerson: (id: string, input: JoinInput) => api<PersonAnswer>(`${personPath(id)}/join`, { method: 'POST', body: input }),

  tests: (filter: TestFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<TestList>('/api/tests', { signal, query: { ...filter, stalePending: boolParam(filter.stalePending), ...page } }),
  createTest: (input: CreateTest) => api<TestAnswer>('/api/tests', { method: 'POST', body: input }),
  /** Atomic: one bad row refuses the whole batch, with every bad one listed (`body.tests.<index>.<field>`). */
  recordTests: (batch: TestBatch) => api<TestsAnswer>('/api/tests/batch', { method: 'POST', body: batch }),
  setTestResult: (id: string, input: SetTestResult) =>
    api<TestAnswer>(`${testPath(id)}/result`, { method: 'POST', body: input }),
  /** Saves the records with the filters applied as .xlsx (masked). */
  exportTests: (filter: TestFilter, fallbackName: string) =>
    download('/api/tests/export', fallbackName, { ...filter, stalePending: boolParam(filter.stalePending) }),
  /** Who must be tested and by when, most overdue first. */
  dueList: (filter: DueFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<DueList>('/api/tests/due', { signal, query: { ...filter, ...page } }),
  exportDue: (filter: DueFilter, fallbackName: string) => download('/api/tests/due/export', fallbackName, { ...filter }),
  compliance: (filter: ComplianceFilter, signal?: AbortSignal) => api<ComplianceOverview>('/api/tests/compliance', { signal, query: { ...filter } }),

  testSessions: (filter: SessionFilter, signal?: AbortSignal) => api<SessionList>('/api/test-sessions', { signal, query: { ...filter } }),
  createTestSession: (input: CreateSession) => api<SessionDetail>('/api/test-sessions', { method: 'POST', body: input }),
  testSession: (id: string, signal?: AbortSignal) => api<SessionDetail>(sessionPath(id), { signal }),
  /** Atomic: every row of the list at once (attended or not, result, tube number). */
  saveSessionEntries: (id: string, input: SessionEntries) =>
    api<SessionDetail>(`${sessionPath(id)}/entries`, { method: 'POST', body: input }),
  removeSessionPerson: (id: string, personId: string) =>
    api<SessionDetail>(`${sessionPath(id)}/people/${encodeURIComponent(personId)}`, { method: 'DELETE' }),
  /** Saves the sign-in sheet (.xlsx) to print and take to the collection point. */
  exportSessionSheet: (id: string, fallbackName: string) => download(`${sessionPath(id)}/export`, fallbackName),

  /** Uploads a lab's file for a preview (nothing is recorded yet), reporting the upload's progress. */
  previewLabImport: (file: File, onProgress?: (fraction: number) => void) =>
    uploadWithProgress<LabImport>('/api/tests/imports', file, { query: { filename: file.name } satisfies LabImportQuery, onProgress }),
  labImport: (id: string, signal?: AbortSignal) => api<LabImport>(importPath(id), { signal }),
  commitLabImport: (id: string, input: CommitLabImport) => api<LabImport>(`${importPath(id)}/commit`, { method: 'POST', body: input }),
  downloadLabTemplate: (fallbackName: string) => download('/api/tests/imports/template', fallbackName),
};

export const testingKeys = {
  /** Everything of testing: invalidated together after a sample, a result, a session's entries or an import. */
  all: ['testing'] as const,
  testList: (filter: TestFilter, limit: number, offset: number) => ['testing', 'tests', filter, limit, offset] as const,
  dueList: (filter: DueFilter, limit: number, offset: number) => ['testing', 'due', filter, limit, offset] as const,
  compliance: (filter: ComplianceFilter) => ['testing', 'compliance', filter] as const,
  sessions: (filter: SessionFilter) => ['testing', 'sessions', filter] as const,
  session: (id: string) => ['testing', 'session', id] as const,
};
