import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  ATTACHMENT_MAX_BYTES, alertReportAbove, escalationPlan, isOutside, levelAbove, localDay, localMinute, messageFor, sniffAttachment, speaksFor, stepState,
  maskTarget, type IncidentAttachment, type IncidentNotice, type IncidentStepView,
  type CloseIncident, type Incident, type IncidentAction, type IncidentEvent, type IncidentOverview, type IncidentType,
  type AlertReportReceiver, type ChainStep, type NotifyOutside, type Receiver, type RecordAction, type SiteType } from '@fangkong/domain';
import type { z } from 'zod';
import type { CreateIncident as CreateIncidentSchema, IncidentQuery as IncidentQuerySchema } from '@fangkong/domain';
import { isUniqueViolation } from '../db/errors.js';
import { alerts, incidents, people } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, invalidField, notFound } from '../core/errors.js';
import { authorize, inScope, requireSomewhere } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit } from '../audit/service.js';
import { claimLateReports, updateReports } from '../monitoring/repository.js';
import { peopleWithSiteType } from '../people/repository.js';
import type { Executor } from '../db/tx.js';
import { raise } from '../notifications/raise.js';
import { writeWorkbook } from '../files/spreadsheet.js';
import * as repo from './repository.js';
import { AreaService } from '../core/service-base.js';
import { INCIDENTS_TEXTS } from './texts.js';

const TYPE_LABEL: Record<IncidentType, string> = {
  fever_cluster: '聚集性发热', suspected_case: '疑似病例', confirmed_case: '确诊病例', close_contact: '密切接触者', death: '死亡', other: '其他' };
const RECEIVER_LABEL: Record<Receiver, string> = {
  town: '乡镇（街道）', bureau: '市民政局', funeral_affairs_centre: '殡葬事务中心', health_department: '卫健部门', prefecture_bureau: '地级市民政局' };
const STATE_LABEL: Record<IncidentStepView['state'], string> = { pending: '待确认', late: '已超时', done: '已确认', done_late: '超时后确认' };

function toAttachment(a: Awaited<ReturnType<typeof repo.attachmentsOf>>[number]): IncidentAttachment {
  return {
    id: a.id, fileName: a.fileName, contentType: a.contentType as IncidentAttachment['contentType'], size: a.size, uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt.toISOString() };
}


type CreateParsed = z.output<typeof CreateIncidentSchema>;

/** The site an incident is opened at (authorised by the caller's read of it). */
export interface IncidentSite { id: string; path: string; name: string }

/** What an incident opens with; the chain from `chainFor`. */
export interface IncidentOpening {
  type: IncidentType;
  summary: string;
  openedAt: Date;
  personIds: string[];
  alertId: string | null;
  chain: ChainStep[];
}
type QueryParsed = z.output<typeof IncidentQuerySchema>;

const SYSTEM_CTX = { requestId: 'escalation-job', ip: 'localhost', userAgent: undefined, locale: 'en', caller: undefined } as const;

/**
 * Incidents and their escalation (§7). Each incident carries its steps with the deadlines the
 * policy gave at opening; a step is acknowledged by its receiving level only (the town office for
 * `town`, the city bureau for `bureau`), outside parties are recorded as told, and a step past its
 * deadline is late: flagged once to the level above by `flagLateSteps`.
 */
export class IncidentsService extends AreaService {

  private scope(caller: Caller) {
    return inScope(caller, 'incidents.read', incidents.orgPath);
  }

