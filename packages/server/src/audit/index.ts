import { defineArea } from '../core/area.js';
import type { RequestContext } from '../core/context.js';
import type { Db } from '../db/engine.js';
import { auditRoutes } from './routes.js';
import { audit } from './service.js';

declare module '../core/area.js' {
  interface Services {
    audit: AuditTrail;
  }
}

/** What the app itself writes to the audit log (the areas write their own events in their transactions). */
export class AuditTrail {
  constructor(private readonly db: Db) {}

  /** A request refused for want of a permission, by the route it asked for. */
  denied(ctx: RequestContext, action: string): Promise<void> {
    return audit(this.db, ctx, { action, outcome: 'denied' });
  }
}

/** The append-only audit log and its reader. */
export const auditArea = defineArea({
  name: 'audit',
  services: (deps) => ({ audit: new AuditTrail(deps.db) }),
  routes: auditRoutes,
});
