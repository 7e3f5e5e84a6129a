import { randomBytes } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import {
  SITE_TYPES, intakeNeedsIsolation, localDay, maskIdNumber, maskPhone, screenVisitor, stayEndsAt,
  GuardRegistration, type HealthCode, type PolicyBody, type PublicSite, type PublicVisitStatus, type RefusalReason,
  type ScreeningInput, SelfRegistration, type SiteType, type Visit, type VisitDayStats, type VisitKind, type VisitQuery,
  type VisitStatus, type VisitorSymptom, FIELD_TEXTS } from '@fangkong/domain';
import type { z } from 'zod';
import type { Db } from '../db/engine.js';
import { isUniqueViolation } from '../db/errors.js';
import { underTryLock } from '../db/tx.js';
import { orgNodes, visits } from '../db/schema.js';
import type { Keyring } from '../pii/keyring.js';
import type { RequestContext } from '../core/context.js';
import { callerOf, systemContext } from '../core/context.js';
import { newLinkToken } from '../core/link-token.js';
import { AppError, conflict, notFound } from '../core/errors.js';
import { authorize, inScope, requireSomewhere } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit } from '../audit/service.js';
import type { PolicyService } from '../policy/service.js';
import { writeWorkbook } from '../files/spreadsheet.js';
import * as repo from './repository.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import { VISITS_TEXTS } from './texts.js';

// No 0/O, 1/I: a code is read aloud and typed by a guard.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newCode(): string {
  const bytes = randomBytes(6);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

type SelfRegistrationParsed = z.output<typeof SelfRegistration>;
type GuardRegistrationParsed = z.output<typeof GuardRegistration>;

export class VisitsService extends AreaService {
  private readonly keyring: Keyring;

  constructor(deps: Deps) {
    super(deps);
    this.keyring = deps.keyring;
  }

  private async policyFor(siteType: string | null): Promise<PolicyBody> {
    return (await this.policy.inForce((siteType ?? 'elderly_care') as SiteType, this.today())).body;
  }

  toVisit(r: repo.VisitWithNames, maxStayNow = this.clock.now().getTime()): Visit {
    const open = (v: string | null) => (v ? this.keyring.open(v) : null);
    const phone = open(r.phoneEnc);
    const id = open(r.idEnc);
    return {
      id: r.id, siteId: r.siteId, siteName: r.siteName, kind: r.kind as VisitKind, code: r.code, status: r.status as VisitStatus,
      name: r.name, phone: phone ? maskPhone(phone) : null, idNumber: id ? maskIdNumber(id) : null, idUnknown: r.idUnknown,
      visiting: r.visiting, healthCodeDeclared: r.healthCodeDeclared as HealthCode | null, healthCodeSeen: r.healthCodeSeen as HealthCode | null,
      symptoms: r.symptoms as VisitorSymptom[], riskAreaTravel: r.riskAreaTravel, travelRecord: r.travelRecord,
      source: r.source as 'qr' | 'guard', registeredAt: r.registeredAt.toISOString(),
      temperature: r.tempTenths === null ? null : r.tempTenths / 10, mask: r.mask, refusalReasons: r.refusalReasons as RefusalReason[],
      screenedAt: r.screenedAt?.toISOString() ?? null, screenedBy: r.screenedByName, screenedByName: r.screenedByDisplay, admittedAt: r.admittedAt?.toISOString() ?? null,
      stayEndsAt: r.stayEndsAt?.toISOString() ?? null, leftAt: r.leftAt?.toISOString() ?? null,
      overstay: r.status === 'admitted' && r.kind === 'visitor' && !!r.stayEndsAt && r.stayEndsAt.getTime() < maxStayNow,
      isolationReason: r.isolationReason as Visit['isolationReason'] };
  }

  private personalColumns(v: { phone?: string | undefined; idNumber?: string | undefined }) {
    return {
      phoneEnc: v.phone ? this.keyring.seal(v.phone) : null,
      phoneLast4: v.phone ? v.phone.slice(-4) : null,
      idEnc: v.idNumber ? this.keyring.seal(v.idNumber) : null,
      idLast4: v.idNumber ? v.idNumber.slice(-4) : null };
  }

