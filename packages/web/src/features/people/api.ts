import type { z } from 'zod';
import type {
  CreatePerson, PeopleExportQuery, PeopleList, PersonAnswer, PersonDetail, RevealedPerson, RosterCommitResult, RosterImportQuery, RosterPreview,
  UpdatePerson,
} from '@fangkong/domain';
import { api, download } from '../../api/client';
import { personPath } from '../../api/paths';

/** The filters of the people list and export (PeopleQuery without paging; the export's `reveal` is the call's own argument). */
export type PeopleFilter = Omit<z.input<typeof PeopleExportQuery>, 'reveal'>;

export const peopleApi = {
  people: (filter: PeopleFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<PeopleList>('/api/people', { signal, query: { ...filter, ...page } }),
  createPerson: (input: CreatePerson) => api<PersonAnswer>('/api/people', { method: 'POST', body: input }),
  person: (id: string, signal?: AbortSignal) => api<PersonDetail>(personPath(id), { signal }),
  updatePerson: (id: string, patch: UpdatePerson) => api<PersonAnswer>(personPath(id), { method: 'PATCH', body: patch }),
  revealPerson: (id: string) => api<RevealedPerson>(`${personPath(id)}/reveal`, { method: 'POST' }),
  previewRoster: (siteId: string, file: File, signal?: AbortSignal) =>
    api<RosterPreview>('/api/people/import', {
      method: 'POST', raw: file, signal, query: { siteId, mode: 'preview', filename: file.name } satisfies RosterImportQuery,
    }),
  commitRoster: (siteId: string, file: File, onlyValid: boolean) =>
    api<RosterCommitResult>('/api/people/import', {
      method: 'POST', raw: file, query: { siteId, mode: 'commit', onlyValid: onlyValid ? 'true' : 'false', filename: file.name } satisfies RosterImportQuery,
    }),
  /** Saves the roster template; `fallbackName` when the server names no file. */
  downloadRosterTemplate: (fallbackName: string) => download('/api/people/import/template', fallbackName),
  /** Saves the list with the filters applied as .xlsx; `reveal` gives whole ID numbers (audited). */
  exportPeople: (filter: PeopleFilter, reveal: boolean, fallbackName: string) =>
    download('/api/people/export', fallbackName, { ...filter, reveal: reveal ? 'true' : undefined } satisfies PeopleExportQuery),
};

export const peopleKeys = {
  /** Everything of people: invalidated together after a change, an import or an intake's end. */
  all: ['people'] as const,
  list: (filter: PeopleFilter, limit: number, offset: number) => ['people', 'list', filter, limit, offset] as const,
  person: (id: string) => ['people', 'person', id] as const,
};
