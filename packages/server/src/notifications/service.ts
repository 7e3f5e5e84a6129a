import { eq, sql, type SQL } from 'drizzle-orm';
import {
  maskTarget, NOTIFICATION_EVENT_ZH, type Locale, type NotificationEvent, type NotificationRule, type OutboxMessage, type OutboxSummary, type Role,
  type UserNotification } from '@fangkong/domain';
import type { z } from 'zod';
import type { NotificationRuleInput as RuleSchema } from '@fangkong/domain';
import { notificationRules, outbox } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, invalidField, notFound } from '../core/errors.js';
import { atRoot, authorize, inScope, requireSomewhere } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit } from '../audit/service.js';
import { enqueue, retryDead } from './outbox.js';
import * as repo from './repository.js';
import { isHttpChannel, webhookTargetProblem, type WebhookAllow } from './targets.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import { NOTIFICATIONS_TEXTS } from './texts.js';

type RuleParsed = z.output<typeof RuleSchema>;

export function toUserNotification(n: repo.NotificationRow, locale: Locale): UserNotification {
  return {
    id: n.id, kind: n.kind, title: locale === 'en' ? n.titleEn : n.title, text: locale === 'en' ? n.textEn : n.text, url: n.url,
    createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null };
}

/**
 * The bell (a user's own messages), the rules of who is told of what, and the outbox seen by the
 * admins of a jurisdiction. Events are raised by `raise()` in the transactions of the services.
 */
export class NotificationService extends AreaService {
  private readonly allow: WebhookAllow;

  constructor(deps: Deps) {
    super(deps);
    this.allow = deps.config.notify;
  }

  // The bell

  async mine(ctx: RequestContext, q: { unread?: 'true' | 'false' | undefined; limit: number; offset: number }) {
    const caller = callerOf(ctx);
    const [{ rows, total }, unread] = await Promise.all([
      repo.listNotifications(this.db, caller.userId, { unreadOnly: q.unread === 'true', limit: q.limit, offset: q.offset }),
      this.unread(caller.userId),
    ]);
    return { notifications: rows.map((n) => toUserNotification(n, ctx.locale)), total, unread };
  }

  async unread(userId: string): Promise<number> {
    return repo.unreadCount(this.db, userId);
  }

  /** Unread counts and the newest message of several users at once (for the live stream). */
  async states(userIds: string[]): Promise<Map<string, { unread: number; latest: repo.NotificationRow | undefined }>> {
    const out = new Map<string, { unread: number; latest: repo.NotificationRow | undefined }>();
    if (userIds.length === 0) return out;
    const counts = await repo.unreadAndLatest(this.db, userIds);
    const latest = await repo.notificationsByIds(this.db, counts.flatMap((r) => (r.latest_id ? [r.latest_id] : [])));
    for (const id of userIds) {
      const c = counts.find((r) => r.user_id === id);
      out.set(id, { unread: c?.unread ?? 0, latest: latest.find((l) => l.id === c?.latest_id) });
    }
    return out;
  }

  async markRead(ctx: RequestContext, id: string): Promise<void> {
    const caller = callerOf(ctx);
    // Another user's message is as good as absent.
    if (!await repo.markRead(this.db, caller.userId, id)) throw notFound();
  }

  async markAllRead(ctx: RequestContext): Promise<void> {
    await repo.markAllRead(this.db, callerOf(ctx).userId);
  }

  // Rules

  /** The rules the caller manages: under their nodes, and the city-wide ones for the bureau. */
  private ruleScope(caller: Caller): SQL {
    const scoped = inScope(caller, 'notifications.manage', notificationRules.nodePath);
    return atRoot(caller, 'notifications.manage') ? sql`(${scoped} or ${notificationRules.nodePath} = '/')` : scoped;
  }

  private async rules(where: SQL): Promise<NotificationRule[]> {
    return (await repo.listRules(this.db, where)).map(({ rule: r, nodeName }) => ({
      id: r.id, nodeId: r.nodeId, nodeName, event: r.event as NotificationRule['event'], channel: r.channel as NotificationRule['channel'],
      role: r.role as Role | null, target: r.target ? maskTarget(r.target) : null,
      incidentTypes: r.incidentTypes as NotificationRule['incidentTypes'], enabled: r.enabled }));
  }

