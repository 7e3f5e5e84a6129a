import { raiseAlerts } from '../notifications/raise.js';
import {
  ALERT_REPORT_RECEIVERS, DEFAULT_POLICIES, REPORT_STEP, alertReportAbove, alertReportPlan, alertReportState, freshSteps, allStepsDone, assessReading,
  isImplausible, localDay, reportGone,
  type Alert, type AlertNotice, type AlertReport, type AlertReportReceiver, type AlertStepState, type EarlyStep, type FeverBand,
  type PolicyBody, type Reading, type ReadingInputParsed, type Round, type SiteType, type Symptom } from '@fangkong/domain';
import type { Bilingual, ReportOutsideInput } from '@fangkong/domain';
import type { z } from 'zod';
import type { Executor } from '../db/tx.js';
import type { Db } from '../db/engine.js';
import { alerts, people } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, invalidField, notFound } from '../core/errors.js';
import type { FieldProblem } from '../core/errors.js';
import { UNSCOPED, authorize, inScope, requireSomewhere } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit } from '../audit/service.js';
import { PolicyCache } from '../policy/cache.js';
import * as repo from './repository.js';
import { peopleWithSiteType } from '../people/repository.js';
import { AreaService } from '../core/service-base.js';
import { MONITORING_TEXTS } from './texts.js';

/** How far ahead of the server's clock a device's clock may be before a reading counts as "in the future". */
const CLOCK_SLACK_MS = 5 * 60_000;

export function toReading(r: repo.ReadingRow, by: string | null): Reading {
  return {
    id: r.id,
    personId: r.personId,
    temperature: r.tempTenths / 10,
    band: r.band as FeverBand,
    symptoms: r.symptoms as Symptom[],
    abnormal: r.abnormal,
    measuredAt: r.measuredAt.toISOString(),
    day: r.day,
    recordedBy: by,
    note: r.note };
}

type AlertListRow = Awaited<ReturnType<typeof repo.listAlerts>>[number];

export function toAlert(r: AlertListRow, reports: AlertReport[] = []): Alert {
  const a = r.alert;
  return {
    id: a.id,
    siteId: a.siteId,
    siteName: r.siteName,
    personId: a.personId,
    personName: r.personName,
    source: a.source as Alert['source'],
    temperature: a.tempTenths === null ? null : a.tempTenths / 10,
    band: a.band as FeverBand | null,
    symptoms: a.symptoms as Symptom[],
    testId: a.testId,
    openedAt: a.openedAt.toISOString(),
    status: a.status as Alert['status'],
    steps: a.steps,
    closedAt: a.closedAt?.toISOString() ?? null,
    closedBy: r.closedByName,
    closeReason: a.closeReason,
    incidentId: r.incidentId,
    reports };
}

/**
 * Alerts with their reports: each receiver's deadline and state at `now` (an alert closed without a
 * report stops its clock at the closing), the level a late one was flagged to, and who was told how.
 */