  /** Inserts a pending visit under a fresh code (a clash with a live code of the site is retried). */
  private async insertWithCode(row: Omit<Parameters<typeof repo.insertVisit>[1], 'code'>): Promise<repo.VisitRow> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await repo.insertVisit(this.db, { ...row, code: newCode() });
      } catch (err) {
        if (!isUniqueViolation(err, 'visits_live_code_uq') || attempt >= 5) throw err;
      }
    }
  }

  // The public page

  private async siteOfToken(token: string) {
    const site = await repo.siteByToken(this.db, token);
    if (!site) throw new AppError('not_found', VISITS_TEXTS.code_not_valid);
    return site;
  }

  async publicSite(token: string): Promise<PublicSite> {
    const site = await this.siteOfToken(token);
    const s = (await this.policyFor(site.siteType)).screening;
    return { siteName: site.name, idNumberRequired: s.idNumberRequired, retentionDays: s.retentionDays, codeValidMinutes: s.codeValidMinutes };
  }

  async publicRegister(ctx: RequestContext, token: string, input: SelfRegistrationParsed): Promise<PublicVisitStatus> {
    const site = await this.siteOfToken(token);
    const s = (await this.policyFor(site.siteType)).screening;
    if (s.idNumberRequired && !input.idNumber) {
      throw new AppError('validation_failed', undefined, [{ path: 'body.idNumber', message: VISITS_TEXTS.id_number_required_here }]);
    }
    const row = await this.insertWithCode({
      siteId: site.id, orgPath: site.path, kind: 'visitor', name: input.name, ...this.personalColumns(input), visiting: input.visiting,
      healthCodeDeclared: input.healthCode, symptoms: input.symptoms, riskAreaTravel: input.riskAreaTravel, source: 'qr',
      expiresAt: new Date(this.clock.now().getTime() + s.codeValidMinutes * 60_000) });
    await audit(this.db, ctx, { action: 'visit.register', outcome: 'ok', targetType: 'visit', targetId: row.id, nodePath: site.path, detail: { source: 'qr' }, actor: { id: null, name: null } });
    return { code: row.code, status: 'pending', refusalReasons: [], expiresAt: row.expiresAt.toISOString() };
  }

  async publicStatus(token: string, code: string): Promise<PublicVisitStatus> {
    const site = await this.siteOfToken(token);
    const row = await repo.visitByCode(this.db, site.id, code.toUpperCase(), false);
    if (!row) throw notFound();
    const expired = row.status === 'pending' && row.expiresAt.getTime() < this.clock.now().getTime();
    return { code: row.code, status: expired ? 'expired' : (row.status as VisitStatus), refusalReasons: row.refusalReasons as RefusalReason[], expiresAt: row.expiresAt.toISOString() };
  }

  // The site's link

  private async siteFor(ctx: RequestContext, siteId: string, permission: 'visits.read' | 'visits.screen' | 'visits.manage') {
    const site = await this.org.getVisible(ctx, siteId);
    if (site.kind !== 'site') throw notFound();
    authorize(callerOf(ctx), permission, site.path);
    return site;
  }

  async link(ctx: RequestContext, siteId: string): Promise<{ token: string; url: string }> {
    const site = await this.siteFor(ctx, siteId, 'visits.read');
    let token = await repo.tokenOf(this.db, site.id);
    if (!token) {
      token = newLinkToken();
      await repo.setToken(this.db, site.id, token, callerOf(ctx).userId);
    }
    return { token, url: `/v/${token}` };
  }

  async rotate(ctx: RequestContext, siteId: string): Promise<{ token: string; url: string }> {
    const site = await this.siteFor(ctx, siteId, 'visits.manage');
    const token = newLinkToken();
    await this.db.transaction(async (tx) => {
      await repo.setToken(tx, site.id, token, callerOf(ctx).userId);
      await audit(tx, ctx, { action: 'visit.link_rotate', outcome: 'ok', targetType: 'site', targetId: site.id, nodePath: site.path });
    });
    return { token, url: `/v/${token}` };
  }

  // The gate

  private scope(caller: Caller, permission: 'visits.read' | 'visits.screen' = 'visits.read') {
    return inScope(caller, permission, visits.orgPath);
  }

  async gate(ctx: RequestContext, siteId: string) {
    const site = await this.siteFor(ctx, siteId, 'visits.read');
    const s = (await this.policyFor(site.siteType)).screening;
    const rows = (await repo.gate(this.db, site.id, this.clock.now())).map((r) => this.toVisit(r));
    const inside = rows.filter((v) => v.status === 'admitted');
    return {
      pending: rows.filter((v) => v.status === 'pending'),
      // Overstays first: they are what the guard must act on.
      inside: inside.sort((a, b) => Number(b.overstay) - Number(a.overstay) || (a.stayEndsAt ?? '').localeCompare(b.stayEndsAt ?? '')),
      capacity: s.receptionMaxPeople,
      maxStayMinutes: s.receptionMaxStayMinutes,
      insideNow: inside.filter((v) => v.kind === 'visitor').length,
      overstays: inside.filter((v) => v.overstay).length };
  }

  async guardRegister(ctx: RequestContext, input: GuardRegistrationParsed): Promise<Visit> {
    const site = await this.siteFor(ctx, input.siteId, 'visits.screen');
    const s = (await this.policyFor(site.siteType)).screening;
    const needsId = s.idNumberRequired && !input.idUnknown;
    if (needsId && !input.idNumber) {
      throw new AppError('validation_failed', undefined, [{ path: 'body.idNumber', message: FIELD_TEXTS['id_number.required'] }]);
    }
    const row = await this.insertWithCode({
      siteId: site.id, orgPath: site.path, kind: input.kind, name: input.name, ...this.personalColumns(input),
      idUnknown: input.idUnknown ?? false, visiting: input.visiting, healthCodeDeclared: input.healthCode, symptoms: input.symptoms,
      riskAreaTravel: input.riskAreaTravel, travelRecord: input.travelRecord ?? null, source: 'guard',
      expiresAt: new Date(this.clock.now().getTime() + s.codeValidMinutes * 60_000) });
    await audit(this.db, ctx, { action: 'visit.register', outcome: 'ok', targetType: 'visit', targetId: row.id, nodePath: site.path, detail: { source: 'guard', kind: input.kind } });
    return this.get(ctx, row.id);
  }

  async get(ctx: RequestContext, id: string): Promise<Visit> {
    const row = await repo.findVisit(this.db, this.scope(callerOf(ctx)), id);
    if (!row) throw notFound();
    return this.toVisit(row);
  }

  /**
   * Screens a pending visit: the guard's measurements against the policy (R3.1–R3.3). The site's
   * gate is locked for the count of people inside, so that two guards cannot overfill the room.
   */
  async screen(ctx: RequestContext, id: string, input: ScreeningInput & { temperature: number }): Promise<Visit> {
    const caller = callerOf(ctx);
    // The policy is read before the transaction: the embedded engine has one connection, which the
    // transaction holds until it ends.
    const seen = await repo.findVisit(this.db, this.scope(caller), id);
    if (!seen) throw notFound();
    const [site] = await this.db.select({ siteType: orgNodes.siteType }).from(orgNodes).where(inArray(orgNodes.id, [seen.siteId]));
    const policy = await this.policyFor(site?.siteType ?? null);
    await this.db.transaction(async (tx) => {
      const row = await repo.lockVisit(tx, this.scope(caller), id);
      if (!row) throw notFound();
      authorize(caller, 'visits.screen', row.orgPath);
      if (row.status !== 'pending') throw conflict(VISITS_TEXTS.registration_handled);
      if (row.expiresAt.getTime() < this.clock.now().getTime()) {
        // Recorded as expired after this transaction (which the refusal rolls back).
        throw conflict(VISITS_TEXTS.registration_expired);
      }
      await repo.lockSiteGate(tx, row.siteId);
      const inside = row.kind === 'visitor' ? await repo.insideCount(tx, row.siteId) : 0;
      const decision = screenVisitor({
        temperature: input.temperature, mask: input.mask, healthCode: input.healthCode, symptoms: row.symptoms,
        riskAreaTravel: row.riskAreaTravel, guardRefuses: !!input.refuse }, policy, { inside });
      // An intake is refused only for what is not about the reception room or the code: the
      // station takes people without codes, and isolates them (R3.5, R5.3).
      const reasons = row.kind === 'intake'
        ? decision.reasons.filter((r) => r !== 'room_full' && r !== 'no_code' && r !== 'code_red' && r !== 'code_yellow' && r !== 'risk_area_travel')
        : decision.reasons;
      const now = this.clock.now();
      const admit = reasons.length === 0;
      await repo.updateVisit(tx, id, {
        status: admit ? 'admitted' : 'refused', tempTenths: Math.round(input.temperature * 10), mask: input.mask,
        healthCodeSeen: input.healthCode, refusalReasons: reasons, screenedAt: now, screenedBy: caller.userId,
        admittedAt: admit ? now : null,
        stayEndsAt: admit && row.kind === 'visitor' ? stayEndsAt(now, policy.screening.receptionMaxStayMinutes) : null,
        isolationReason: admit && row.kind === 'intake' ? (intakeNeedsIsolation({ healthCode: input.healthCode, riskAreaTravel: row.riskAreaTravel }) ?? null) : null });
      await audit(tx, ctx, {
        action: 'visit.screen', outcome: 'ok', targetType: 'visit', targetId: id, nodePath: row.orgPath,
        detail: { admitted: admit, reasons, ...(input.refuse ? { note: input.refuse.note } : {}) } });
    });
    return this.get(ctx, id);
  }

  private async leave(ctx: RequestContext, row: repo.VisitRow): Promise<Visit> {
    const caller = callerOf(ctx);
    authorize(caller, 'visits.screen', row.orgPath);
    if (row.status !== 'admitted') throw conflict(VISITS_TEXTS.visitor_not_inside);
    await this.db.transaction(async (tx) => {
      await repo.updateVisit(tx, row.id, { status: 'left', leftAt: this.clock.now() });
      await audit(tx, ctx, { action: 'visit.checkout', outcome: 'ok', targetType: 'visit', targetId: row.id, nodePath: row.orgPath });
    });
    return this.get(ctx, row.id);
  }

  async checkout(ctx: RequestContext, id: string): Promise<Visit> {
    const row = await repo.findVisit(this.db, this.scope(callerOf(ctx)), id);
    if (!row) throw notFound();
    return this.leave(ctx, row);
  }

  async checkoutByCode(ctx: RequestContext, siteId: string, code: string): Promise<Visit> {
    await this.siteFor(ctx, siteId, 'visits.screen');
    const row = await repo.visitByCode(this.db, siteId, code, true);
    if (!row || row.status !== 'admitted') throw new AppError('not_found', VISITS_TEXTS.code_not_inside);
    return this.leave(ctx, row);
  }

  // The log

  async search(ctx: RequestContext, q: VisitQuery): Promise<{ visits: Visit[]; total: number }> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'visits.read');
    const { rows, total } = await repo.searchVisits(this.db, this.scope(caller), q, this.timeZone);
    await audit(this.db, ctx, { action: 'visit.list', outcome: 'ok', nodePath: caller.grants[0]?.nodePath ?? null, detail: { shown: rows.length, total, ...(q.presentFrom ? { tracing: true } : {}) } });
    return { visits: rows.map((r) => this.toVisit(r)), total };
  }

  async export(ctx: RequestContext, q: Omit<VisitQuery, 'limit' | 'offset'>): Promise<Buffer> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'visits.read');
    const { rows } = await repo.searchVisits(this.db, this.scope(caller), { ...q, limit: 100_000, offset: 0 }, this.timeZone);
    const zh = ctx.locale === 'zh-CN';
    const at = (d: Date | null) => (d ? `${localDay(d, this.timeZone)} ${d.toLocaleTimeString('en-GB', { timeZone: this.timeZone, hour: '2-digit', minute: '2-digit' })}` : null);
    const list = rows.map((r) => {
      const v = this.toVisit(r);
      return [v.siteName, v.code, v.name, v.phone, v.idNumber, v.visiting, v.healthCodeDeclared, v.healthCodeSeen, v.temperature,
        v.status, v.refusalReasons.join(' '), at(r.registeredAt), at(r.admittedAt), at(r.leftAt), v.screenedByName ?? v.screenedBy];
    });
    await audit(this.db, ctx, { action: 'visit.export', outcome: 'ok', nodePath: caller.grants[0]?.nodePath ?? null, detail: { rows: list.length } });
    const headers = zh
      ? ['机构', '登记码', '姓名', '手机号', '身份证号', '拜访对象/事由', '自报健康码', '查验健康码', '体温', '状态', '拒绝原因', '登记时间', '入内时间', '离开时间', '门岗']
      : ['Site', 'Code', 'Name', 'Phone', 'ID number', 'Visiting', 'Code declared', 'Code seen', 'Temperature', 'Status', 'Refused for', 'Registered', 'Admitted', 'Left', 'Guard'];
    return writeWorkbook(zh ? '来访记录' : 'Visits', headers, list);
  }

  async stats(ctx: RequestContext, day: string): Promise<VisitDayStats[]> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'visits.read');
    const from = sql`(${day}::date)::timestamp at time zone ${this.timeZone}`;
    const to = sql`(${day}::date + 1)::timestamp at time zone ${this.timeZone}`;
    const sites = await this.org.list(ctx, { kind: 'site' });
    const counts = new Map((await repo.dayStats(this.db, this.scope(caller), from, to, this.clock.now())).map((c) => [c.siteId, c]));
    const visible = sites.filter((s) => s.siteType !== 'community' || counts.has(s.id));
    const byId = new Map((await this.org.list(ctx, { kind: 'town' })).map((t) => [t.id, t.name]));
    return visible.map((s) => {
      const c = counts.get(s.id);
      return {
        siteId: s.id, siteName: s.name, townName: (s.parentId && byId.get(s.parentId)) || null,
        registered: c?.registered ?? 0, admitted: c?.admitted ?? 0, refused: c?.refused ?? 0, refusedBy: c?.refusedBy ?? {},
        insideNow: c?.insideNow ?? 0, overstays: c?.overstays ?? 0 };
    });
  }
}

