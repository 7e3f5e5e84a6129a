import type { Db } from './engine.js';

/** The database or a transaction on it: repositories take either, so a service decides the unit of work. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
