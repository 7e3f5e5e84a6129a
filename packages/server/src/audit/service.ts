import type { AuditEntry, AuditOutcome, AuditPage, AuditQuery } from '@fangkong/domain';
import type { Executor } from '../db/tx.js';
import type { RequestContext } from '../core/context.js';
import { auditLog } from '../db/schema.js';
import { atRoot, inScope } from '../auth/scope.js';
import { callerOf } from '../core/context.js';
import { insertAudit, searchAudit, type AuditRowNamed } from './repository.js';

export interface AuditEvent {
  action: string;
  outcome: AuditOutcome;
  targetType?: string;
  targetId?: string;
  nodePath?: string | null;
  /** Never a national ID number, a phone or a password. */
  detail?: Record<string, unknown>;
  /** For events before a caller exists (sign-in). */
  actor?: { id: string | null; name: string | null };
}

/** Writes one audit entry; pass the transaction of the change so that both commit or neither. */
export async function audit(db: Executor, ctx: RequestContext, e: AuditEvent): Promise<void> {
  await auditMany(db, ctx, [e]);
}

/** Writes several entries of one request in one statement (a roster's conflicts). */
export async function auditMany(db: Executor, ctx: RequestContext, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await insertAudit(db, events.map((e) => ({
    actorId: e.actor ? e.actor.id : (ctx.caller?.userId ?? null),
    actorName: e.actor ? e.actor.name : (ctx.caller?.username ?? null),
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    nodePath: e.nodePath ?? null,
    outcome: e.outcome,
    requestId: ctx.requestId,
    ip: ctx.ip,
    detail: e.detail ?? null,
  })));
}

function toEntry(r: AuditRowNamed): AuditEntry {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    actorDisplayName: r.actorDisplayName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetName: r.targetName,
    outcome: r.outcome as AuditOutcome,
    requestId: r.requestId,
    ip: r.ip,
    detail: r.detail ?? null,
  };
}

/**
 * Bureau-level readers see everything, including entries tied to no node (sign-ins); a town
 * officer sees the entries about nodes in their town.
 */
export async function searchAuditLog(db: Executor, ctx: RequestContext, q: AuditQuery, timeZone: string): Promise<AuditPage> {
  const caller = callerOf(ctx);
  const rows = await searchAudit(db, q, {
    filter: inScope(caller, 'audit.read', auditLog.nodePath),
    includeUnscoped: atRoot(caller, 'audit.read'),
  }, timeZone);
  const entries = rows.map(toEntry);
  return { entries, nextBefore: rows.length === q.limit ? String(rows.at(-1)?.id) : null };
}