  async create(ctx: RequestContext, input: CreateParsed): Promise<Incident> {
    const caller = callerOf(ctx);
    const site = await this.org.getVisible(ctx, input.siteId);
    if (site.kind !== 'site' || !site.siteType) throw notFound();
    authorize(caller, 'incidents.act', site.path);
    const personIds = new Set(input.personIds);
    if (input.alertId) {
      const [alert] = await this.db.select().from(alerts).where(sql`${alerts.id} = ${input.alertId} and ${inScope(caller, 'health.read', alerts.orgPath)}`);
      if (!alert) throw invalidField('body.alertId', INCIDENTS_TEXTS.alert_not_found);
      if (alert.siteId !== site.id) throw invalidField('body.alertId', INCIDENTS_TEXTS.alert_belongs_another_site);
      personIds.add(alert.personId);
    }
    const found = await peopleWithSiteType(this.db, inScope(caller, 'people.read', people.orgPath), [...personIds]);
    const missing = [...personIds].filter((id) => !found.some((p) => p.id === id));
    if (missing.length > 0) {
      throw new AppError('validation_failed', undefined, missing.map((id) => ({
        path: `body.personIds.${input.personIds.indexOf(id)}`, message: INCIDENTS_TEXTS.person_not_found })));
    }
    const openedAt = input.openedAt ? new Date(input.openedAt) : this.clock.now();
    if (openedAt.getTime() > this.clock.now().getTime() + 60_000) throw invalidField('body.openedAt', INCIDENTS_TEXTS.opened_in_future);
    const opening = { type: input.type, summary: input.summary, openedAt, personIds: [...personIds], alertId: input.alertId ?? null,
      chain: await this.chainFor(site.siteType as SiteType, input.type, openedAt) };
    try {
      const id = await this.db.transaction(async (tx) => this.openIn(tx, ctx, { id: site.id, path: site.path, name: site.name }, opening));
      return this.get(ctx, id);
    } catch (err) {
      if (isUniqueViolation(err, 'incidents_alert_uq')) throw conflict(INCIDENTS_TEXTS.alert_already_incident);
      throw err;
    }
  }

  /** The escalation chain the policy in force at a type of site gives an incident of `type` opened at `openedAt`. */
  async chainFor(siteType: SiteType, type: IncidentType, openedAt: Date): Promise<ChainStep[]> {
    return (await this.policy.inForce(siteType, this.day(openedAt))).body.escalation.chains[type];
  }

  /**
   * Opens an incident inside the caller's transaction, so that another area can open one with its
   * own record (a COVID-19 deceased's case) and both commit or neither: the incident, its people,
   * its steps with their deadlines, the opening on its timeline, the notification and the audit.
   * The site was authorised by the caller's read of it; the people and the alert are checked by
   * the caller; the chain is read before the transaction (`chainFor`), which holds no other
   * connection. Answers the incident's id.
   */
  async openIn(tx: Executor, ctx: RequestContext, site: IncidentSite, input: IncidentOpening): Promise<string> {
    const caller = callerOf(ctx);
    authorize(caller, 'incidents.act', site.path);
    const incidentId = await repo.insertIncident(tx, {
      siteId: site.id, orgPath: site.path, type: input.type, summary: input.summary, openedAt: input.openedAt, openedBy: caller.userId, alertId: input.alertId });
    await repo.insertPeople(tx, incidentId, input.personIds);
    await repo.insertSteps(tx, escalationPlan(input.openedAt, input.chain).map((p) => ({ incidentId, receiver: p.to, dueAt: p.dueAt })));
    await repo.insertEvent(tx, { incidentId, kind: 'opened', at: input.openedAt, byUser: caller.userId, note: input.summary });
    await raise(tx, [{
      event: 'incident_opened', orgPath: site.path, incidentType: input.type, dedupeKey: `incident_opened:${incidentId}`,
      message: messageFor({ event: 'incident_opened', incidentId, type: input.type, siteName: site.name, summary: input.summary }) }]);
    await audit(tx, ctx, { action: 'incident.create', outcome: 'ok', targetType: 'incident', targetId: incidentId, nodePath: site.path, detail: { type: input.type, fromAlert: Boolean(input.alertId) } });
    return incidentId;
  }

  private day(at: Date): string {
    return localDay(at, this.timeZone);
  }

