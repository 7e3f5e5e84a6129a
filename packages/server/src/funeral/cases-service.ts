import type { z } from 'zod';
import {
  COVID_CASE_STEPS, COVID_FORBIDDEN_RULE, COVID_RULE_TEXTS, addDays, checkCovidStep, covidStepDeadline, covidStepRefusalText, forbiddenFor, localDay, localInstant,
  maskIdNumber, nextCovidStep,
  type Bilingual, type CovidCase, type CovidCaseQuery, type CovidCaseStep, type CovidRequest, type CovidStepFacts, type CovidStepRefusal,
  type DeathCause, type FuneralPolicy, type OpenCovidCase, type RecordCovidStep,
} from '@fangkong/domain';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, invalidField, notFound } from '../core/errors.js';
import { authorize, inScope, requireSomewhere, UNSCOPED } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit } from '../audit/service.js';
import { covidCases } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Executor } from '../db/tx.js';
import type { IncidentsService } from '../incidents/service.js';
import * as repo from './cases-repository.js';
import { CASES_TEXTS } from './texts.js';

type OpenParsed = z.output<typeof OpenCovidCase>;
type StepParsed = z.output<typeof RecordCovidStep>;
type QueryParsed = z.output<typeof CovidCaseQuery>;
type RequestParsed = z.output<typeof CovidRequest>;

/** The name of each step a person reads. */
export const STEP_NAMES: Readonly<Record<CovidCaseStep, Bilingual>> = {
  notified: CASES_TEXTS.step_notified, handover: CASES_TEXTS.step_handover, collected: CASES_TEXTS.step_collected,
  cremated: CASES_TEXTS.step_cremated, certified: CASES_TEXTS.step_certified, ashes_released: CASES_TEXTS.step_ashes_released,
  disinfected: CASES_TEXTS.step_disinfected, archived: CASES_TEXTS.step_archived,
};

/** The words of a refused step in both languages: the rule quoted, or the next step named in each. */
function refusalText(refusal: CovidStepRefusal, next: CovidCaseStep | null): Bilingual {
  const name = next ? STEP_NAMES[next] : { 'zh-CN': '', en: '' };
  return { 'zh-CN': covidStepRefusalText(refusal, name['zh-CN'])['zh-CN'], en: covidStepRefusalText(refusal, name.en).en };
}

/** The fact a refusal is about: the first one missing. */
function refusedFact(refusal: Exclude<CovidStepRefusal, 'out_of_order' | 'case_archived'>, facts: CovidStepFacts): keyof CovidStepFacts {
  switch (refusal) {
    case 'handover_documents':
      return (['sanitaryTreatment', 'deathCertificate', 'cremateAtOnceOnForm'] as const).find((k) => !facts[k]) ?? 'cremateAtOnceOnForm';
    case 'family_refusal_unsigned': return 'hospitalSigned';
    case 'not_dedicated': return 'dedicatedStaffAndVehicle';
    case 'protective_equipment': return facts.protectiveSuit ? 'goggles' : 'protectiveSuit';
    case 'ashes_destination': return 'ashesTo';
  }
}

function refusalError(refusal: CovidStepRefusal, next: CovidCaseStep | null, facts: CovidStepFacts): AppError {
  const text = refusalText(refusal, next);
  if (refusal === 'out_of_order' || refusal === 'case_archived') return conflict(text);
  return invalidField(`body.facts.${refusedFact(refusal, facts)}`, text);
}

type DoneAt = Partial<Record<CovidCaseStep, Date>>;

/** The step a case awaits after the steps done (with their instants), its deadline and whether it is past it at `now`. */
function nextOf(doneAt: DoneAt, policy: FuneralPolicy, now: Date): { next: CovidCaseStep | null; dueAt: Date | null; late: boolean } {
  const next = nextCovidStep(Object.keys(doneAt) as CovidCaseStep[]);
  const dueAt = next ? covidStepDeadline(next, doneAt, policy) : null;
  return { next, dueAt, late: dueAt !== null && now > dueAt };
}

/** Who a case names in its incident's summary: the cause in each language. */
function causeName(cause: DeathCause): Bilingual {
  return cause === 'covid_confirmed' ? CASES_TEXTS.cause_covid_confirmed : CASES_TEXTS.cause_covid_suspected;
}

/** A case as the steps' recording needs it. */
interface CaseRef { id: string; orgPath: string; incidentId: string | null }

/**
 * COVID-19 deceased (R9.3, R9.4, R7.4): a case opened on the bureau's notice with its incident and
 * the funeral escalation chain, its steps recorded in order under the plan's rules, each on the
 * incident's timeline, and what the plan forbids refused with its words.
 */
export class CasesService extends AreaService {
  constructor(deps: Deps, protected readonly incidents: IncidentsService) {
    super(deps);
  }

