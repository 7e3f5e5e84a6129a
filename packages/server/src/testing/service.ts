import { raiseAlerts } from '../notifications/raise.js';
import type { SQL } from 'drizzle-orm';
import {
  SITE_TYPES, allows, dueParams, type DueParams, type PolicyVersion, freshSteps, complianceRate, dueState, joinRefusal, localDay, maskIdNumber, sumCompliance,
  type Alert, type AlertStepState, type ComplianceCounts, type ComplianceOverview, type CreateTestParsed, type DueEntry,
  type DueState, type JoinInput, type Person, type PersonKind, type PersonStatus, type PolicyBody,
  type SampleType, type SetTestResult, type SiteType, type TestRecord, type TestResult,
  type TestSource, type Bilingual } from '@fangkong/domain';
import type { z } from 'zod';
import type { DueQuery as DueQuerySchema, TestQuery as TestQuerySchema } from '@fangkong/domain';
import { isUniqueViolation } from '../db/errors.js';
import { orgNodes, people, testRecords } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, notFound, type FieldProblem } from '../core/errors.js';
import { UNSCOPED, authorize, inScope, requireSomewhere } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit } from '../audit/service.js';
import { PolicyCache } from '../policy/cache.js';
import type { SummaryPart } from '../overview/summaries.js';
import { scopedSites } from '../overview/repository.js';
import { rollUp } from '../overview/rollup.js';
import type { PeopleService } from '../people/service.js';
import * as peopleRepo from '../people/repository.js';
import { listAlerts, openTestAlerts } from '../monitoring/repository.js';
import { alertsWithReports, planAlertReports } from '../monitoring/service.js';
import { writeWorkbook } from '../files/spreadsheet.js';
import * as repo from './repository.js';
import { RESULT_ZH, SAMPLE_TYPE_ZH, STATUS_ZH, timeIssues, toTestRecord, type TestWrite, type WriteAction } from './records.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import { TESTING_TEXTS } from './texts.js';

export type DueQueryParsed = z.output<typeof DueQuerySchema>;
export type TestQueryParsed = z.output<typeof TestQuerySchema>;

// The sessions and the lab import read these through the service, as before they had a file of their own.
export { RESULT_ZH, SAMPLE_TYPE_ZH, timeIssues, toTestRecord, type TestWrite, type WriteAction };

/** What a site's compliance summary keeps: the counts that do not depend on the time of day. */
type SiteCounts = Omit<ComplianceCounts, 'rate' | 'stalePending'>;
const NO_COUNTS: SiteCounts = { required: 0, tested: 0, due: 0, overdue: 0, positive: 0 };

/**
 * Nucleic-acid testing (§4): who is due (R4.1, R4.2), the records, the 应检尽检 compliance of
 * sites, towns and the city (R4.4), and the links to alerts and placements (R5.3).
 */
/** What a positive test's alert starts with: the four earlies of the site's policy and its report deadlines. */
type AlertStart = { steps: AlertStepState[]; escalation: PolicyBody['escalation'] };

export class TestingService extends AreaService {
  private readonly summaries: SummaryPart<SiteCounts>;

  constructor(deps: Deps, private readonly peopleService: PeopleService) {
    super(deps);
    this.summaries = deps.summaries.part('compliance', 1);
  }

  // Due states

  /** Due states of people matching `f` in the caller's scope for `permission`, on `day`. */
  async dueStates(caller: Caller, f: repo.TestingPersonFilter, day: string, permission: 'testing.read' | 'testing.organize' = 'testing.read') {
    const rows = await repo.peopleForTesting(this.db, inScope(caller, permission, people.orgPath), f, this.timeZone);
    // The versions in force (and before) once per site type, not once per person.
    const inForce = await this.versionsInForce(new Set(rows.map((p) => p.siteType as SiteType)), day);
    const out: { person: repo.TestingPerson; state: DueState }[] = [];
    for (const p of rows) {
      const { version, previous } = inForce.get(p.siteType as string) as NonNullable<ReturnType<typeof inForce.get>>;
      const lastDay = p.lastSampledAt ? localDay(p.lastSampledAt, this.timeZone) : null;
      const state = dueState({
        kind: p.kind as PersonKind,
        status: p.status as PersonStatus,
        presentSince: p.presentSince,
        intakeSince: p.intakeSince,
        lastSampleDay: lastDay,
        testing: version.body.testing,
        policyFrom: version.effectiveFrom,
        previous: previous?.body.testing ?? null,
        today: day });
      out.push({ person: p, state });
    }
    return out;
  }