  private async toIncidents(rows: repo.IncidentRow[]): Promise<Incident[]> {
    const ids = rows.map((r) => r.incident.id);
    const [steps, persons] = await Promise.all([repo.stepsOf(this.db, ids), repo.peopleOf(this.db, ids)]);
    const now = this.clock.now();
    return rows.map(({ incident: i, siteName, townId, townName, openedByName, openedByDisplay }) => {
      const mine = steps.filter((s) => s.step.incidentId === i.id).map(({ step: s, doneByName, doneByDisplay }) => {
        const state = stepState({ dueAt: s.dueAt, doneAt: s.doneAt }, i.status === 'closed' && !s.doneAt ? (i.closedAt ?? now) : now);
        return {
          id: s.id, to: s.receiver as Receiver, outside: isOutside(s.receiver as Receiver), dueAt: s.dueAt.toISOString(),
          doneAt: s.doneAt?.toISOString() ?? null, doneBy: doneByName, doneByName: doneByDisplay, how: s.how, contact: s.contact, note: s.note, state,
          escalatedTo: s.lateFlaggedAt ? levelAbove(s.receiver as Receiver) : null };
      });
      return {
        id: i.id, siteId: i.siteId, siteName, townId, townName, type: i.type as IncidentType, summary: i.summary,
        status: i.status as Incident['status'], openedAt: i.openedAt.toISOString(), openedBy: openedByName, openedByName: openedByDisplay, alertId: i.alertId,
        people: persons.filter((p) => p.incidentId === i.id).map((p) => ({ id: p.id, name: p.name })),
        steps: mine, lateSteps: mine.filter((s) => s.state === 'late' || s.state === 'done_late').length,
        closedAt: i.closedAt?.toISOString() ?? null, outcome: i.outcome };
    });
  }