export async function alertsWithReports(db: Executor, rows: AlertListRow[], now: Date): Promise<Alert[]> {
  const ids = rows.map((r) => r.alert.id);
  const doers = [...new Set(rows.flatMap((r) => r.alert.steps.map((s) => s.doneBy).filter((u): u is string => u !== null)))];
  const [reports, told, names] = await Promise.all([repo.reportsOf(db, ids), repo.toldOf(db, ids), repo.displayNames(db, doers)]);
  const iso = (v: Date | string) => new Date(v).toISOString();
  return rows.map((r) => {
    const at = r.alert.status === 'closed' ? (r.alert.closedAt ?? now) : now;
    const mine = reports.filter((x) => x.report.alertId === r.alert.id)
      .sort((x, y) => ALERT_REPORT_RECEIVERS.indexOf(x.report.receiver as AlertReportReceiver) - ALERT_REPORT_RECEIVERS.indexOf(y.report.receiver as AlertReportReceiver))
      .map(({ report: x, doneBy, doneByName }): AlertReport => {
        const to = x.receiver as AlertReportReceiver;
        return {
          to, outside: to === 'health_department' || (x.doneAt !== null && x.how !== 'system' && to !== 'site_manager'),
          dueAt: x.dueAt.toISOString(), doneAt: x.doneAt?.toISOString() ?? null, doneBy, doneByName, how: x.how, contact: x.contact, note: x.note,
          state: alertReportState({ dueAt: x.dueAt, doneAt: x.doneAt }, at),
          escalatedTo: x.lateFlaggedAt ? alertReportAbove(to) : null,
          told: told.filter((t) => t.alert_id === r.alert.id && t.receiver === to)
            .map((t): AlertNotice => ({ channel: t.channel as AlertNotice['channel'], to: t.to_user, at: iso(t.at), status: t.status as AlertNotice['status'] })) };
      });
    const steps = r.alert.steps.map((s) => ({ ...s, doneByName: s.doneBy === null ? null : (names.get(s.doneBy) ?? s.doneBy) }));
    return toAlert({ ...r, alert: { ...r.alert, steps } }, mine);
  });
}

/** Plans the reports of alerts just opened, with the deadlines of the policy at each one's site (R2.4). */
export async function planAlertReports(tx: Executor, alertIds: string[], escalationOf: (personId: string) => PolicyBody['escalation'] | undefined): Promise<void> {
  const owners = await repo.alertOwners(tx, alertIds);
  await repo.planReports(tx, owners.flatMap(({ id: alertId, personId }) => {
    const e = escalationOf(personId);
    if (!e) return [];
    return alertReportPlan(new Date(0), e).map((p) => ({ alertId, receiver: p.to, minutes: p.dueAt.getTime() / 60_000 }));
  }));
  await repo.markManagersTold(tx, alertIds);
}

type ReportOutsideParsed = z.output<typeof ReportOutsideInput>;

/** Whether stored report rows show the report gone up (R2.4). */
function reportRowsGone(rows: readonly repo.AlertReportRow[]): boolean {
  return reportGone(rows.map((r) => ({ to: r.receiver as AlertReportReceiver, doneAt: r.doneAt })));
}

export class MonitoringService extends AreaService {

