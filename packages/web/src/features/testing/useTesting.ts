import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CommitLabImport, CreateSession, CreateTest, JoinInput, SessionDetail, SessionEntries, SetTestResult, SiteType, TestBatch,
} from '@fangkong/domain';
import { healthKeys } from '../health/api';
import { peopleKeys } from '../people/api';
import { testingApi, testingKeys, type ComplianceFilter, type DueFilter, type SessionFilter, type TestFilter } from './api';
import { useCan } from '../auth/currentUser';
import { useOrgNodes } from '../org/useOrg';
import { rememberSeenAlerts } from '../health/seenAlerts';

/** The most a due list asks for at once (DueQuery's maximum): a whole site or town on one screen. */
export const DUE_ALL = 5000;

/**
 * After a sample, a result, a session's entries or an import, everything of testing may have
 * changed, and so may alerts and placements (a positive opens an alert and ends a placement).
 */
function useInvalidateTesting() {
  const queryClient = useQueryClient();
  return () => Promise.all([
    queryClient.invalidateQueries({ queryKey: testingKeys.all }),
    queryClient.invalidateQueries({ queryKey: healthKeys.all }),
  ]);
}

export function useTestList(filter: TestFilter, limit: number, offset: number, enabled = true) {
  return useQuery({
    queryKey: testingKeys.testList(filter, limit, offset),
    queryFn: ({ signal }) => testingApi.tests(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDueList(filter: DueFilter, limit: number, offset: number, enabled = true) {
  return useQuery({
    queryKey: testingKeys.dueList(filter, limit, offset),
    queryFn: ({ signal }) => testingApi.dueList(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCompliance(filter: ComplianceFilter, enabled = true) {
  return useQuery({
    queryKey: testingKeys.compliance(filter),
    queryFn: ({ signal }) => testingApi.compliance(filter, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSessions(filter: SessionFilter) {
  return useQuery({
    queryKey: testingKeys.sessions(filter),
    queryFn: async ({ signal }) => (await testingApi.testSessions(filter, signal)).sessions,
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: string | undefined) {
  return useQuery({
    queryKey: testingKeys.session(id ?? ''),
    queryFn: ({ signal }) => testingApi.testSession(id ?? '', signal),
    enabled: id !== undefined,
  });
}

export function useCreateTest() {
  const invalidate = useInvalidateTesting();
  return useMutation({
    mutationFn: (input: CreateTest) => testingApi.createTest(input),
    onSuccess: () => invalidate(),
  });
}

export function useRecordTests() {
  const invalidate = useInvalidateTesting();
  return useMutation({
    mutationFn: (batch: TestBatch) => testingApi.recordTests(batch),
    onSuccess: ({ alerts }) => {
      // The batch page reports these itself: no notification for them.
      rememberSeenAlerts(alerts.map((a) => a.id));
      return invalidate();
    },
  });
}

export function useSetTestResult(id: string) {
  const invalidate = useInvalidateTesting();
  return useMutation({
    mutationFn: (input: SetTestResult) => testingApi.setTestResult(id, input),
    onSuccess: () => invalidate(),
  });
}

export function useCreateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSession) => testingApi.createTestSession(input),
    onSuccess: (detail) => {
      // The detail page opens next: it needs no second request.
      queryClient.setQueryData(testingKeys.session(detail.session.id), detail);
      return queryClient.invalidateQueries({ queryKey: testingKeys.all, predicate: (q) => q.queryKey[1] !== 'session' });
    },
  });
}

/** Saves or changes a session's list: the answer is the session as it is now. */
function useSessionChange<V>(id: string, call: (v: V) => Promise<SessionDetail>) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateTesting();
  return useMutation({
    mutationFn: call,
    onSuccess: (detail) => {
      queryClient.setQueryData(testingKeys.session(id), detail);
      return invalidate();
    },
  });
}

export function useSaveSessionEntries(id: string) {
  return useSessionChange(id, (input: SessionEntries) => testingApi.saveSessionEntries(id, input));
}

export function useRemoveSessionPerson(id: string) {
  return useSessionChange(id, (personId: string) => testingApi.removeSessionPerson(id, personId));
}

export function useLabImportPreview() {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) => testingApi.previewLabImport(file, onProgress),
  });
}

export function useLabImportCommit() {
  const invalidate = useInvalidateTesting();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: CommitLabImport }) => testingApi.commitLabImport(id, input),
    onSuccess: () => invalidate(),
  });
}

export function useJoinPerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: JoinInput) => testingApi.joinPerson(id, input),
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
      queryClient.invalidateQueries({ queryKey: testingKeys.all }),
    ]),
  });
}

export interface TownRow {
  id: string;
  name: string;
}

export interface TestingSite {
  id: string;
  name: string;
  townId: string | null;
  townName: string | null;
  siteType: SiteType | null;
  /** The node's path, for what the user's roles allow there. */
  path: string;
}

/** The towns and sites the user can see, by name: the filters and the session form choose from these. */
export function useTownsAndSites() {
  const nodes = useOrgNodes(useCan('org.read'));
  const lists = useMemo(() => {
    const list = nodes.data ?? [];
    const byId = new Map(list.map((n) => [n.id, n]));
    const towns: TownRow[] = list.filter((n) => n.kind === 'town')
      .map((n) => ({ id: n.id, name: n.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    const sites: TestingSite[] = list.filter((n) => n.kind === 'site').map((n) => {
      const parent = n.parentId === null ? undefined : byId.get(n.parentId);
      const town = parent?.kind === 'town' ? parent : undefined;
      return { id: n.id, name: n.name, townId: town?.id ?? null, townName: town?.name ?? null, siteType: n.siteType, path: n.path };
    }).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return { towns, sites };
  }, [nodes.data]);
  return { ...lists, query: nodes };
}
