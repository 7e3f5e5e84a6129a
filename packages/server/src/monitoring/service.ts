import { raiseAlerts } from '../notifications/raise.js';
import { sql } from 'drizzle-orm';
import {
  freshSteps, allStepsDone, assessReading, isImplausible, localDay,
  type Alert, type AlertStepState, type EarlyStep, type FeverBand, type PolicyBody, type Reading,
  type ReadingInputParsed, type Round, type SiteType, type Symptom,
} from '@fangkong/domain';
import type { Db } from '../db/engine.js';
import { alerts, people } from '../db/schema.js';
import type { RequestContext } from '../http/context.js';
import { callerOf } from '../http/context.js';
import { AppError, conflict, notFound } from '../http/errors.js';
import type { LocalizedFieldIssue } from '../http/errors.js';
import { authorize, inScope, requireSomewhere } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit } from '../audit/service.js';
import { SiteDayService } from '../service-base.js';
import { PolicyCache } from '../policy/cache.js';
import * as repo from './repository.js';

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
    note: r.note,
  };
}

export function toAlert(r: Awaited<ReturnType<typeof repo.listAlerts>>[number]): Alert {
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
  };
}

const MSG = {
  notFound: { zh: '找不到此人，或不在您的管辖范围内', en: 'no such person within your jurisdiction' },
  left: { zh: '此人已离开，不能再登记体温', en: 'this person has left; no reading can be recorded' },
  otherSite: { zh: '此人不在本机构', en: 'this person is not at this site' },
  future: { zh: '测量时间晚于当前时间', en: 'the measurement time is in the future' },
  implausible: (min: number, max: number) => ({
    zh: `体温超出 ${min}–${max} ℃，可能是测量错误；请复测，确认无误后勾选“确认”再提交`,
    en: `outside ${min}–${max} ℃: probably a measurement error; measure again and submit with "confirmed"`,
  }),
};