  /**
   * Records readings, all or none. Every bad reading is named in one answer (`prefix` is
   * `readings.<i>` in a batch, `body` for one). Abnormal readings open or raise the person's alert.
   */
  async record(ctx: RequestContext, input: { siteId?: string; readings: ReadingInputParsed[] }, single: boolean) {
    const caller = callerOf(ctx);
    const found = await peopleWithSiteType(this.db, inScope(caller, 'health.write', people.orgPath), [...new Set(input.readings.map((r) => r.personId))]);
    const byId = new Map(found.map((p) => [p.id, p]));
    const policies = new PolicyCache(this.policy);
    const now = this.clock.now().getTime();
    const errors: FieldProblem[] = [];
    const fail = (i: number, field: string, message: Bilingual) =>
      errors.push({ path: `${single ? 'body' : `readings.${i}`}.${field}`, message });
    const accepted: { r: ReadingInputParsed; person: (typeof found)[number]; at: Date; day: string; policy: PolicyBody }[] = [];
    for (const [i, r] of input.readings.entries()) {
      const person = byId.get(r.personId);
      // One reading for someone outside the scope is a 404 like any other; a batch names the row.
      if (!person && single) throw notFound();
      if (!person) {
        fail(i, 'personId', MONITORING_TEXTS.person_not_found);
        continue;
      }
      if (person.status === 'left') fail(i, 'personId', MONITORING_TEXTS.left_no_reading);
      if (input.siteId && person.siteId !== input.siteId) fail(i, 'personId', MONITORING_TEXTS.not_at_site);
      const at = r.measuredAt ? new Date(r.measuredAt) : new Date(now);
      if (at.getTime() > now + CLOCK_SLACK_MS) fail(i, 'measuredAt', MONITORING_TEXTS.reading_future);
      const day = localDay(at, this.timeZone);
      const policy = await policies.get(person.siteType as SiteType, day);
      const bands = policy.monitoring.feverBands;
      if (isImplausible(r.temperature, policy.monitoring) && !r.confirmed) fail(i, 'temperature', MONITORING_TEXTS.implausible(bands.measurementMin, bands.measurementMax));
      accepted.push({ r, person, at, day, policy });
    }
    if (errors.length > 0) throw new AppError('validation_failed', undefined, errors);

    const policyOf = new Map(accepted.map((a) => [a.person.id, a.policy]));
    const rows = accepted.map(({ r, person, at, day, policy }) => {
      const a = assessReading(r.temperature, r.symptoms, policy.monitoring);
      return {
        personId: person.id, siteId: person.siteId, orgPath: person.orgPath, day, measuredAt: at,
        tempTenths: Math.round(r.temperature * 10), band: a.band, symptoms: r.symptoms, abnormal: a.abnormal,
        recordedBy: caller.userId, note: r.note ?? null, clientId: r.clientId ?? null };
    });
    const first = accepted[0]?.person;
    const auditRow: repo.ReadingsAudit = {
      actorId: caller.userId, actorName: caller.username, targetId: input.siteId ?? first?.siteId ?? null, nodePath: first?.orgPath ?? null,
      requestId: ctx.requestId, ip: ctx.ip };
    // Normal readings only (nearly every round): the readings, the rollup and the audit entry are one
    // statement, atomic by itself, with no transaction's extra round trips.
    const result = !rows.some((r) => r.abnormal)
      ? { inserted: await repo.insertReadings(this.db, rows, auditRow), alertIds: [] as string[] }
      : await this.db.transaction(async (tx) => {
        // A retried upload (lost connection) finds its readings stored: the insert skips them by client id.
        const inserted = await repo.insertReadings(tx, rows, auditRow);
        // One alert per person: of several abnormal readings in the batch, the worst, with every symptom.
        const worst = new Map<string, repo.AlertUpsert>();
        for (const r of inserted.filter((x) => x.abnormal)) {
          const prev = worst.get(r.personId);
          const symptoms = [...new Set([...(prev?.symptoms ?? []), ...r.symptoms])].sort();
          if (prev && prev.tempTenths >= r.tempTenths) {
            prev.symptoms = symptoms;
            continue;
          }
          const policy = policyOf.get(r.personId);
          const steps: AlertStepState[] = freshSteps(policy?.monitoring.earlySteps ?? ['isolate']);
          worst.set(r.personId, { siteId: r.siteId, orgPath: r.orgPath, personId: r.personId, readingId: r.id, tempTenths: r.tempTenths, band: r.band, symptoms, steps });
        }
        const alertIds = await repo.openOrRaiseAlerts(tx, [...worst.values()]);
        await raiseAlerts(tx, alertIds, 'fever_alert');
        await planAlertReports(tx, alertIds, (personId) => policyOf.get(personId)?.escalation);
        return { inserted, alertIds: [...new Set(alertIds)] };
      });
    const insertedIds = new Set(result.inserted.map((r) => r.clientId));
    const skipped = accepted.map((a) => a.r.clientId).filter((c): c is string => !!c && !insertedIds.has(c));
    const all = [...result.inserted, ...(skipped.length > 0 ? await repo.readingsByClientIds(this.db, [...new Set(skipped)]) : [])];
    // The alerts this batch just raised, for people checked in scope above.
    const alertRows = result.alertIds.length > 0
      ? await repo.listAlerts(this.db, UNSCOPED, { ids: result.alertIds, limit: result.alertIds.length })
      : [];
    return { readings: all.map((r) => toReading(r, caller.username)), alerts: await alertsWithReports(this.db, alertRows, this.clock.now()) };
  }