  private scope(caller: Caller) {
    return inScope(caller, 'funeral.read', covidCases.orgPath);
  }

  /** A funeral site the caller sees: 404 outside scope, 400 for another type of site. */
  private async funeralSite(ctx: RequestContext, siteId: string) {
    const site = await this.org.getVisible(ctx, siteId);
    if (site.kind !== 'site' || site.siteType !== 'funeral') throw invalidField('body.siteId', CASES_TEXTS.not_funeral_site);
    return site;
  }

  /** An instant given (or now), never in the future (a minute of the clocks' drift allowed). */
  private instant(given: string | undefined, field: string): Date {
    const now = this.clock.now();
    const at = given ? new Date(given) : now;
    if (at.getTime() > now.getTime() + 60_000) throw invalidField(field, CASES_TEXTS.at_in_future);
    return at;
  }

  /**
   * The funeral section of the policy in force on the day a case was notified: its deadlines
   * stay those it was opened under (as an incident's do).
   */
  private async policyOn(openedAt: Date): Promise<FuneralPolicy> {
    return (await this.policy.inForce('funeral', localDay(openedAt, this.timeZone))).body.funeral;
  }

  async list(ctx: RequestContext, q: QueryParsed): Promise<CovidCase[]> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'funeral.read');
    const site = q.siteId ? await this.org.getVisible(ctx, q.siteId) : undefined;
    return this.listed(ctx, { siteId: q.siteId, open: q.open === undefined ? undefined : q.open === 'true' }, site?.path ?? caller.grants[0]?.nodePath ?? null);
  }

  /** The cases of a site not yet archived, for its day page. */
  async openCases(ctx: RequestContext, siteId: string): Promise<CovidCase[]> {
    requireSomewhere(callerOf(ctx), 'funeral.read');
    const site = await this.org.getVisible(ctx, siteId);
    return this.listed(ctx, { siteId, open: true }, site.path);
  }

  /** A list shows the deceased (their ID masked): who looked is kept, one entry a list, as for people. */
  private async listed(ctx: RequestContext, f: repo.CaseFilter, nodePath: string | null): Promise<CovidCase[]> {
    const rows = await repo.listCases(this.db, this.scope(callerOf(ctx)), f);
    await audit(this.db, ctx, {
      action: 'covid_case.list', outcome: 'ok', ...(f.siteId ? { targetType: 'site', targetId: f.siteId } : {}), nodePath,
      detail: { shown: rows.length, ...(f.open === undefined ? {} : { open: f.open }) } });
    return this.toCases(rows);
  }

  /** A case the caller may see, or 404 (a miss on one that exists is audited as denied). */
  private async found(ctx: RequestContext, id: string): Promise<repo.CaseRow> {
    const [row] = await repo.listCases(this.db, this.scope(callerOf(ctx)), { ids: [id] });
    if (row) return row;
    if (await repo.caseExists(this.db, id)) {
      await audit(this.db, ctx, { action: 'covid_case.read', outcome: 'denied', targetType: 'covid_case', targetId: id });
    }
    throw notFound();
  }

  /** A read of a deceased's record is kept, as a read of a person is. */
  async get(ctx: RequestContext, id: string): Promise<CovidCase> {
    const row = await this.found(ctx, id);
    await audit(this.db, ctx, { action: 'covid_case.read', outcome: 'ok', targetType: 'covid_case', targetId: id, nodePath: row.case.orgPath });
    return this.one(row);
  }

  private async one(row: repo.CaseRow): Promise<CovidCase> {
    const [answer] = await this.toCases([row]);
    if (!answer) throw notFound();
    return answer;
  }

  /** The case just written, for the answer to its writer (the write is audited; no read entry). */
  private async written(id: string): Promise<CovidCase> {
    // The caller was authorised on the case's site within the same request.
    const [row] = await repo.listCases(this.db, UNSCOPED, { ids: [id] });
    if (!row) throw notFound();
    return this.one(row);
  }

  /**
   * Rule 1: the bureau's notice. The deceased's ID sealed, the step `notified`, and in the same
   * transaction the incident of the death with the funeral site's escalation chain (R7.4).
   */
  async open(ctx: RequestContext, input: OpenParsed): Promise<CovidCase> {
    const caller = callerOf(ctx);
    const site = await this.funeralSite(ctx, input.siteId);
    authorize(caller, 'funeral.cases', site.path);
    const at = this.instant(input.at, 'body.at');
    if (input.dateOfDeath > localDay(at, this.timeZone)) throw invalidField('body.dateOfDeath', CASES_TEXTS.death_after_notice);
    const chain = await this.incidents.chainFor('funeral', 'death', at);
    const cause = causeName(input.cause);
    // The incident's summary is a record every reader shares, written in the records' language as a person would type it.
    const summary = CASES_TEXTS.incident_summary(input.deceasedName, cause['zh-CN'], cause.en, input.hospital)['zh-CN'];
    const id = input.deceasedIdNumber;
    const caseId = await this.db.transaction(async (tx) => {
      const incidentId = await this.incidents.openIn(tx, ctx, { id: site.id, path: site.path, name: site.name }, {
        type: 'death', summary, openedAt: at, personIds: [], alertId: null, chain });
      const inserted = await repo.insertCase(tx, {
        siteId: site.id, orgPath: site.path, deceasedName: input.deceasedName,
        deceasedIdEnc: id ? this.deps.keyring.seal(id) : null, deceasedIdLast4: id ? id.slice(-4) : null, deceasedIdHash: id ? this.deps.keyring.hash(id) : null,
        cause: input.cause, dateOfDeath: input.dateOfDeath, hospital: input.hospital, incidentId, openedAt: at, createdBy: caller.userId });
      await this.addStep(tx, ctx, { id: inserted, orgPath: site.path, incidentId }, {
        step: 'notified', at, byName: input.notifiedBy, facts: {}, note: input.note ?? null, dueAt: null });
      await audit(tx, ctx, {
        action: 'covid_case.open', outcome: 'ok', targetType: 'covid_case', targetId: inserted, nodePath: site.path, detail: { cause: input.cause, incidentId } });
      return inserted;
    });
    return this.written(caseId);
  }

  /**
   * A step of the chain (R9.3, R9.4), checked against the steps done and the site's risk level
   * today under the case's row lock, so that two recordings of the same step cannot both pass.
   */
  async recordStep(ctx: RequestContext, id: string, input: StepParsed): Promise<CovidCase> {
    const caller = callerOf(ctx);
    const row = await this.found(ctx, id);
    authorize(caller, 'funeral.cases', row.case.orgPath);
    const at = this.instant(input.at, 'body.at');
    const [risk, policy] = await Promise.all([this.org.riskLevelAt(row.case.orgPath, this.today()), this.policyOn(row.case.openedAt)]);
    try {
      await this.db.transaction(async (tx) => {
        if (!(await repo.lockCase(tx, id))) throw notFound();
        const done = await repo.stepsOf(tx, [id]);
        const steps = done.map((s) => s.step.step as CovidCaseStep);
        const refusal = checkCovidStep(steps, input.step, input.facts, risk);
        if (refusal) throw refusalError(refusal, nextCovidStep(steps), input.facts);
        const last = done.at(-1)?.step;
        if (last && at < last.at) {
          const name = STEP_NAMES[last.step as CovidCaseStep];
          throw invalidField('body.at', CASES_TEXTS.before_previous(name['zh-CN'], name.en));
        }
        const dueAt = covidStepDeadline(input.step, doneAtOf(done), policy);
        await this.addStep(tx, ctx, { id, orgPath: row.case.orgPath, incidentId: row.case.incidentId }, {
          step: input.step, at, byName: input.byName || caller.displayName || caller.username, facts: input.facts, note: input.note ?? null, dueAt });
        if (input.step === 'archived') await repo.archiveCase(tx, id, at);
        await audit(tx, ctx, {
          action: 'covid_case.step', outcome: 'ok', targetType: 'covid_case', targetId: id, nodePath: row.case.orgPath,
          detail: { step: input.step, late: dueAt !== null && at > dueAt, risk } });
      });
    } catch (err) {
      // The lock makes the second recording see the first; the unique indexes back it.
      if (isUniqueViolation(err, 'covid_case_steps_uq') || isUniqueViolation(err, 'covid_case_steps_seq_uq')) throw conflict(CASES_TEXTS.step_taken);
      throw err;
    }
    return this.written(id);
  }

  /** A step's row, and the same step on the case's incident's timeline. */
  private async addStep(tx: Executor, ctx: RequestContext, c: CaseRef, s: {
    step: CovidCaseStep; at: Date; byName: string; facts: CovidStepFacts; note: string | null; dueAt: Date | null;
  }): Promise<void> {
    await repo.insertStep(tx, {
      caseId: c.id, step: s.step, seq: seqOf(s.step), at: s.at, byName: s.byName, facts: s.facts, note: s.note, dueAt: s.dueAt,
      recordedBy: callerOf(ctx).userId });
    if (c.incidentId) {
      await this.incidents.actIn(tx, ctx, { id: c.incidentId, orgPath: c.orgPath }, {
        action: 'funeral_step', at: s.at, note: [STEP_NAMES[s.step]['zh-CN'], s.byName, s.note].filter(Boolean).join(' · ') });
    }
  }

  /**
   * What the plan forbids for a COVID-19 deceased (rules 4, 8, 9), asked by the family or anyone:
   * always refused with the rule's words, the refusal kept in the audit trail and nothing else written.
   */
  async refuseRequest(ctx: RequestContext, id: string, input: RequestParsed): Promise<never> {
    const row = await this.found(ctx, id);
    authorize(callerOf(ctx), 'funeral.cases', row.case.orgPath);
    // Every case is a COVID-19 death (the table's check), so the rule always applies.
    const rule = forbiddenFor(row.case.cause as DeathCause, input.action) ?? COVID_FORBIDDEN_RULE[input.action];
    await audit(this.db, ctx, {
      action: 'covid_case.request', outcome: 'denied', targetType: 'covid_case', targetId: id, nodePath: row.case.orgPath, detail: { action: input.action, rule } });
    throw conflict(COVID_RULE_TEXTS[rule]);
  }

  private async toCases(rows: repo.CaseRow[]): Promise<CovidCase[]> {
    const steps = await repo.stepsOf(this.db, rows.map((r) => r.case.id));
    const policies = await this.policiesOf(rows.map((r) => r.case.openedAt));
    const now = this.clock.now();
    return rows.map(({ case: c, siteName }) => {
      const mine = steps.filter((s) => s.step.caseId === c.id);
      const next = nextOf(doneAtOf(mine), policies(c.openedAt), now);
      return {
        id: c.id, siteId: c.siteId, siteName, deceasedName: c.deceasedName,
        deceasedIdNumber: c.deceasedIdEnc ? maskIdNumber(this.deps.keyring.open(c.deceasedIdEnc)) : null,
        cause: c.cause as DeathCause, dateOfDeath: c.dateOfDeath, hospital: c.hospital, incidentId: c.incidentId,
        openedAt: c.openedAt.toISOString(), archivedAt: c.archivedAt?.toISOString() ?? null,
        steps: mine.map(({ step: s, recordedByName }) => ({
          step: s.step as CovidCaseStep, at: s.at.toISOString(), byName: s.byName, recordedByName, facts: s.facts as CovidStepFacts, note: s.note,
          dueAt: s.dueAt?.toISOString() ?? null, late: s.dueAt !== null && s.at > s.dueAt })),
        nextStep: next.next, nextDueAt: next.dueAt?.toISOString() ?? null, late: next.late };
    });
  }

  /** The funeral policy of each notice's day, read once a day. */
  private async policiesOf(openedAt: Date[]): Promise<(at: Date) => FuneralPolicy> {
    const days = [...new Set(openedAt.map((at) => localDay(at, this.timeZone)))];
    const found = new Map(await Promise.all(days.map(async (d) => [d, (await this.policy.inForce('funeral', d)).body.funeral] as const)));
    return (at) => {
      const p = found.get(localDay(at, this.timeZone));
      if (!p) throw new Error('policy of a day not read');
      return p;
    };
  }

  /**
   * For the funeral sites' day: per site, the open cases, and the late steps — open cases whose
   * next step is past its deadline now, plus steps recorded late today. The sites are the day
   * page's, read through the caller's scope there.
   */
  async siteCounts(siteIds: string[]): Promise<Map<string, { openCases: number; lateSteps: number }>> {
    const now = this.clock.now();
    const today = this.today();
    const [open, lateToday] = await Promise.all([
      repo.openCasesAt(this.db, siteIds),
      repo.lateStepsBetween(this.db, siteIds, localInstant(today, '00:00', this.timeZone), localInstant(addDays(today, 1), '00:00', this.timeZone)),
    ]);
    const cases = new Map<string, { siteId: string; openedAt: Date; doneAt: DoneAt }>();
    for (const r of open) {
      const c = cases.get(r.caseId) ?? { siteId: r.siteId, openedAt: r.openedAt, doneAt: {} };
      if (r.step && r.at) c.doneAt[r.step as CovidCaseStep] = r.at;
      cases.set(r.caseId, c);
    }
    const policies = await this.policiesOf([...cases.values()].map((c) => c.openedAt));
    const counts = new Map(siteIds.map((id) => [id, { openCases: 0, lateSteps: 0 }]));
    for (const c of cases.values()) {
      const entry = counts.get(c.siteId);
      if (!entry) continue;
      entry.openCases++;
      if (nextOf(c.doneAt, policies(c.openedAt), now).late) entry.lateSteps++;
    }
    for (const l of lateToday) {
      const entry = counts.get(l.siteId);
      if (entry) entry.lateSteps += l.n;
    }
    return counts;
  }
}

/** A step's place in the chain: 1 for the notice … 8 for the archive. */
function seqOf(step: CovidCaseStep): number {
  return COVID_CASE_STEPS.indexOf(step) + 1;
}

function doneAtOf(steps: repo.StepRow[]): DoneAt {
  return Object.fromEntries(steps.map((s) => [s.step.step, s.step.at]));
}
