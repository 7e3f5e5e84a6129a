import { z } from 'zod';
import { PeopleQuery, Person, PersonMove, RosterCommitResult, RosterPreview } from './people.js';
import { QueryFlag } from './contracts.js';

export const PeopleList = z.object({ people: z.array(Person), total: z.number().int() });
export type PeopleList = z.infer<typeof PeopleList>;
export const PersonAnswer = z.object({ person: Person });
export type PersonAnswer = z.infer<typeof PersonAnswer>;
/** A person with their moves between sites. */
export const PersonDetail = z.object({ person: Person, history: z.array(PersonMove) });
export type PersonDetail = z.infer<typeof PersonDetail>;

/** The list's filters without paging; `reveal` gives whole ID numbers (audited). */
export const PeopleExportQuery = PeopleQuery.omit({ limit: true, offset: true }).extend({ reveal: QueryFlag.optional() });
export type PeopleExportQuery = z.input<typeof PeopleExportQuery>;

export const RosterMode = z.enum(['preview', 'commit']);
export type RosterMode = z.infer<typeof RosterMode>;
export const RosterImportQuery = z.strictObject({
  siteId: z.uuid(),
  mode: RosterMode,
  onlyValid: QueryFlag.default('false'),
  filename: z.string().max(255).default('roster.xlsx'),
});
export type RosterImportQuery = z.input<typeof RosterImportQuery>;
export const RosterImportAnswer = z.union([RosterPreview, RosterCommitResult]);
