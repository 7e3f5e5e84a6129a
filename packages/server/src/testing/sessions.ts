import {
  localInstant,
  type DueStatus, type PersonKind, type SampleType, type Session, type SessionPerson,
  type SessionSelection, type SiteType, type TestResult } from '@fangkong/domain';
import type { z } from 'zod';
import type { CreateSession as CreateSessionSchema, SessionEntry as SessionEntrySchema } from '@fangkong/domain';
import { orgNodes, people, testSessions } from '../db/schema.js';
import { peopleWithSiteType } from '../people/repository.js';
import { scopedSites } from '../overview/repository.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, invalidField, notFound, type FieldProblem } from '../core/errors.js';
import { authorize, inScope, requireSomewhere } from '../auth/scope.js';
import { audit } from '../audit/service.js';
import { writeWorkbook } from '../files/spreadsheet.js';
import { RESULT_ZH, SAMPLE_TYPE_ZH, timeIssues, type TestingService, type TestWrite } from './service.js';
import * as repo from './repository.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import { TESTING_TEXTS } from './texts.js';

type CreateSessionParsed = z.output<typeof CreateSessionSchema>;
type SessionEntryParsed = z.output<typeof SessionEntrySchema>;

/**
 * Sampling sessions at collection points (R4.3): a town lists who must come from the due states
 * on the session's date, prints the list, and enters the samples and results against it.
 * Absentees stay due, because only a sample changes a due state.
 */
export class SessionService extends AreaService {
  constructor(deps: Deps, private readonly testing: TestingService) {
    super(deps);
  }

  private scope(ctx: RequestContext) {
    return inScope(callerOf(ctx), 'testing.read', testSessions.orgPath);
  }

  async create(ctx: RequestContext, input: CreateSessionParsed): Promise<{ session: Session; people: SessionPerson[] }> {
    const caller = callerOf(ctx);
    const town = await this.org.getVisible(ctx, input.townId);
    if (town.kind !== 'town') throw invalidField('body.townId', TESTING_TEXTS.choose_town);
    authorize(caller, 'testing.organize', town.path);
    const siteIds = [...new Set(input.siteIds)];
    const sites = await scopedSites(this.db, inScope(caller, 'testing.organize', orgNodes.path), { townId: town.id, ids: siteIds });
    const missing = siteIds.filter((id) => !sites.some((s) => s.id === id));
    if (missing.length > 0) {
      throw new AppError('validation_failed', undefined, missing.map((id) => ({
        path: `body.siteIds.${siteIds.indexOf(id)}`, message: TESTING_TEXTS.not_site_of_town })));
    }
    if (input.date < this.today()) throw invalidField('body.date', TESTING_TEXTS.session_in_past);
    const states = await this.testing.dueStates(caller, { siteIds }, input.date, 'testing.organize');
    const wanted = (s: DueStatus) => (input.selection === 'due' ? s === 'due' || s === 'overdue' : s === 'due' || s === 'overdue' || s === 'covered');
    const listed = states.filter((s) => wanted(s.state.status));
    const id = await this.db.transaction(async (tx) => {
      const sessionId = await repo.insertSession(tx, {
        townId: town.id, orgPath: town.path, date: input.date, startTime: input.startTime ?? null, collectionPoint: input.collectionPoint,
        lab: input.lab ?? null, sampleType: input.sampleType, selection: input.selection, note: input.note ?? null, createdBy: caller.userId });
      await repo.insertSessionSites(tx, siteIds.map((siteId) => ({ sessionId, siteId })));
      await repo.insertSessionPeople(tx, listed.map(({ person, state }) => ({
        sessionId, personId: person.id, siteId: person.siteId, dueStatus: state.status, daysOverdue: state.daysOverdue })));
      await audit(tx, ctx, {
        action: 'test_session.create', outcome: 'ok', targetType: 'test_session', targetId: sessionId, nodePath: town.path,
        detail: { date: input.date, sites: siteIds.length, listed: listed.length, selection: input.selection } });
      return sessionId;
    });
    return this.get(ctx, id);
  }

