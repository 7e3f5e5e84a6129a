import { IsoDate, SiteType, TestResult } from '@fangkong/domain';
import type { DueStatusFilter } from './api';
import { pageParams } from '../../components/shared/useUrlParams';

export const DUE_STATUS_FILTERS: readonly DueStatusFilter[] = ['due_or_overdue', 'overdue', 'due', 'covered', 'all'];

export function isoDate(v: string | null): string | undefined {
  return v !== null && IsoDate.safeParse(v).success ? v : undefined;
}

export interface DueParams {
  siteId: string | undefined;
  townId: string | undefined;
  siteType: SiteType | undefined;
  status: DueStatusFilter;
  on: string | undefined;
  page: number;
  pageSize: number;
}

/** The due list's filters as the URL keeps them (links from the compliance page set them). */
export function readDueParams(params: URLSearchParams, sizes: readonly number[]): DueParams {
  const type = SiteType.safeParse(params.get('type'));
  const status = params.get('status');
  return {
    siteId: params.get('siteId') || undefined,
    townId: params.get('townId') || undefined,
    siteType: type.success ? type.data : undefined,
    status: DUE_STATUS_FILTERS.find((s) => s === status) ?? 'due_or_overdue',
    on: isoDate(params.get('on')),
    ...pageParams(params, sizes),
  };
}

export interface RecordParams {
  siteId: string | undefined;
  townId: string | undefined;
  personId: string | undefined;
  sessionId: string | undefined;
  result: TestResult | undefined;
  stalePending: boolean;
  from: string | undefined;
  to: string | undefined;
  /** Open the new-record form at once (a link from a placement's release). */
  openNew: boolean;
  page: number;
  pageSize: number;
}

export function readRecordParams(params: URLSearchParams, sizes: readonly number[]): RecordParams {
  const result = TestResult.safeParse(params.get('result'));
  return {
    siteId: params.get('siteId') || undefined,
    townId: params.get('townId') || undefined,
    personId: params.get('personId') || undefined,
    sessionId: params.get('sessionId') || undefined,
    result: result.success ? result.data : undefined,
    stalePending: params.get('stalePending') === 'true',
    from: isoDate(params.get('from')),
    to: isoDate(params.get('to')),
    openNew: params.get('new') === '1',
    ...pageParams(params, sizes),
  };
}

/** Where the records of one person are, with the form to add one open (router state carries the name, not the URL). */
export function newRecordLink(personId: string, siteId: string): string {
  return `/testing/records?personId=${encodeURIComponent(personId)}&siteId=${encodeURIComponent(siteId)}&new=1`;
}
