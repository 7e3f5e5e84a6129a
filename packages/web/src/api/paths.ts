/** Paths and query values that the calls of more than one feature build on. */

export const sitePath = (id: string) => `/api/sites/${encodeURIComponent(id)}`;
export const personPath = (id: string) => `/api/people/${encodeURIComponent(id)}`;

/** A yes/no filter as a query value; an absent one stays absent. */
export const boolParam = (v: boolean | undefined) => (v === undefined ? undefined : String(v));
