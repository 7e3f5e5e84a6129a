/**
 * Every table of the app. Each area keeps its tables in its own folder (`<area>/schema.ts`); this
 * list gathers them for drizzle (the query builder's relations, drizzle-kit's migrations) and for
 * code that reads across areas. A new area's schema is a line here.
 */
export * from '../org/schema.js';
export * from '../auth/schema.js';
export * from '../policy/schema.js';
export * from '../audit/schema.js';
export * from '../people/schema.js';
export * from '../monitoring/schema.js';
export * from '../visits/schema.js';
export * from '../testing/schema.js';
export * from '../supplies/schema.js';
export * from '../incidents/schema.js';
export * from '../notifications/schema.js';
export * from '../overview/schema.js';
export * from '../funeral/schema.js';
