import { AuditPage, AuditQuery } from '@fangkong/domain';
import type { App } from '../core/area.js';
import { callerOf } from '../core/context.js';
import { contextOf } from '../http/context.js';
import { requireSomewhere } from '../auth/scope.js';
import { searchAuditLog } from './service.js';

export function auditRoutes(app: App): void {
  const { database, config } = app.services;
  app.get('/api/audit', {
    schema: {
      tags: ['audit'],
      querystring: AuditQuery,
      response: { 200: AuditPage },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    requireSomewhere(callerOf(ctx), 'audit.read');
    return searchAuditLog(database.db, ctx, request.query, config.timeZone);
  });
}
