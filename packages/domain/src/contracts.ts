import { z } from 'zod';
import { IsoDate } from './org.js';

/**
 * The pieces of the HTTP contracts (path parameters, query strings, answers) that more than one
 * area uses. Each area's own contracts are in `<area>.contracts.ts`; the server's routes validate
 * with them and the web derives its call and filter types from them, so both read one shape.
 */

/** A path naming one record by its id. */
export const IdParams = z.strictObject({ id: z.uuid() });
export type IdParams = z.infer<typeof IdParams>;

/** A day in a path or query: `today` (in the server's time zone) or YYYY-MM-DD. */
export const Day = z.union([z.literal('today'), IsoDate]);
export type Day = z.infer<typeof Day>;

/** A yes/no in a query string, spelt as the web sends it. */
export const QueryFlag = z.enum(['true', 'false']);
export type QueryFlag = z.infer<typeof QueryFlag>;

/** The day a rule or an area is looked at; today when absent. */
export const OnQuery = z.strictObject({ on: IsoDate.optional() });
export type OnQuery = z.input<typeof OnQuery>;

/** How many rows a page holds: 1 to `max`, `byDefault` when absent. */
export function Limit(max: number, byDefault: number) {
  return z.coerce.number().int().min(1).max(max).default(byDefault);
}

/** The paging fields of a list's query (spread into its object). */
export function Paging(max: number, byDefault: number) {
  return { limit: Limit(max, byDefault), offset: z.coerce.number().int().min(0).default(0) };
}