/** Any fixed number: with several instances, one purges at a time. */
const PURGE_LOCK = 727_021;

/**
 * Deletes visit records past each site type's retention period (PIPL: kept as long as tracing
 * needs, no longer); one audit entry per site type. Visitors still inside are kept. Returns the
 * count per site type, or undefined when another instance holds the purge. The policies are read
 * before the purge's transaction (see underTryLock).
 */
export async function purgeExpiredVisits(
  db: Db, policy: PolicyService, timeZone: string, now: Date,
): Promise<Record<string, number> | undefined> {
  const today = localDay(now, timeZone);
  const retention = await Promise.all(SITE_TYPES.map(async (siteType) =>
    ({ siteType, days: (await policy.inForce(siteType, today)).body.screening.retentionDays })));
  return underTryLock(db, PURGE_LOCK, async (tx) => {
    const out: Record<string, number> = {};
    for (const { siteType, days } of retention) {
      const cutoff = new Date(now.getTime() - days * 86_400_000);
      const deleted = await repo.purgeBefore(tx, sql`${visits.siteId} in (select id from org_nodes where site_type = ${siteType})`, cutoff);
      if (deleted > 0) {
        await audit(tx, systemContext('purge-job'), {
          action: 'visit.purge', outcome: 'ok', actor: { id: null, name: 'system' }, detail: { siteType, deleted, retentionDays: days, before: cutoff.toISOString() } });
      }
      out[siteType] = deleted;
    }
    return out;
  });
}