  async list(ctx: RequestContext, q: QueryParsed): Promise<{ incidents: Incident[]; total: number }> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'incidents.read');
    if (q.siteId) await this.org.getVisible(ctx, q.siteId);
    if (q.townId) await this.org.getVisible(ctx, q.townId);
    const f: repo.IncidentFilter = { siteId: q.siteId, townId: q.townId, type: q.type, status: q.status, lateAt: q.late === 'true' ? this.clock.now() : undefined };
    const [rows, total] = await Promise.all([repo.listIncidents(this.db, this.scope(caller), f, q), repo.countIncidents(this.db, this.scope(caller), f)]);
    return { incidents: await this.toIncidents(rows), total };
  }

  private async found(ctx: RequestContext, id: string): Promise<repo.IncidentRow> {
    const [row] = await repo.listIncidents(this.db, this.scope(callerOf(ctx)), { ids: [id] }, { limit: 1, offset: 0 });
    if (!row) throw notFound();
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<Incident> {
    const [incident] = await this.toIncidents([await this.found(ctx, id)]);
    if (!incident) throw notFound();
    return incident;
  }

  async timeline(ctx: RequestContext, id: string): Promise<IncidentEvent[]> {
    await this.found(ctx, id);
    return (await repo.eventsOf(this.db, id)).map(({ event: e, byName, byDisplay }) => ({
      id: e.id, kind: e.kind as IncidentEvent['kind'], action: e.action as IncidentAction | null, at: e.at.toISOString(), by: byName, byName: byDisplay, note: e.note,
      receiver: e.receiver as Receiver | null, escalatedTo: e.escalatedTo as Receiver | null, how: e.how as IncidentEvent['how'] }));
  }

  async recordAction(ctx: RequestContext, id: string, input: RecordAction): Promise<IncidentEvent[]> {
    const row = await this.found(ctx, id);
    authorize(callerOf(ctx), 'incidents.act', row.incident.orgPath);
    if (row.incident.status === 'closed') throw conflict(INCIDENTS_TEXTS.incident_closed);
    const at = input.at ? new Date(input.at) : this.clock.now();
    if (at.getTime() > this.clock.now().getTime() + 60_000) throw invalidField('body.at', INCIDENTS_TEXTS.time_in_future);
    await this.db.transaction(async (tx) => this.actIn(tx, ctx, { id, orgPath: row.incident.orgPath }, { action: input.action, at, note: input.note ?? null }));
    return this.timeline(ctx, id);
  }

  /**
   * Puts an action on an incident's timeline inside the caller's transaction (another area's
   * record of what was done: a step of a COVID-19 deceased's chain), with its audit entry. The
   * incident was found by the caller.
   */
  async actIn(tx: Executor, ctx: RequestContext, incident: { id: string; orgPath: string }, input: { action: IncidentAction; at: Date; note: string | null }): Promise<void> {
    authorize(callerOf(ctx), 'incidents.act', incident.orgPath);
    await repo.insertEvent(tx, { incidentId: incident.id, kind: 'action', action: input.action, at: input.at, byUser: callerOf(ctx).userId, note: input.note });
    await audit(tx, ctx, { action: 'incident.action', outcome: 'ok', targetType: 'incident', targetId: incident.id, nodePath: incident.orgPath, detail: { action: input.action } });
  }

  async acknowledge(ctx: RequestContext, id: string, stepId: string, note: string | undefined): Promise<Incident> {
    const caller = callerOf(ctx);
    const row = await this.found(ctx, id);
    authorize(caller, 'incidents.ack', row.incident.orgPath);
    await this.db.transaction(async (tx) => {
      const step = await repo.lockStep(tx, id, stepId);
      if (!step) throw notFound();
      const receiver = step.receiver as Receiver;
      if (isOutside(receiver)) throw invalidField('params.stepId', INCIDENTS_TEXTS.outside_party_recorded_notified);
      if (!speaksFor(caller.grants, receiver, row.townId)) {
        throw new AppError('forbidden', INCIDENTS_TEXTS.only_receiver_acknowledges);
      }
      if (step.doneAt) throw conflict(INCIDENTS_TEXTS.step_already_acknowledged);
      const now = this.clock.now();
      await repo.updateStep(tx, stepId, { doneAt: now, doneBy: caller.userId, note: note ?? null });
      await repo.insertEvent(tx, { incidentId: id, kind: 'step_done', at: now, byUser: caller.userId, receiver, note: note ?? null });
      await audit(tx, ctx, { action: 'incident.ack', outcome: 'ok', targetType: 'incident', targetId: id, nodePath: row.incident.orgPath, detail: { receiver, late: now > step.dueAt } });
    });
    return this.get(ctx, id);
  }

  async notifyOutside(ctx: RequestContext, id: string, stepId: string, input: NotifyOutside): Promise<Incident> {
    const caller = callerOf(ctx);
    const row = await this.found(ctx, id);
    authorize(caller, 'incidents.act', row.incident.orgPath);
    await this.db.transaction(async (tx) => {
      const step = await repo.lockStep(tx, id, stepId);
      if (!step) throw notFound();
      if (!isOutside(step.receiver as Receiver)) throw invalidField('params.stepId', INCIDENTS_TEXTS.system_level_acknowledges);
      if (step.doneAt) throw conflict(INCIDENTS_TEXTS.already_recorded_notified);
      const now = this.clock.now();
      await repo.updateStep(tx, stepId, { doneAt: now, doneBy: caller.userId, how: input.how, contact: input.contact ?? null, note: input.note ?? null });
      await repo.insertEvent(tx, {
        incidentId: id, kind: 'outside_notified', at: now, byUser: caller.userId, receiver: step.receiver, how: input.how,
        note: [input.contact, input.note].filter(Boolean).join(' · ') || null });
      await audit(tx, ctx, { action: 'incident.notify_outside', outcome: 'ok', targetType: 'incident', targetId: id, nodePath: row.incident.orgPath, detail: { receiver: step.receiver, how: input.how } });
    });
    return this.get(ctx, id);
  }

  async close(ctx: RequestContext, id: string, input: CloseIncident): Promise<Incident> {
    const caller = callerOf(ctx);
    const row = await this.found(ctx, id);
    authorize(caller, 'incidents.act', row.incident.orgPath);
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      if (!(await repo.closeIncident(tx, id, { closedAt: now, closedBy: caller.userId, outcome: input.outcome }))) throw conflict(INCIDENTS_TEXTS.incident_closed);
      await repo.insertEvent(tx, { incidentId: id, kind: 'closed', at: now, byUser: caller.userId, note: input.outcome });
      await audit(tx, ctx, { action: 'incident.close', outcome: 'ok', targetType: 'incident', targetId: id, nodePath: row.incident.orgPath });
    });
    return this.get(ctx, id);
  }

  async export(ctx: RequestContext, q: QueryParsed): Promise<Buffer> {
    const { incidents: list } = await this.list(ctx, { ...q, limit: 5000, offset: 0 });
    await audit(this.db, ctx, { action: 'incident.export', outcome: 'ok', detail: { rows: list.length } });
    const local = (iso: string | null) => (iso ? localMinute(new Date(iso), this.timeZone) : '');
    const stepText = (i: Incident) => i.steps.map((st) => `${RECEIVER_LABEL[st.to]}：${STATE_LABEL[st.state]}（时限 ${local(st.dueAt)}${st.doneAt ? `，${local(st.doneAt)}` : ''}）`).join('\n');
    return writeWorkbook('突发事件', ['发生时间', '乡镇（街道）', '机构', '类型', '概要', '涉及人员', '逐级上报', '超时步骤', '状态', '结案时间', '处置结果'], list.map((i) => [
      local(i.openedAt), i.townName, i.siteName, TYPE_LABEL[i.type], i.summary, i.people.map((p) => p.name).join('、'), stepText(i), i.lateSteps,
      i.status === 'open' ? '处置中' : '已结案', local(i.closedAt), i.outcome,
    ]));
  }

  /** Who was told of the incident, when and how (R7.2). */
  async notices(ctx: RequestContext, id: string): Promise<IncidentNotice[]> {
    await this.found(ctx, id);
    const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
    return (await repo.noticesOf(this.db, id)).map((n) => ({
      at: iso(n.at) ?? '', kind: n.key.startsWith('step_late:') ? 'step_late' : 'incident_opened', channel: n.channel as IncidentNotice['channel'],
      to: n.to_user ?? maskTarget(n.target ?? ''), status: n.status as IncidentNotice['status'], deliveredAt: iso(n.delivered_at) }));
  }

  async attachments(ctx: RequestContext, id: string): Promise<IncidentAttachment[]> {
    await this.found(ctx, id);
    return (await repo.attachmentsOf(this.db, id)).map(toAttachment);
  }

  /**
   * A document of an incident. Its type is read from its first bytes (a renamed .exe is refused
   * whatever its name or declared type); the size limit is the route's.
   */
  async addAttachment(ctx: RequestContext, id: string, bytes: Buffer, fileName: string): Promise<IncidentAttachment> {
    const caller = callerOf(ctx);
    const row = await this.found(ctx, id);
    authorize(caller, 'incidents.act', row.incident.orgPath);
    const type = sniffAttachment(bytes);
    if (!type) throw invalidField('body', INCIDENTS_TEXTS.attachment_type);
    if (bytes.length > ATTACHMENT_MAX_BYTES) throw new AppError('payload_too_large');
    // No path separators or control characters in a name that ends up in a download header.
    const name = [...fileName].map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 ? '_' : c)).join('').slice(0, 200) || 'file';
    const attachmentId = await this.db.transaction(async (tx) => {
      const aid = await repo.insertAttachment(tx, {
        incidentId: id, orgPath: row.incident.orgPath, fileName: name, contentType: type, size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'), data: bytes, uploadedBy: caller.userId });
      await repo.insertEvent(tx, { incidentId: id, kind: 'attachment', at: this.clock.now(), byUser: caller.userId, note: name });
      await audit(tx, ctx, { action: 'incident.attach', outcome: 'ok', targetType: 'incident', targetId: id, nodePath: row.incident.orgPath, detail: { type, size: bytes.length } });
      return aid;
    });
    const [a] = (await repo.attachmentsOf(this.db, id)).filter((x) => x.id === attachmentId);
    if (!a) throw notFound();
    return toAttachment(a);
  }

  async attachmentFile(ctx: RequestContext, id: string, attachmentId: string): Promise<{ fileName: string; contentType: string; data: Buffer }> {
    await this.found(ctx, id);
    const file = await repo.attachmentFile(this.db, id, attachmentId);
    if (!file) throw notFound();
    return file;
  }

  async overview(ctx: RequestContext): Promise<IncidentOverview> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'incidents.read');
    const { open, late, means } = await repo.overviewCounts(this.db, this.scope(caller), this.clock.now());
    return {
      open: open.map((o) => ({ type: o.type as IncidentType, townId: o.townId, townName: o.townName, count: o.n })),
      lateSteps: late,
      meanMinutes: means.map((m) => ({ to: m.receiver as Receiver, minutes: m.minutes, done: m.done })) };
  }

  /**
   * Flags every step past its deadline once (R7.3): a timeline event, and the level above told. The
   * reports of fever alerts (R2.4) are flagged here too, the same way: one escalation job for both.
   * Returns what was flagged, for the notifications. Safe with several instances (skip locked).
   */
  async flagLateSteps(): Promise<{ incidentId: string | null; alertId: string | null; receiver: string; escalatedTo: Receiver | null; orgPath: string }[]> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const late = await repo.claimLateSteps(tx, now, 200);
      for (const l of late) {
        await repo.updateStep(tx, l.step.id, { lateFlaggedAt: now });
        const above = levelAbove(l.step.receiver as Receiver);
        await repo.insertEvent(tx, { incidentId: l.step.incidentId, kind: 'step_late', at: now, byUser: null, receiver: l.step.receiver, escalatedTo: above, note: null });
        await raise(tx, [{
          event: 'step_late', orgPath: l.orgPath, incidentType: l.type as IncidentType, dedupeKey: `step_late:${l.step.id}`,
          message: messageFor({
            event: 'step_late', incidentId: l.step.incidentId, type: l.type as IncidentType, siteName: l.siteName, receiver: l.step.receiver as Receiver,
            escalatedTo: above, dueAt: localMinute(l.step.dueAt, this.timeZone) }) }]);
        await this.auditLate(tx, 'incident', l.step.incidentId, l.orgPath, l.step.receiver, above);
      }
      const lateReports = await claimLateReports(tx, now, 200);
      for (const l of lateReports) {
        const receiver = l.report.receiver as AlertReportReceiver;
        const above = alertReportAbove(receiver);
        await updateReports(tx, l.report.alertId, [receiver], { lateFlaggedAt: now });
        await raise(tx, [{
          event: 'step_late', orgPath: l.orgPath, dedupeKey: `report_late:${l.report.id}`,
          message: messageFor({
            event: 'report_late', alertId: l.report.alertId, siteName: l.siteName, personName: l.personName, receiver, escalatedTo: above,
            dueAt: localMinute(l.report.dueAt, this.timeZone) }) }]);
        await this.auditLate(tx, 'alert', l.report.alertId, l.orgPath, receiver, above);
      }
      return [
        ...late.map((l) => ({ incidentId: l.step.incidentId, alertId: null, receiver: l.step.receiver, escalatedTo: levelAbove(l.step.receiver as Receiver), orgPath: l.orgPath })),
        ...lateReports.map((l) => ({ incidentId: null, alertId: l.report.alertId, receiver: l.report.receiver, escalatedTo: alertReportAbove(l.report.receiver as AlertReportReceiver), orgPath: l.orgPath })),
      ];
    });
  }

  private async auditLate(tx: Executor, targetType: 'incident' | 'alert', targetId: string, orgPath: string, receiver: string, escalatedTo: Receiver | null): Promise<void> {
    await audit(tx, SYSTEM_CTX, {
      action: `${targetType}.step_late`, outcome: 'ok', actor: { id: null, name: 'system' }, targetType, targetId, nodePath: orgPath, detail: { receiver, escalatedTo } });
  }
}