  async round(ctx: RequestContext, siteId: string, day: string): Promise<Round> {
    const caller = callerOf(ctx);
    const site = await this.org.getVisible(ctx, siteId);
    if (site.kind !== 'site' || !site.siteType) throw notFound();
    authorize(caller, 'health.read', site.path);
    const policy = (await this.policy.inForce(site.siteType as SiteType, day)).body;
    const scope = inScope(caller, 'health.read', people.orgPath);
    const [expected, dayReadings, placed] = await Promise.all([
      repo.expectedPeople(this.db, scope, site.id, policy.monitoring.expectedKinds),
      repo.readingsOfDay(this.db, site.id, day),
      repo.activePlacementsAt(this.db, site.id),
    ]);
    const open = new Map((await repo.openAlertsOf(this.db, expected.map((p) => p.id))).map((a) => [a.personId, a.id]));
    const placedIds = new Set(placed.map((p) => p.personId));
    const byPerson = new Map<string, Reading[]>();
    for (const { reading, by } of dayReadings) {
      const list = byPerson.get(reading.personId) ?? [];
      list.push(toReading(reading, by));
      byPerson.set(reading.personId, list);
    }
    const required = policy.monitoring.readingsPerDay;
    const roundPeople = expected.map((p) => ({
      ...p,
      kind: p.kind as Round['people'][number]['kind'],
      status: p.status as Round['people'][number]['status'],
      readings: byPerson.get(p.id) ?? [],
      openAlertId: open.get(p.id) ?? null,
      placed: placedIds.has(p.id) }));
    const checked = roundPeople.filter((p) => p.readings.length > 0).length;
    return {
      siteId: site.id,
      siteName: site.name,
      siteType: site.siteType as SiteType,
      day,
      feverBands: policy.monitoring.feverBands,
      readingsPerDay: required,
      symptoms: policy.monitoring.symptoms,
      people: roundPeople,
      coverage: {
        expected: roundPeople.length,
        checked,
        complete: roundPeople.filter((p) => p.readings.length >= required).length,
        missing: roundPeople.length - checked,
        abnormal: roundPeople.filter((p) => p.readings.some((r) => r.abnormal)).length } };
  }

  async personReadings(ctx: RequestContext, personId: string, days: number): Promise<Reading[]> {
    const caller = callerOf(ctx);
    const [person] = await peopleWithSiteType(this.db, inScope(caller, 'health.read', people.orgPath), [personId]);
    if (!person) throw notFound();
    const from = new Date(`${this.today()}T00:00:00Z`);
    from.setUTCDate(from.getUTCDate() - (days - 1));
    const rows = await repo.readingsOfPerson(this.db, personId, from.toISOString().slice(0, 10));
    await audit(this.db, ctx, { action: 'reading.read', outcome: 'ok', targetType: 'person', targetId: personId, nodePath: person.orgPath, detail: { days } });
    return rows.map(({ reading, by }) => toReading(reading, by));
  }

  // Alerts

  private alertScope(caller: Caller) {
    return inScope(caller, 'health.read', alerts.orgPath);
  }

