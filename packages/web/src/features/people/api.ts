import type {
  CreatePerson, Person, PersonKind, PersonMove, PersonStatus, RevealedPerson, RosterCommitResult, RosterPreview, UpdatePerson,
} from '@fangkong/domain';
import { api, download } from '../../api/client';
import { personPath } from '../../api/paths';

/** The filters of the people list and export (PeopleQuery without paging). */
export interface PeopleFilter {
  siteId?: string | undefined;
  q?: string | undefined;
  kind?: PersonKind | undefined;
  status?: PersonStatus | undefined;
}

export interface PersonDetail {
  person: Person;
  history: PersonMove[];
}

export type RosterMode = 'preview' | 'commit';

export const peopleApi = {
  people: (filter: PeopleFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<{ people: Person[]; total: number }>('/api/people', { signal, query: { ...filter, ...page } }),
  createPerson: (input: CreatePerson) => api<{ person: Person }>('/api/people', { method: 'POST', body: input }),
  person: (id: string, signal?: AbortSignal) => api<PersonDetail>(personPath(id), { signal }),
  updatePerson: (id: string, patch: UpdatePerson) => api<{ person: Person }>(personPath(id), { method: 'PATCH', body: patch }),
  revealPerson: (id: string) => api<RevealedPerson>(`${personPath(id)}/reveal`, { method: 'POST' }),
  previewRoster: (siteId: string, file: File, signal?: AbortSignal) =>
    api<RosterPreview>('/api/people/import', {
      method: 'POST', raw: file, signal, query: { siteId, mode: 'preview' satisfies RosterMode, filename: file.name },
    }),
  commitRoster: (siteId: string, file: File, onlyValid: boolean) =>
    api<RosterCommitResult>('/api/people/import', {
      method: 'POST', raw: file, query: { siteId, mode: 'commit' satisfies RosterMode, onlyValid: String(onlyValid), filename: file.name },
    }),
  /** Saves the roster template; `fallbackName` when the server names no file. */
  downloadRosterTemplate: (fallbackName: string) => download('/api/people/import/template', fallbackName),
  /** Saves the list with the filters applied as .xlsx; `reveal` gives whole ID numbers (audited). */
  exportPeople: (filter: PeopleFilter, reveal: boolean, fallbackName: string) =>
    download('/api/people/export', fallbackName, { ...filter, reveal: reveal ? 'true' : undefined }),
};

export const peopleKeys = {
  /** Everything of people: invalidated together after a change, an import or an intake's end. */
  all: ['people'] as const,
  list: (filter: PeopleFilter, limit: number, offset: number) => ['people', 'list', filter, limit, offset] as const,
  person: (id: string) => ['people', 'person', id] as const,
};