  async listRules(ctx: RequestContext): Promise<NotificationRule[]> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'notifications.manage');
    return this.rules(this.ruleScope(caller));
  }

  private async rule(ctx: RequestContext, id: string) {
    const row = await repo.findRule(this.db, this.ruleScope(callerOf(ctx)), id);
    if (!row) throw notFound();
    return row;
  }

  async createRule(ctx: RequestContext, input: RuleParsed): Promise<NotificationRule> {
    const caller = callerOf(ctx);
    let nodePath = '/';
    if (input.nodeId) {
      const node = await this.org.getVisible(ctx, input.nodeId);
      authorize(caller, 'notifications.manage', node.path);
      nodePath = node.path;
    } else if (!atRoot(caller, 'notifications.manage')) {
      // A city-wide rule is the bureau's to make.
      throw notFound();
    }
    this.requireWebhookAdmin(caller, input.channel);
    if (isHttpChannel(input.channel) && input.target) {
      const problem = webhookTargetProblem(input.target, this.allow);
      if (problem) throw invalidField('body.target', problem);
    }
    const id = await this.db.transaction(async (tx) => {
      const ruleId = await repo.insertRule(tx, {
        nodeId: input.nodeId, nodePath, event: input.event, channel: input.channel, role: input.role, target: input.target,
        incidentTypes: input.incidentTypes, enabled: input.enabled, createdBy: caller.userId });
      // The address is not audited: a robot's key is a secret.
      await audit(tx, ctx, {
        action: 'notification_rule.create', outcome: 'ok', targetType: 'notification_rule', targetId: ruleId, nodePath,
        detail: { event: input.event, channel: input.channel, role: input.role } });
      return ruleId;
    });
    return this.one(id);
  }

  /**
   * A generic webhook posts what fever cases are to any receiver: only the bureau admin sets one up
   * or switches one on (issue 15, item 6). Robots of WeCom and DingTalk stay with the town, their
   * hosts being fixed by the configuration.
   */
  private requireWebhookAdmin(caller: Caller, channel: string): void {
    if (channel === 'webhook' && !atRoot(caller, 'notifications.manage')) {
      throw new AppError('forbidden', NOTIFICATIONS_TEXTS.webhook_bureau_only);
    }
  }

  private async one(id: string): Promise<NotificationRule> {
    const [rule] = await this.rules(eq(notificationRules.id, id));
    if (!rule) throw notFound();
    return rule;
  }

  async setEnabled(ctx: RequestContext, id: string, enabled: boolean): Promise<NotificationRule> {
    const row = await this.rule(ctx, id);
    this.requireWebhookAdmin(callerOf(ctx), row.channel);
    await this.db.transaction(async (tx) => {
      await repo.setRuleEnabled(tx, id, enabled);
      await audit(tx, ctx, { action: 'notification_rule.update', outcome: 'ok', targetType: 'notification_rule', targetId: id, nodePath: row.nodePath, detail: { enabled } });
    });
    return this.one(id);
  }

  async deleteRule(ctx: RequestContext, id: string): Promise<void> {
    const row = await this.rule(ctx, id);
    await this.db.transaction(async (tx) => {
      await repo.deleteRule(tx, id);
      await audit(tx, ctx, { action: 'notification_rule.delete', outcome: 'ok', targetType: 'notification_rule', targetId: id, nodePath: row.nodePath, detail: { event: row.event, channel: row.channel } });
    });
  }

  /**
   * A test message on a rule's channel: to its fixed address, or to the caller when the rule names
   * a role (the caller's bell or mailbox), so that a wrong address shows up before an incident does.
   */
  async testRule(ctx: RequestContext, id: string, me: { email: string | null }): Promise<number> {
    const caller = callerOf(ctx);
    const row = await this.rule(ctx, id);
    const now = this.clock.now();
    const key = `test:${id}:${now.getTime()}`;
    const event = row.event as NotificationEvent;
    const payload = { title: '【测试】防控平台通知', text: `这是一条测试消息（${NOTIFICATION_EVENT_ZH[event]}），收到即表示通知渠道配置正确。`, kind: 'test' };
    return this.db.transaction(async (tx) => {
      let n = 0;
      if (row.channel === 'in_app') {
        await repo.insertNotifications(tx, [{
          userId: caller.userId, kind: 'test', title: payload.title, text: payload.text, titleEn: '[Test] Fangkong notification',
          textEn: `A test message (${event.replaceAll('_', ' ')}): the channel works.`, url: null, dedupeKey: key }]);
        n = 1;
      } else {
        const target = row.target ?? (row.channel === 'email' ? me.email : null);
        if (!target) throw conflict(NOTIFICATIONS_TEXTS.email_missing);
        await enqueue(tx, [{ channel: row.channel as 'email', target, payload, idempotencyKey: key, orgPath: row.nodePath }]);
        n = 1;
      }
      await audit(tx, ctx, { action: 'notification_rule.test', outcome: 'ok', targetType: 'notification_rule', targetId: id, nodePath: row.nodePath });
      return n;
    });
  }

  // The outbox

  private outboxScope(caller: Caller): SQL {
    const scoped = inScope(caller, 'notifications.manage', outbox.orgPath);
    return atRoot(caller, 'notifications.manage') ? sql`(${scoped} or ${outbox.orgPath} = '/')` : scoped;
  }

  private static toMessage(r: repo.OutboxRow): OutboxMessage {
    const p = r.payload as { title?: string; kind?: string };
    return {
      id: r.id, channel: r.channel as OutboxMessage['channel'], target: maskTarget(r.target), kind: p.kind ?? null, title: p.title ?? '',
      status: r.status as OutboxMessage['status'], attempts: r.attempts, lastError: r.lastError, createdAt: r.createdAt.toISOString(),
      nextAttemptAt: r.nextAttemptAt.toISOString(), deliveredAt: r.deliveredAt?.toISOString() ?? null };
  }

  async outbox(ctx: RequestContext, q: { status?: string | undefined; limit: number; offset: number }): Promise<{ messages: OutboxMessage[]; total: number; summary: OutboxSummary }> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'notifications.manage');
    const { rows, total, summary } = await repo.listMessages(this.db, this.outboxScope(caller), q);
    const count = (s: string) => summary.find((x) => x.status === s)?.n ?? 0;
    return { messages: rows.map((r) => NotificationService.toMessage(r)), total, summary: { pending: count('pending'), delivered: count('delivered'), dead: count('dead') } };
  }

  async retry(ctx: RequestContext, id: string): Promise<OutboxMessage> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'notifications.manage');
    const out = await retryDead(this.db, this.outboxScope(caller), id, this.clock.now());
    if (out === 'not_found') throw notFound();
    if (out === 'not_dead') throw conflict(NOTIFICATIONS_TEXTS.only_dead_resent);
    await audit(this.db, ctx, { action: 'outbox.retry', outcome: 'ok', targetType: 'outbox', targetId: id, nodePath: out.orgPath });
    return NotificationService.toMessage(out);
  }
}