  /** The scope of a list of alerts: a role that may not read them is told so, not shown none. */
  private alertListScope(ctx: RequestContext) {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'health.read');
    return this.alertScope(caller);
  }

  async listAlerts(ctx: RequestContext, f: { siteId?: string; status?: string; limit: number }): Promise<Alert[]> {
    return alertsWithReports(this.db, await repo.listAlerts(this.db, this.alertListScope(ctx), f), this.clock.now());
  }

  /** Open alerts in the caller's scope: what a badge polls, without the alerts themselves. */
  async countOpen(ctx: RequestContext): Promise<number> {
    return repo.countOpenAlerts(this.db, this.alertListScope(ctx));
  }

  async getAlert(ctx: RequestContext, id: string): Promise<Alert> {
    const [row] = await repo.listAlerts(this.db, this.alertScope(callerOf(ctx)), { ids: [id], limit: 1 });
    if (!row) throw notFound();
    const [alert] = await alertsWithReports(this.db, [row], this.clock.now());
    if (!alert) throw notFound();
    return alert;
  }

  /** Marks one step done (in `tx` when a placement does it); closes the alert when it was the last. */
  async completeStep(ctx: RequestContext, id: string, step: EarlyStep, note: string | undefined, tx: Parameters<Parameters<Db['transaction']>[0]>[0] | Db = this.db): Promise<void> {
    const caller = callerOf(ctx);
    const run = async (t: typeof tx) => {
      const row = await repo.lockAlert(t, this.alertScope(caller), id);
      if (!row) throw notFound();
      authorize(caller, 'isolation.act', row.orgPath);
      if (row.status !== 'open') throw conflict(MONITORING_TEXTS.alert_closed);
      if (step === REPORT_STEP) throw invalidField('params.step', MONITORING_TEXTS.report_by_action);
      const current = row.steps.find((s) => s.step === step);
      if (!current) throw new AppError('validation_failed', undefined, [{ path: 'params.step', message: MONITORING_TEXTS.no_step(step) }]);
      if (current.doneAt) throw conflict(MONITORING_TEXTS.step_already_done);
      const done = await this.markStepDone(t, row, step, caller, note);
      await audit(t, ctx, { action: 'alert.step', outcome: 'ok', targetType: 'alert', targetId: id, nodePath: row.orgPath, detail: { step, closed: done } });
    };
    if (tx === this.db) await this.db.transaction(run);
    else await run(tx);
  }

  async closeAlert(ctx: RequestContext, id: string, reason: string): Promise<void> {
    const caller = callerOf(ctx);
    await this.onOpenAlert(ctx, id, 'isolation.manage', async (tx, row, reports) => {
      // Even a false reading is reported before it closes: no fever closes without the town told (R2.4).
      if (!reportRowsGone(reports)) throw conflict(MONITORING_TEXTS.not_reported);
      await repo.updateAlert(tx, id, { status: 'closed', closedAt: this.clock.now(), closedBy: caller.userId, closeReason: reason });
      await audit(tx, ctx, { action: 'alert.close', outcome: 'ok', targetType: 'alert', targetId: id, nodePath: row.orgPath, detail: { reason } });
    });
  }

  /**
   * Marks a step of a locked alert done and closes the alert when it was the last; returns whether
   * it closed. The report step is done here only by the report itself (R2.4).
   */
  private async markStepDone(t: Executor, row: repo.AlertRow, step: EarlyStep, caller: Caller, note: string | undefined): Promise<boolean> {
    const at = this.clock.now();
    const steps = row.steps.map((s) => (s.step === step ? { ...s, doneAt: at.toISOString(), doneBy: caller.username, note: note ?? null } : s));
    const done = allStepsDone(steps);
    await repo.updateAlert(t, row.id, {
      steps,
      // Closed by completion: no reason to give (a reason is for closing early).
      ...(done ? { status: 'closed', closedAt: at, closedBy: caller.userId, closeReason: null } : {}) });
    return done;
  }

  /**
   * The report of a fever up the levels (R2.4, R7.1): the town office and the bureau are told through
   * the notification rules, and each level the system reached is recorded as told, by whom and when.
   * A level where the system found nobody stays open, to be told by phone and recorded. The report
   * step is done, and the alert may close, once the town and the bureau are told.
   */
  async report(ctx: RequestContext, id: string, note: string | undefined): Promise<void> {
    const caller = callerOf(ctx);
    await this.onOpenAlert(ctx, id, 'isolation.manage', async (tx, row, reports) => {
      if (reportRowsGone(reports)) {
        throw conflict(MONITORING_TEXTS.already_reported);
      }
      await raiseAlerts(tx, [id], 'fever_reported', caller.displayName);
      const reached = new Set((await repo.toldOf(tx, [id])).map((t) => t.receiver));
      const now = this.clock.now();
      const pending = reports.filter((r) => r.doneAt === null).map((r) => r.receiver as AlertReportReceiver);
      // Whoever reports has been told by definition: the site manager's report is made with it.
      const told = pending.filter((r) => r === 'site_manager' || ((r === 'town' || r === 'bureau') && reached.has(r)));
      const unreached = pending.filter((r) => (r === 'town' || r === 'bureau') && !reached.has(r));
      await repo.updateReports(tx, id, told, { doneAt: now, doneBy: caller.userId, how: 'system', note: note ?? null });
      await repo.updateReports(tx, id, unreached, { how: 'unreached' });
      const gone = unreached.length === 0;
      const closed = gone && await this.markStepDone(tx, row, REPORT_STEP, caller, note);
      await audit(tx, ctx, { action: 'alert.report', outcome: 'ok', targetType: 'alert', targetId: id, nodePath: row.orgPath, detail: { told, unreached, closed } });
    });
  }

  /**
   * A party told outside the system (R2.4): the health department, or a level the system's report
   * found nobody at; recorded with who told whom, how and when.
   */
  async reportOutside(ctx: RequestContext, id: string, input: ReportOutsideParsed): Promise<void> {
    const caller = callerOf(ctx);
    await this.onOpenAlert(ctx, id, 'isolation.act', async (tx, row, reports) => {
      const target = reports.find((r) => r.receiver === input.to);
      if (!target) throw notFound();
      if (target.doneAt) throw conflict(MONITORING_TEXTS.outside_done);
      if (input.to !== 'health_department' && target.how !== 'unreached') throw invalidField('body.to', MONITORING_TEXTS.system_reaches);
      const now = this.clock.now();
      await repo.updateReports(tx, id, [input.to], { doneAt: now, doneBy: caller.userId, how: input.how, contact: input.contact, note: input.note ?? null });
      const after = reports.map((r) => (r.receiver === input.to ? { ...r, doneAt: now } : r));
      const stepDone = row.steps.some((s) => s.step === REPORT_STEP && s.doneAt !== null);
      const closed = !stepDone && reportRowsGone(after) && await this.markStepDone(tx, row, REPORT_STEP, caller, input.note);
      await audit(tx, ctx, { action: 'alert.report_outside', outcome: 'ok', targetType: 'alert', targetId: id, nodePath: row.orgPath, detail: { to: input.to, how: input.how, closed } });
    });
  }

  /** Runs `work` on an open alert of the caller's scope, locked with its report rows, in one transaction. */
  private async onOpenAlert(
    ctx: RequestContext, id: string, permission: 'isolation.act' | 'isolation.manage',
    work: (tx: Executor, row: repo.AlertRow, reports: repo.AlertReportRow[]) => Promise<void>,
  ): Promise<void> {
    const caller = callerOf(ctx);
    await this.db.transaction(async (tx) => {
      const row = await repo.lockAlert(tx, this.alertScope(caller), id);
      if (!row) throw notFound();
      authorize(caller, permission, row.orgPath);
      if (row.status !== 'open') throw conflict(MONITORING_TEXTS.alert_closed);
      await work(tx, row, await this.reportsFor(tx, row));
    });
  }

  /** The report rows of a locked alert; an alert older than the reports gets them with today's deadlines. */
  private async reportsFor(tx: Executor, row: repo.AlertRow): Promise<repo.AlertReportRow[]> {
    const found = await repo.lockReports(tx, row.id);
    if (found.length === ALERT_REPORT_RECEIVERS.length) return found;
    // The upgrade gave the alerts then open their rows; this is for one that slipped between.
    const defaults = alertReportPlan(row.openedAt, DEFAULT_POLICIES.elderly_care.escalation);
    await repo.planReports(tx, defaults.map((p) => ({ alertId: row.id, receiver: p.to, minutes: Math.round((p.dueAt.getTime() - row.openedAt.getTime()) / 60_000) })));
    return repo.lockReports(tx, row.id);
  }
}
