import { PersonKind, PersonStatus } from '@fangkong/domain';
import type { PeopleFilter } from './api';
import { pageParams } from '../../components/shared/useUrlParams';

/** The value of the `siteId` parameter that asks for every site the user can see. */
export const ALL_SITES = 'all';
export const PAGE_SIZES = [20, 50, 100] as const;

export interface PeopleParams {
  /** A site id, ALL_SITES, or undefined when the URL names none (the default applies). */
  site: string | undefined;
  q: string;
  kind: PersonKind | undefined;
  status: PersonStatus | undefined;
  page: number;
  pageSize: number;
}

/** The list's filters as the URL keeps them (so that a refresh or a shared link keeps them). */
export function readPeopleParams(params: URLSearchParams): PeopleParams {
  const kind = PersonKind.safeParse(params.get('kind'));
  const status = PersonStatus.safeParse(params.get('status'));
  return {
    site: params.get('siteId') || undefined,
    q: params.get('q')?.trim().slice(0, 50) ?? '',
    kind: kind.success ? kind.data : undefined,
    status: status.success ? status.data : undefined,
    ...pageParams(params, PAGE_SIZES),
  };
}

/**
 * The site the list is about: the one in the URL, all sites when asked, and otherwise the
 * user's only site when there is exactly one.
 */
export function effectiveSiteId(site: string | undefined, visibleSiteIds: readonly string[]): string | undefined {
  if (site === ALL_SITES) return undefined;
  if (site) return site;
  return visibleSiteIds.length === 1 ? visibleSiteIds[0] : undefined;
}

export function peopleFilter(p: PeopleParams, siteId: string | undefined): PeopleFilter {
  return { siteId, q: p.q || undefined, kind: p.kind, status: p.status };
}
