import { defineArea } from '../core/area.js';
import { auditRoutes } from './routes.js';

/** The append-only audit log and its reader. */
export const auditArea = defineArea({
  name: 'audit',
  routes: auditRoutes,
});