  async list(ctx: RequestContext, f: { townId?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<Session[]> {
    requireSomewhere(callerOf(ctx), 'testing.read');
    if (f.townId) await this.org.getVisible(ctx, f.townId);
    return this.toSessions(await repo.listSessions(this.db, this.scope(ctx), f));
  }

  private async toSessions(rows: Awaited<ReturnType<typeof repo.listSessions>>): Promise<Session[]> {
    const ids = rows.map((r) => r.session.id);
    const [sites, counts] = await Promise.all([repo.sessionSites(this.db, ids), repo.sessionCounts(this.db, ids)]);
    return rows.map(({ session: s, townName, createdByName }) => {
      const c = counts.find((x) => x.sessionId === s.id);
      return {
        id: s.id, townId: s.townId, townName, date: s.date, startTime: s.startTime, collectionPoint: s.collectionPoint, lab: s.lab,
        sampleType: s.sampleType as SampleType, selection: s.selection as SessionSelection, note: s.note,
        sites: sites.filter((x) => x.sessionId === s.id).map((x) => ({ id: x.id, name: x.name })),
        counts: {
          listed: c?.listed ?? 0, sampled: c?.sampled ?? 0, absent: c?.absent ?? 0, pending: c?.pending ?? 0,
          negative: c?.negative ?? 0, positive: c?.positive ?? 0, invalid: c?.invalid ?? 0 },
        createdBy: createdByName, createdAt: s.createdAt.toISOString() };
    });
  }

  private async found(ctx: RequestContext, id: string) {
    const row = await repo.findSession(this.db, this.scope(ctx), id);
    if (!row) throw notFound();
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<{ session: Session; people: SessionPerson[] }> {
    const row = await this.found(ctx, id);
    const [session] = await this.toSessions([row]);
    if (!session) throw notFound();
    const rows = await repo.sessionPeople(this.db, id);
    return {
      session,
      people: rows.map((r) => ({
        personId: r.row.personId, name: r.name, kind: r.kind as PersonKind, post: r.post, siteId: r.row.siteId, siteName: r.siteName,
        status: r.row.dueStatus as DueStatus, daysOverdue: r.row.daysOverdue, attended: r.row.attended, testId: r.row.testId,
        sampledAt: r.sampledAt?.toISOString() ?? null, result: r.result as TestResult | null, resultAt: r.resultAt?.toISOString() ?? null,
        labRef: r.labRef })) };
  }

  /**
   * Samples and results against the list, all or nothing. An attended person gets one record linked
   * to the session (entered again, it is updated, not doubled); an absent one keeps no record from it.
   */
  async enter(ctx: RequestContext, id: string, entries: SessionEntryParsed[]): Promise<{ session: Session; people: SessionPerson[] }> {
    const caller = callerOf(ctx);
    const row = await this.found(ctx, id);
    authorize(caller, 'testing.write', row.session.orgPath);
    const s = row.session;
    const listed = new Map((await repo.sessionPeople(this.db, id)).map((p) => [p.row.personId, p]));
    // Where each listed person is now (only their place and site type are needed, not a due state).
    const found = (await peopleWithSiteType(this.db, inScope(caller, 'testing.read', people.orgPath), [...listed.keys()])).filter((p) => p.status !== 'left');
    const siteTypes = new Map(found.map((p) => [p.id, p.siteType as SiteType]));
    // The record belongs where the person is (their grid cell or site), as every other record of theirs.
    const paths = new Map(found.map((p) => [p.id, p.orgPath]));
    const now = this.clock.now();
    const defaultAt = (() => {
      const planned = localInstant(s.date, s.startTime ?? '09:00', this.timeZone);
      // Entered on the day before the planned hour (or without one): the sample was taken now.
      return planned > now ? now : planned;
    })();
    const errors: FieldProblem[] = [];
    const seen = new Set<string>();
    const writes: { entry: SessionEntryParsed; write: TestWrite | null }[] = [];
    for (const [i, e] of entries.entries()) {
      const person = listed.get(e.personId);
      if (!person || seen.has(e.personId)) {
        errors.push({ path: `body.entries.${i}.personId`, message: person ? TESTING_TEXTS.listed_twice : TESTING_TEXTS.not_on_list });
        continue;
      }
      seen.add(e.personId);
      if (!e.attended) {
        if (person.row.testId) errors.push({ path: `body.entries.${i}.attended`, message: TESTING_TEXTS.sample_recorded_attended });
        writes.push({ entry: e, write: null });
        continue;
      }
      const orgPath = paths.get(e.personId);
      if (!orgPath) {
        errors.push({ path: `body.entries.${i}.personId`, message: TESTING_TEXTS.person_left_or_outside });
        continue;
      }
      // A record already linked keeps its sampling time: results arrive after the samples.
      const sampledAt = person.sampledAt ?? (e.sampledAt ? new Date(e.sampledAt) : defaultAt);
      errors.push(...timeIssues(`body.entries.${i}`, { sampledAt: sampledAt.toISOString(), result: e.result, resultAt: e.resultAt ?? null }, now));
      const resultAt = e.resultAt ? new Date(e.resultAt) : e.result === 'pending' ? null : (now < sampledAt ? sampledAt : now);
      writes.push({
        entry: e,
        write: {
          personId: e.personId, siteId: person.row.siteId, orgPath, siteType: siteTypes.get(e.personId) ?? 'elderly_care',
          sampledAt, sampleType: s.sampleType as SampleType, collectionPoint: s.collectionPoint, lab: s.lab, result: e.result, resultAt,
          labRef: e.labRef ?? null, note: null, sessionId: s.id, importId: null, source: 'session' } });
    }
    if (errors.length > 0) throw new AppError('validation_failed', undefined, errors);
    const tests = writes.flatMap((w) => (w.write ? [w.write] : []));
    const steps = await this.testing.alertSteps(tests.map((t) => t.siteType));
    await this.db.transaction(async (tx) => {
      await repo.lockSession(tx, id);
      const { ids } = await this.testing.applyTests(tx, ctx, tests, steps);
      for (const w of writes) {
        const testId = w.write ? ids[tests.indexOf(w.write)] ?? null : null;
        await repo.setSessionPerson(tx, id, w.entry.personId, { attended: w.entry.attended, testId });
      }
      await audit(tx, ctx, {
        action: 'test_session.entries', outcome: 'ok', targetType: 'test_session', targetId: id, nodePath: s.orgPath,
        detail: { attended: tests.length, absent: writes.length - tests.length, positive: tests.filter((t) => t.result === 'positive').length } });
    });
    return this.get(ctx, id);
  }

  async removePerson(ctx: RequestContext, id: string, personId: string): Promise<{ session: Session; people: SessionPerson[] }> {
    const caller = callerOf(ctx);
    const row = await this.found(ctx, id);
    authorize(caller, 'testing.organize', row.session.orgPath);
    const listed = (await repo.sessionPeople(this.db, id)).find((p) => p.row.personId === personId);
    if (!listed) throw notFound();
    await this.db.transaction(async (tx) => {
      if (!(await repo.removeSessionPerson(tx, id, personId))) throw conflict(TESTING_TEXTS.sample_recorded_stays);
      await audit(tx, ctx, { action: 'test_session.remove_person', outcome: 'ok', targetType: 'test_session', targetId: id, nodePath: row.session.orgPath, detail: { personId } });
    });
    return this.get(ctx, id);
  }

  /** The sign-in sheet for the collection point: masked ID numbers, blank columns to fill in by hand. */
  async export(ctx: RequestContext, id: string): Promise<{ bytes: Buffer; name: string }> {
    const row = await this.found(ctx, id);
    const rows = await repo.sessionPeople(this.db, id);
    await audit(this.db, ctx, { action: 'test_session.export', outcome: 'ok', targetType: 'test_session', targetId: id, nodePath: row.session.orgPath, detail: { rows: rows.length } });
    const s = row.session;
    const bytes = await writeWorkbook(
      `${s.date} ${s.collectionPoint}`.slice(0, 31),
      ['序号', '机构', '姓名', '岗位', '身份证号', '样本类型', '采样时间', '样本编号', '结果', '本人签字'],
      rows.map((r, i) => [
        i + 1, r.siteName, r.name, r.post, this.testing.maskedId(r.idEnc), SAMPLE_TYPE_ZH[s.sampleType as SampleType],
        r.sampledAt ? r.sampledAt.toLocaleString('zh-CN', { timeZone: this.timeZone, hour12: false }) : null, r.labRef,
        r.result ? RESULT_ZH[r.result as TestResult] : null, null,
      ]),
    );
    return { bytes, name: `核酸采样名单-${s.date}-${s.collectionPoint}.xlsx` };
  }
}