export class MonitoringService extends SiteDayService {
  /**
   * Records readings, all or none. Every bad reading is named in one answer (`prefix` is
   * `readings.<i>` in a batch, `body` for one). Abnormal readings open or raise the person's alert.
   */
  async record(ctx: RequestContext, input: { siteId?: string; readings: ReadingInputParsed[] }, single: boolean) {
    const caller = callerOf(ctx);
    const found = await repo.peopleForReadings(this.db, inScope(caller, 'health.write', people.orgPath), [...new Set(input.readings.map((r) => r.personId))]);
    const byId = new Map(found.map((p) => [p.id, p]));
    const policies = new PolicyCache(this.policy);
    const now = Date.now();
    const errors: LocalizedFieldIssue[] = [];
    const fail = (i: number, field: string, m: { zh: string; en: string }) =>
      errors.push({ path: `${single ? 'body' : `readings.${i}`}.${field}`, message: m.en, messageZh: m.zh });
    const accepted: { r: ReadingInputParsed; person: (typeof found)[number]; at: Date; day: string; policy: PolicyBody }[] = [];
    for (const [i, r] of input.readings.entries()) {
      const person = byId.get(r.personId);
      // One reading for someone outside the scope is a 404 like any other; a batch names the row.
      if (!person && single) throw notFound();
      if (!person) {
        fail(i, 'personId', MSG.notFound);
        continue;
      }
      if (person.status === 'left') fail(i, 'personId', MSG.left);
      if (input.siteId && person.siteId !== input.siteId) fail(i, 'personId', MSG.otherSite);
      const at = r.measuredAt ? new Date(r.measuredAt) : new Date(now);
      if (at.getTime() > now + CLOCK_SLACK_MS) fail(i, 'measuredAt', MSG.future);
      const day = localDay(at, this.timeZone);
      const policy = await policies.get(person.siteType as SiteType, day);
      const bands = policy.monitoring.feverBands;
      if (isImplausible(r.temperature, policy.monitoring) && !r.confirmed) fail(i, 'temperature', MSG.implausible(bands.measurementMin, bands.measurementMax));
      accepted.push({ r, person, at, day, policy });
    }
    if (errors.length > 0) throw new AppError('validation_failed', undefined, errors);

    const policyOf = new Map(accepted.map((a) => [a.person.id, a.policy]));
    const rows = accepted.map(({ r, person, at, day, policy }) => {
      const a = assessReading(r.temperature, r.symptoms, policy.monitoring);
      return {
        personId: person.id, siteId: person.siteId, orgPath: person.orgPath, day, measuredAt: at,
        tempTenths: Math.round(r.temperature * 10), band: a.band, symptoms: r.symptoms, abnormal: a.abnormal,
        recordedBy: caller.userId, note: r.note ?? null, clientId: r.clientId ?? null,
      };
    });
    const first = accepted[0]?.person;
    const auditRow: repo.ReadingsAudit = {
      actorId: caller.userId, actorName: caller.username, targetId: input.siteId ?? first?.siteId ?? null, nodePath: first?.orgPath ?? null,
      requestId: ctx.requestId, ip: ctx.ip,
    };
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
        return { inserted, alertIds: [...new Set(alertIds)] };
      });
    const insertedIds = new Set(result.inserted.map((r) => r.clientId));
    const skipped = accepted.map((a) => a.r.clientId).filter((c): c is string => !!c && !insertedIds.has(c));
    const all = [...result.inserted, ...(skipped.length > 0 ? await repo.readingsByClientIds(this.db, [...new Set(skipped)]) : [])];
    const alertRows = result.alertIds.length > 0
      ? await repo.listAlerts(this.db, sql`true`, { ids: result.alertIds, limit: result.alertIds.length })
      : [];
    return { readings: all.map((r) => toReading(r, caller.username)), alerts: alertRows.map(toAlert) };
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
      placed: placedIds.has(p.id),
    }));
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
        abnormal: roundPeople.filter((p) => p.readings.some((r) => r.abnormal)).length,
      },
    };
  }

  async personReadings(ctx: RequestContext, personId: string, days: number): Promise<Reading[]> {
    const caller = callerOf(ctx);
    const [person] = await repo.peopleForReadings(this.db, inScope(caller, 'health.read', people.orgPath), [personId]);
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
    return (await repo.listAlerts(this.db, this.alertListScope(ctx), f)).map(toAlert);
  }

  /** Open alerts in the caller's scope: what a badge polls, without the alerts themselves. */
  async countOpen(ctx: RequestContext): Promise<number> {
    return repo.countOpenAlerts(this.db, this.alertListScope(ctx));
  }

  async getAlert(ctx: RequestContext, id: string): Promise<Alert> {
    const [row] = await repo.listAlerts(this.db, this.alertScope(callerOf(ctx)), { ids: [id], limit: 1 });
    if (!row) throw notFound();
    return toAlert(row);
  }

  /** Marks one step done (in `tx` when a placement does it); closes the alert when it was the last. */
  async completeStep(ctx: RequestContext, id: string, step: EarlyStep, note: string | undefined, tx: Parameters<Parameters<Db['transaction']>[0]>[0] | Db = this.db): Promise<void> {
    const caller = callerOf(ctx);
    const run = async (t: typeof tx) => {
      const row = await repo.lockAlert(t, this.alertScope(caller), id);
      if (!row) throw notFound();
      authorize(caller, 'isolation.act', row.orgPath);
      if (row.status !== 'open') throw conflict('该预警已关闭', 'this alert is closed');
      const current = row.steps.find((s) => s.step === step);
      if (!current) throw new AppError('validation_failed', undefined, [{ path: 'params.step', message: `this alert has no step ${step}`, messageZh: '该预警没有这个步骤' }]);
      if (current.doneAt) throw conflict('该步骤已完成', 'this step is already done');
      const at = new Date().toISOString();
      const steps = row.steps.map((s) => (s.step === step ? { ...s, doneAt: at, doneBy: caller.username, note: note ?? null } : s));
      const done = allStepsDone(steps);
      await repo.updateAlert(t, id, {
        steps,
        // Closed by completion: no reason to give (a reason is for closing early).
        ...(done ? { status: 'closed', closedAt: new Date(at), closedBy: caller.userId, closeReason: null } : {}),
      });
      await audit(t, ctx, { action: 'alert.step', outcome: 'ok', targetType: 'alert', targetId: id, nodePath: row.orgPath, detail: { step, closed: done } });
    };
    if (tx === this.db) await this.db.transaction(run);
    else await run(tx);
  }

  async closeAlert(ctx: RequestContext, id: string, reason: string): Promise<void> {
    const caller = callerOf(ctx);
    await this.db.transaction(async (tx) => {
      const row = await repo.lockAlert(tx, this.alertScope(caller), id);
      if (!row) throw notFound();
      authorize(caller, 'isolation.manage', row.orgPath);
      if (row.status !== 'open') throw conflict('该预警已关闭', 'this alert is closed');
      await repo.updateAlert(tx, id, { status: 'closed', closedAt: new Date(), closedBy: caller.userId, closeReason: reason });
      await audit(tx, ctx, { action: 'alert.close', outcome: 'ok', targetType: 'alert', targetId: id, nodePath: row.orgPath, detail: { reason } });
    });
  }

}