  private async checkFilterNodes(ctx: RequestContext, f: { siteId?: string | undefined; townId?: string | undefined }): Promise<void> {
    // A site or town outside the caller's scope is a 404, not an empty list.
    if (f.siteId) await this.org.getVisible(ctx, f.siteId);
    if (f.townId) await this.org.getVisible(ctx, f.townId);
  }

  async due(ctx: RequestContext, q: DueQueryParsed): Promise<{ entries: DueEntry[]; total: number; day: string }> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'testing.read');
    await this.checkFilterNodes(ctx, q);
    const day = q.on ?? this.today();
    const states = await this.dueStates(caller, { siteId: q.siteId, townId: q.townId, siteType: q.siteType }, day);
    const wanted = (s: DueState['status']) =>
      q.status === 'all' || s === q.status || (q.status === 'due_or_overdue' && (s === 'due' || s === 'overdue'));
    const rank = { overdue: 0, due: 1, covered: 2, on_leave: 3, not_required: 4 } as const;
    const list = states.filter((s) => wanted(s.state.status)).sort((a, b) =>
      rank[a.state.status] - rank[b.state.status]
      || b.state.daysOverdue - a.state.daysOverdue
      || (a.state.dueOn ?? '').localeCompare(b.state.dueOn ?? '')
      || a.person.siteName.localeCompare(b.person.siteName, 'zh-CN')
      || a.person.name.localeCompare(b.person.name, 'zh-CN'));
    const entries = list.slice(q.offset, q.offset + q.limit).map(({ person: p, state: s }) => ({
      personId: p.id, name: p.name, kind: p.kind as PersonKind, post: p.post, siteId: p.siteId, siteName: p.siteName,
      siteType: p.siteType as SiteType, townId: p.townId, townName: p.townName, status: s.status, reason: s.reason, dueOn: s.dueOn,
      daysOverdue: s.daysOverdue, tested: s.tested, intervalDays: s.intervalDays,
      lastSampledAt: p.lastSampledAt?.toISOString() ?? null, lastResult: p.lastResult as TestResult | null }));
    return { entries, total: list.length, day };
  }

  async dueExport(ctx: RequestContext, q: DueQueryParsed): Promise<Buffer> {
    const { entries, day } = await this.due(ctx, { ...q, limit: 5000, offset: 0 });
    await audit(this.db, ctx, { action: 'test.due_export', outcome: 'ok', detail: { rows: entries.length, day } });
    return writeWorkbook(`核酸检测名单 ${day}`, ['镇街', '机构', '姓名', '岗位', '状态', '应检日期', '逾期天数', '最近采样', '最近结果'], entries.map((e) => [
      e.townName, e.siteName, e.name, e.post, STATUS_ZH[e.status], e.dueOn, e.daysOverdue || null,
      e.lastSampledAt ? localDay(new Date(e.lastSampledAt), this.timeZone) : null, e.lastResult ? RESULT_ZH[e.lastResult] : null,
    ]));
  }

  async compliance(ctx: RequestContext, on: string | undefined, f: { siteType?: SiteType | undefined; townId?: string | undefined }): Promise<ComplianceOverview> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'testing.read');
    await this.checkFilterNodes(ctx, f);
    const day = on ?? this.today();
    const sites = await scopedSites(this.db, inScope(caller, 'testing.read', orgNodes.path), f);
    // Counted in the database: a city is 20,000 people, and a row and a due state each in
    // JavaScript were most of the overview's time. The rule is the domain's, in SQL. Today's
    // counts come from the per-site summaries, recomputed only for sites that changed; another
    // day is counted afresh (within the caller's jurisdiction, like the sites).
    const [bySite, stale] = await Promise.all([
      day === this.today()
        ? this.summaries.get(sites, day, (ids) => this.countsOf(undefined, ids, day))
        : this.countsOf(inScope(caller, 'testing.read', people.orgPath), sites.map((s) => s.id), day),
      this.followUpHours(day).then((hours) => repo.stalePendingBySite(this.db, inScope(caller, 'testing.read', testRecords.orgPath), { hoursByType: hours, asOf: this.clock.now() })),
    ]);
    const counts = new Map<string, Omit<ComplianceCounts, 'rate'>>();
    for (const s of sites) counts.set(s.id, { ...(bySite.get(s.id) ?? NO_COUNTS), stalePending: 0 });
    for (const r of stale) {
      const c = counts.get(r.siteId);
      if (c) c.stalePending = r.n;
    }
    const siteRows = sites.map((s) => {
      const c = counts.get(s.id) ?? { required: 0, tested: 0, due: 0, overdue: 0, stalePending: 0, positive: 0 };
      return { ...c, rate: complianceRate(c.tested, c.required), siteId: s.id, siteName: s.name, siteType: s.siteType as SiteType, townId: s.townId, townName: s.townName };
    });
    const { byTown, bySiteType, total } = rollUp(siteRows, sumCompliance);
    return { day, sites: siteRows, towns: byTown, siteTypes: bySiteType, total };
  }

  /** Compliance counts of these sites on `day`; `scope` limits the people further (the caller's jurisdiction). */
  private async countsOf(scope: SQL | undefined, siteIds: string[], day: string): Promise<Map<string, SiteCounts>> {
    const rows = await repo.complianceBySite(this.db, scope, { siteIds }, await this.dueParamsOn(day), day, this.timeZone);
    const out = new Map<string, SiteCounts>(siteIds.map((id) => [id, NO_COUNTS]));
    for (const { siteId, ...n } of rows) out.set(siteId, n);
    return out;
  }

  /** The version of each site type's policy in force on `day`, and the version before it. */
  private async versionsInForce(siteTypes: Iterable<SiteType>, day: string): Promise<Map<string, { version: PolicyVersion; previous: PolicyVersion | null }>> {
    const versions = new PolicyCache(this.policy);
    const out = new Map<string, { version: PolicyVersion; previous: PolicyVersion | null }>();
    for (const siteType of siteTypes) {
      const version = await versions.version(siteType, day);
      out.set(siteType, { version, previous: await versions.before(siteType, version) });
    }
    return out;
  }

  /** The testing figures of the policy in force on `day` (and the version before) of every site type. */
  private async dueParamsOn(day: string): Promise<DueParams[]> {
    return [...(await this.versionsInForce(SITE_TYPES, day))].flatMap(([siteType, { version, previous }]) =>
      dueParams(siteType as SiteType, version.body.testing, version.effectiveFrom, previous?.body.testing ?? null));
  }

  /** Each site type's follow-up window for pending results (R4.4: 48 h by default). */
  private async followUpHours(day: string): Promise<Record<SiteType, number>> {
    const entries = await Promise.all(SITE_TYPES.map(async (t) => [t, (await this.policy.inForce(t, day)).body.testing.pendingFollowUpHours] as const));
    return Object.fromEntries(entries) as Record<SiteType, number>;
  }

  // Records

  private async listFilter(ctx: RequestContext, q: Omit<TestQueryParsed, 'limit' | 'offset'>): Promise<repo.TestListFilter> {
    await this.checkFilterNodes(ctx, q);
    const stalePending = q.stalePending === 'true' ? { hoursByType: await this.followUpHours(this.today()), asOf: this.clock.now() } : undefined;
    return { siteId: q.siteId, townId: q.townId, personId: q.personId, sessionId: q.sessionId, result: q.result, stalePending, from: q.from, to: q.to };
  }

  async list(ctx: RequestContext, q: TestQueryParsed): Promise<{ tests: TestRecord[]; total: number }> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'testing.read');
    if (q.personId) {
      // A person's tests are health data about them: the person must be visible, and the read is kept.
      const person = await this.peopleService.visible(ctx, q.personId);
      await audit(this.db, ctx, { action: 'person.tests_read', outcome: 'ok', targetType: 'person', targetId: q.personId, nodePath: person.orgPath });
    }
    const f = await this.listFilter(ctx, q);
    const scope = inScope(caller, 'testing.read', testRecords.orgPath);
    const [rows, total] = await Promise.all([repo.listTests(this.db, scope, f, q), repo.countTests(this.db, scope, f)]);
    return { tests: rows.map((r) => toTestRecord(r, this.timeZone)), total };
  }

  async export(ctx: RequestContext, q: Omit<TestQueryParsed, 'limit' | 'offset'>): Promise<Buffer> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'testing.read');
    const f = await this.listFilter(ctx, q);
    const rows = await repo.listTests(this.db, inScope(caller, 'testing.read', testRecords.orgPath), f, { limit: 50_000, offset: 0 });
    await audit(this.db, ctx, { action: 'test.export', outcome: 'ok', detail: { rows: rows.length } });
    const time = (d: Date | null) => (d ? d.toLocaleString('zh-CN', { timeZone: this.timeZone, hour12: false }) : null);
    return writeWorkbook('核酸检测记录', ['机构', '姓名', '采样时间', '样本类型', '采样点', '检测机构', '结果', '结果时间', '样本编号'], rows.map(({ test: t, siteName, personName }) => [
      siteName, personName, time(t.sampledAt), SAMPLE_TYPE_ZH[t.sampleType as SampleType], t.collectionPoint, t.lab,
      RESULT_ZH[t.result as TestResult], time(t.resultAt), t.labRef,
    ]));
  }

  /**
   * Checks new samples against the registry and the clock. Field issues are named `<prefix(i)>.<field>`;
   * a single record for someone outside the scope is a plain 404.
   */
  async checkNewTests(caller: Caller, inputs: CreateTestParsed[], prefix: (i: number) => string, single: boolean, source: TestSource): Promise<TestWrite[]> {
    const found = await peopleRepo.peopleWithSiteType(this.db, inScope(caller, 'testing.write', people.orgPath), [...new Set(inputs.map((t) => t.personId))]);
    const byId = new Map(found.map((p) => [p.id, p]));
    const now = this.clock.now();
    const errors: FieldProblem[] = [];
    const fail = (i: number, field: string, message: Bilingual) => errors.push({ path: `${prefix(i)}.${field}`, message });
    const seen = new Set<string>();
    const writes: TestWrite[] = [];
    for (const [i, t] of inputs.entries()) {
      const person = byId.get(t.personId);
      if (!person && single) throw notFound();
      if (!person) {
        fail(i, 'personId', TESTING_TEXTS.person_not_found);
        continue;
      }
      if (person.status === 'left') fail(i, 'personId', TESTING_TEXTS.person_left);
      errors.push(...timeIssues(prefix(i), t, now));
      const sampledAt = new Date(t.sampledAt);
      const key = `${t.personId}|${sampledAt.getTime()}`;
      if (seen.has(key)) fail(i, 'sampledAt', TESTING_TEXTS.duplicate_in_batch);
      seen.add(key);
      const resultAt = t.resultAt ? new Date(t.resultAt) : t.result === 'pending' ? null : (now < sampledAt ? sampledAt : now);
      writes.push({
        personId: person.id, siteId: person.siteId, orgPath: person.orgPath, siteType: person.siteType as SiteType,
        sampledAt, sampleType: t.sampleType, collectionPoint: t.collectionPoint ?? null, lab: t.lab ?? null, result: t.result,
        resultAt, labRef: t.labRef ?? null, note: t.note ?? null, sessionId: null, importId: null, source });
    }
    if (errors.length > 0) throw new AppError('validation_failed', undefined, errors);
    return writes;
  }

  /** Records new samples (one or a batch): all or nothing; a sample already stored for that person and time is refused. */
  async record(ctx: RequestContext, inputs: CreateTestParsed[], single: boolean): Promise<{ tests: TestRecord[]; alerts: Alert[] }> {
    const caller = callerOf(ctx);
    const prefix = (i: number) => (single ? 'body' : `body.tests.${i}`);
    const writes = await this.checkNewTests(caller, inputs, prefix, single, single ? 'manual' : 'batch');
    const steps = await this.alertSteps(writes.map((w) => w.siteType));
    try {
      const { ids, alertIds } = await this.db.transaction(async (tx) => {
        await repo.lockPeople(tx, writes.map((w) => w.personId));
        const existing = await repo.lockExistingSamples(tx, writes);
        if (existing.length > 0 && single) throw conflict(TESTING_TEXTS.duplicate_sample);
        if (existing.length > 0) {
          const taken = new Set(existing.map((e) => `${e.personId}|${e.sampledAt.getTime()}`));
          throw new AppError('validation_failed', undefined, writes.flatMap((w, i) => (taken.has(`${w.personId}|${w.sampledAt.getTime()}`)
            ? [{ path: `${prefix(i)}.sampledAt`, message: TESTING_TEXTS.duplicate_sample }] : [])));
        }
        const out = await this.applyTests(tx, ctx, writes, steps);
        await audit(tx, ctx, {
          action: 'test.record', outcome: 'ok', targetType: single ? 'test' : undefined, targetId: single ? out.ids[0] : undefined,
          nodePath: writes.length === 1 ? writes[0]?.orgPath ?? null : null,
          detail: { count: writes.length, positive: writes.filter((w) => w.result === 'positive').length, source: single ? 'manual' : 'batch' } });
        return out;
      });
      return { tests: await this.records(ids), alerts: await this.alerts(alertIds) };
    } catch (err) {
      if (isUniqueViolation(err, 'test_records_person_sample_uq')) throw conflict(TESTING_TEXTS.duplicate_sample);
      throw err;
    }
  }

  /** The four-earlies checklist of each site type's policy in force today, read before any transaction. */
  async alertSteps(siteTypes: SiteType[]): Promise<Map<SiteType, AlertStart>> {
    const out = new Map<SiteType, AlertStart>();
    const day = this.today();
    for (const t of new Set(siteTypes)) {
      const body: PolicyBody = (await this.policy.inForce(t, day)).body;
      out.set(t, { steps: freshSteps(body.monitoring.earlySteps), escalation: body.escalation });
    }
    return out;
  }

  /**
   * Stores samples in `tx`: new ones are inserted; one already stored for the same person and time
   * gets the new result when it brings one (never back to pending). A result that turns positive
   * opens the person's alert and ends a running placement as confirmed. Returns the record ids in
   * the order of `writes`, what happened to each, and the alerts opened or joined.
   */
  async applyTests(tx: Executor, ctx: RequestContext, writes: TestWrite[], steps: Map<SiteType, AlertStart>):
  Promise<{ ids: string[]; actions: WriteAction[]; alertIds: string[] }> {
    await repo.lockPeople(tx, writes.map((w) => w.personId));
    const existing = await repo.lockExistingSamples(tx, writes);
    const byKey = new Map(existing.map((e) => [`${e.personId}|${e.sampledAt.getTime()}`, e]));
    const ids: string[] = new Array<string>(writes.length).fill('');
    const actions: WriteAction[] = [];
    const fresh: { i: number; row: repo.NewTestRow }[] = [];
    const positives: TestWrite[] = [];
    for (const [i, w] of writes.entries()) {
      const old = byKey.get(`${w.personId}|${w.sampledAt.getTime()}`);
      if (!old) {
        actions.push('create');
        fresh.push({ i, row: {
          personId: w.personId, siteId: w.siteId, orgPath: w.orgPath, sampledAt: w.sampledAt, sampleDay: localDay(w.sampledAt, this.timeZone),
          sampleType: w.sampleType, collectionPoint: w.collectionPoint, lab: w.lab, result: w.result, resultAt: w.resultAt, labRef: w.labRef,
          sessionId: w.sessionId, importId: w.importId, source: w.source, note: w.note, recordedBy: ctx.caller?.userId ?? null } });
        if (w.result === 'positive') positives.push(w);
        continue;
      }
      ids[i] = old.id;
      const result = w.result === 'pending' ? old.result : w.result;
      const resultAt = w.result === 'pending' ? old.resultAt : (w.resultAt ?? old.resultAt);
      const patch: Partial<repo.NewTestRow> = {};
      if (result !== old.result) patch.result = result;
      if ((resultAt?.getTime() ?? null) !== (old.resultAt?.getTime() ?? null)) patch.resultAt = resultAt;
      if (w.lab && w.lab !== old.lab) patch.lab = w.lab;
      if (w.labRef && w.labRef !== old.labRef) patch.labRef = w.labRef;
      if (w.sessionId && !old.sessionId) patch.sessionId = w.sessionId;
      if (Object.keys(patch).length === 0) {
        actions.push('unchanged');
        continue;
      }
      actions.push('update');
      await repo.updateTest(tx, old.id, patch);
      if (result === 'positive' && old.result !== 'positive') positives.push(w);
    }
    const inserted = await repo.insertTests(tx, fresh.map((f) => f.row));
    const insertedByKey = new Map(inserted.map((r) => [`${r.personId}|${r.sampledAt.getTime()}`, r.id]));
    for (const { i, row } of fresh) ids[i] = insertedByKey.get(`${row.personId}|${(row.sampledAt).getTime()}`) ?? '';
    const alertIds = await this.onPositive(tx, ctx, positives, (w) => ids[writes.indexOf(w)] ?? '', steps);
    return { ids, actions, alertIds };
  }

  /** A positive result: the person's alert (R4.4 → the four earlies) and the end of a running placement (R5.2). */
  private async onPositive(tx: Executor, ctx: RequestContext, positives: TestWrite[], idOf: (w: TestWrite) => string, steps: Map<SiteType, AlertStart>): Promise<string[]> {
    if (positives.length === 0) return [];
    // One alert per person: the latest positive of a batch stands for them.
    const byPerson = new Map(positives.map((w) => [w.personId, w]));
    const alertIds = await openTestAlerts(tx, [...byPerson.values()].map((w) => ({
      siteId: w.siteId, orgPath: w.orgPath, personId: w.personId, testId: idOf(w), steps: steps.get(w.siteType)?.steps ?? [] })));
    await raiseAlerts(tx, alertIds, 'positive_test');
    await planAlertReports(tx, alertIds, (personId) => {
      const w = byPerson.get(personId);
      return w ? steps.get(w.siteType)?.escalation : undefined;
    });
    const ended = await repo.confirmPlacements(tx, [...byPerson.values()].map((w) => ({ personId: w.personId, at: w.resultAt ?? this.clock.now() })));
    for (const w of byPerson.values()) {
      await audit(tx, ctx, { action: 'test.positive', outcome: 'ok', targetType: 'person', targetId: w.personId, nodePath: w.orgPath, detail: { placementsEnded: ended.length } });
    }
    return alertIds;
  }

  async records(ids: string[]): Promise<TestRecord[]> {
    if (ids.length === 0) return [];
    // Records by id, never a caller's list: ids come from writes checked in scope.
    const rows = await repo.listTests(this.db, UNSCOPED, { ids }, { limit: ids.length, offset: 0 });
    const byId = new Map(rows.map((r) => [r.test.id, toTestRecord(r, this.timeZone)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async alerts(ids: string[]): Promise<Alert[]> {
    if (ids.length === 0) return [];
    // Alerts by id, raised by writes checked in scope.
    return alertsWithReports(this.db, await listAlerts(this.db, UNSCOPED, { ids: [...new Set(ids)], limit: ids.length }), this.clock.now());
  }

  async setResult(ctx: RequestContext, id: string, input: SetTestResult & { result: Exclude<TestResult, 'pending'> }): Promise<{ test: TestRecord; alert: Alert | null }> {
    const caller = callerOf(ctx);
    const row = await repo.findTest(this.db, inScope(caller, 'testing.read', testRecords.orgPath), id);
    if (!row) throw notFound();
    authorize(caller, 'testing.write', row.orgPath);
    const now = this.clock.now();
    const resultAt = input.resultAt ? new Date(input.resultAt) : (now < row.sampledAt ? row.sampledAt : now);
    const issues = timeIssues('body', { sampledAt: row.sampledAt.toISOString(), result: input.result, resultAt: resultAt.toISOString() }, now);
    if (issues.length > 0) throw new AppError('validation_failed', undefined, issues);
    // The tested person: the record was found in scope above.
    const [person] = await peopleRepo.peopleWithSiteType(this.db, UNSCOPED, [row.personId]);
    const siteType = (person?.siteType ?? 'elderly_care') as SiteType;
    const steps = await this.alertSteps([siteType]);
    const { alertIds } = await this.db.transaction(async (tx) => {
      const out = await this.applyTests(tx, ctx, [{
        personId: row.personId, siteId: row.siteId, orgPath: row.orgPath, siteType, sampledAt: row.sampledAt,
        sampleType: row.sampleType as SampleType, collectionPoint: row.collectionPoint, lab: input.lab ?? null, result: input.result,
        resultAt, labRef: null, note: null, sessionId: null, importId: null, source: row.source as TestSource }], steps);
      if (input.note) await repo.updateTest(tx, id, { note: row.note ? `${row.note}\n${input.note}` : input.note });
      await audit(tx, ctx, { action: 'test.result', outcome: 'ok', targetType: 'test', targetId: id, nodePath: row.orgPath, detail: { result: input.result, was: row.result } });
      return out;
    });
    const [test] = await this.records([id]);
    if (!test) throw notFound();
    return { test, alert: (await this.alerts(alertIds))[0] ?? null };
  }

  // Intake (R4.2)

  async join(ctx: RequestContext, personId: string, input: JoinInput): Promise<Person> {
    const caller = callerOf(ctx);
    const current = await this.peopleService.visible(ctx, personId);
    authorize(caller, 'people.write', current.orgPath);
    const day = this.today();
    const siteType = (await this.org.getVisible(ctx, current.siteId)).siteType as SiteType;
    const testing = (await this.policy.inForce(siteType, day)).body.testing;
    const negative = await repo.lastNegativeDay(this.db, personId, this.timeZone);
    const refusal = joinRefusal({ intakeSince: current.intakeSince, lastNegativeDay: negative }, day, testing);
    if (refusal === 'not_in_intake') throw conflict(TESTING_TEXTS.person_not_intake);
    const override = input.overrideReason;
    if (refusal === 'needs_negative_test') {
      if (!override) {
        throw conflict(TESTING_TEXTS.join_needs_negative(testing.intakeTestMaxAgeDays, negative));
      }
      if (!allows(caller.grants, 'intake.override', current.orgPath)) {
        await audit(this.db, ctx, { action: 'person.join', outcome: 'denied', targetType: 'person', targetId: personId, nodePath: current.orgPath, detail: { override: true } });
        throw new AppError('forbidden', TESTING_TEXTS.join_needs_manager);
      }
    }
    await this.db.transaction(async (tx) => {
      await peopleRepo.updatePerson(tx, personId, { intakeSince: null, joinedOn: current.joinedOn ?? day, statusSince: day });
      await audit(tx, ctx, {
        action: 'person.join', outcome: 'ok', targetType: 'person', targetId: personId, nodePath: current.orgPath,
        detail: refusal ? { override: true, reason: override } : { negativeOn: negative } });
    });
    // The person found visible above, as it now stands.
    const row = await peopleRepo.findPerson(this.db, UNSCOPED, personId);
    if (!row) throw notFound();
    return this.peopleService.toPerson(row);
  }

  /** For the sign-in sheet: the masked ID number of a person. */
  maskedId(idEnc: string | null): string | null {
    return idEnc ? maskIdNumber(this.peopleService.keyring.open(idEnc)) : null;
  }
}
