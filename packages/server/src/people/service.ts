import { pinyin } from 'pinyin-pro';
import {
  ID_CHECKS_PAUSED, ID_NOT_REGISTRABLE, allows, FIELD_TEXTS, idMismatches, idNumberFacts, idProbeSpent, idProbeVerdict,
  kindAllowedAt, maskIdNumber, maskPhone, messageFor, PERSON_KINDS_BY_SITE_TYPE, type IdProbeBudget,
  type CreatePersonParsed, type PeopleQuery, type Person, type PersonKind, type PersonMove, type PersonStatus,
  type RevealedPerson, type Sex, type SiteType, type UpdatePersonParsed } from '@fangkong/domain';
import type { Executor } from '../db/tx.js';
import { people } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Keyring } from '../pii/keyring.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, invalidField, notFound } from '../core/errors.js';
import { UNSCOPED, authorize, inScope, requireSomewhere } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit, auditMany } from '../audit/service.js';
import { raise } from '../notifications/raise.js';
import { findNode, type OrgNodeRow } from '../org/repository.js';
import * as repo from './repository.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import type { AccountsService } from '../accounts/service.js';
import { PEOPLE_TEXTS } from './texts.js';

/** Lower-case pinyin initials of a name ("张三丰" → "zsf"), for search by initials. */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase().replace(/[^a-z]/g, '');
}

/** The kind a roster row gets when it names none: what the site mostly holds. */
export function defaultKind(siteType: SiteType): PersonKind {
  return PERSON_KINDS_BY_SITE_TYPE[siteType][0];
}

/** Refuses a kind of person that the type of site does not register (a "resident" at a rescue station). */
function checkKindAtSite(kind: PersonKind, site: OrgNodeRow): void {
  if (site.siteType && !kindAllowedAt(kind, site.siteType as SiteType)) {
    throw invalidField('body.kind', FIELD_TEXTS['kind.not_at_site']);
  }
}

type PersonFields = Omit<CreatePersonParsed, 'siteId' | 'gridNodeId' | 'newIntake'>;

/** Row columns for the personal fields: sealed, hashed, derived from the ID where not entered. */
export function personColumns(keyring: Keyring, input: Partial<PersonFields>, today: string): Partial<repo.NewPersonRow> {
  const out: Partial<repo.NewPersonRow> = {};
  const set = <K extends keyof repo.NewPersonRow>(k: K, v: repo.NewPersonRow[K]) => {
    out[k] = v;
  };
  if (input.name !== undefined) {
    set('name', input.name);
    set('nameInitials', nameInitials(input.name));
  }
  if (input.kind !== undefined) set('kind', input.kind);
  for (const k of ['post', 'room', 'bed', 'notes', 'emergencyContactName', 'joinedOn', 'leftOn', 'birthDate', 'sex'] as const) {
    if (input[k] !== undefined) set(k, input[k] || null);
  }
  if (input.idNumber) {
    const id = input.idNumber;
    set('idEnc', keyring.seal(id));
    set('idHash', keyring.hash(id));
    set('idLast4', id.slice(-4));
    set('idUnknown', false);
    // What the number says fills what was not entered; what disagrees is flagged, not overwritten.
    const fromId = idNumberFacts(id);
    if (!input.sex) set('sex', fromId.sex);
    if (!input.birthDate) set('birthDate', fromId.birthDate);
    const m = idMismatches(id, { sex: input.sex ?? null, birthDate: input.birthDate ?? null });
    set('sexMismatch', m.sexMismatch);
    set('birthDateMismatch', m.birthDateMismatch);
  } else if (input.idNumber === null || input.idUnknown) {
    set('idEnc', null);
    set('idHash', null);
    set('idLast4', null);
    set('sexMismatch', false);
    set('birthDateMismatch', false);
  }
  if (input.idUnknown !== undefined) set('idUnknown', input.idUnknown);
  if (input.phone !== undefined) set('phoneEnc', input.phone ? keyring.seal(input.phone) : null);
  if (input.emergencyContactPhone !== undefined) set('emergencyPhoneEnc', input.emergencyContactPhone ? keyring.seal(input.emergencyContactPhone) : null);
  if (input.status !== undefined) {
    set('status', input.status);
    if (input.status === 'left' && !input.leftOn) set('leftOn', today);
  }
  return out;
}

/** Where and how a caller brings ID numbers: the audit entries and the bureau's message say it. */
export interface IdCheckSite {
  name: string;
  path: string;
  via: 'create' | 'update' | 'import';
  /** The field a refusal names. */
  field: string;
}

const placed = (site: OrgNodeRow, path = site.path) => ({ name: site.name, path });

const registeredAt = (siteName: string) =>
  conflict(PEOPLE_TEXTS.registered_at(siteName));

const notRegistrable = () => conflict(ID_NOT_REGISTRABLE);

const idChecksPaused = (field: string) =>
  new AppError('rate_limited', ID_CHECKS_PAUSED, [{ path: field, message: ID_CHECKS_PAUSED }]);

export class PeopleService extends AreaService {
  readonly keyring: Keyring;
  private readonly idProbe: IdProbeBudget;

  /** Accounts linked to a person are disabled when the person leaves (issue 17). */
  constructor(deps: Deps, private readonly accounts: Pick<AccountsService, 'personsLeft'>) {
    super(deps);
    this.keyring = deps.keyring;
    this.idProbe = deps.config.idProbe;
  }

  scope(caller: Caller) {
    return inScope(caller, 'people.read', people.orgPath);
  }

  /** The masked form every answer uses. */
  toPerson(r: repo.PersonWithSite): Person {
    const open = (v: string | null) => (v ? this.keyring.open(v) : null);
    const id = open(r.idEnc);
    const phone = open(r.phoneEnc);
    const emergency = open(r.emergencyPhoneEnc);
    return {
      id: r.id,
      siteId: r.siteId,
      siteName: r.siteName,
      gridNodeId: r.gridNodeId,
      kind: r.kind as PersonKind,
      name: r.name,
      sex: r.sex as Sex | null,
      birthDate: r.birthDate,
      idNumber: id ? maskIdNumber(id) : null,
      idUnknown: r.idUnknown,
      phone: phone ? maskPhone(phone) : null,
      post: r.post,
      room: r.room,
      bed: r.bed,
      status: r.status as PersonStatus,
      joinedOn: r.joinedOn,
      leftOn: r.leftOn,
      intakeSince: r.intakeSince,
      emergencyContactName: r.emergencyContactName,
      emergencyContactPhone: emergency ? maskPhone(emergency) : null,
      notes: r.notes,
      flags: { sexMismatch: r.sexMismatch, birthDateMismatch: r.birthDateMismatch },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString() };
  }

  async list(ctx: RequestContext, q: PeopleQuery): Promise<{ people: Person[]; total: number }> {
    const caller = callerOf(ctx);
    // A role that may not read people is told so, not shown an empty list (issue 15, item 9).
    requireSomewhere(caller, 'people.read');
    const { rows, total } = await repo.listPeople(this.db, this.scope(caller), q);
    // Lists show personal data too (masked): who looked at which list is kept, one entry a page.
    await audit(this.db, ctx, {
      action: 'person.list', outcome: 'ok', targetType: 'site', targetId: q.siteId,
      nodePath: q.siteId ? (rows[0]?.orgPath ?? null) : (caller.grants[0]?.nodePath ?? null),
      detail: { shown: rows.length, total, ...(q.q ? { searched: true } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(q.status ? { status: q.status } : {}) } });
    return { people: rows.map((r) => this.toPerson(r)), total };
  }

  /** A person the caller may see, or 404 (a miss on someone who exists is audited as denied). */
  async visible(ctx: RequestContext, id: string): Promise<repo.PersonWithSite> {
    const row = await repo.findPerson(this.db, this.scope(callerOf(ctx)), id);
    if (row) return row;
    if (await repo.personExists(this.db, id)) {
      await audit(this.db, ctx, { action: 'person.read', outcome: 'denied', targetType: 'person', targetId: id });
    }
    throw notFound();
  }

  async get(ctx: RequestContext, id: string): Promise<{ person: Person; history: PersonMove[] }> {
    const row = await this.visible(ctx, id);
    const moves = await repo.movesOf(this.db, id);
    // Reading a person's record is itself a fact the PIPL wants kept.
    await audit(this.db, ctx, { action: 'person.read', outcome: 'ok', targetType: 'person', targetId: id, nodePath: row.orgPath });
    return {
      person: this.toPerson(row),
      history: moves.map((m) => ({ at: m.at.toISOString(), fromSiteName: m.fromSiteName, toSiteName: m.toSiteName, by: m.by, reason: m.reason })) };
  }

  /**
   * Where a person is placed: a site the caller can see and may write at, and optionally a grid
   * cell inside it. Answers the path their record will carry.
   */
  async placement(ctx: RequestContext, siteId: string, gridNodeId: string | null | undefined): Promise<{ site: OrgNodeRow; orgPath: string }> {
    const caller = callerOf(ctx);
    let site: OrgNodeRow;
    let orgPath: string;
    if (gridNodeId) {
      // A grid worker sees their cell but not the community above it: the cell decides the scope,
      // and the site only has to be the community the cell belongs to.
      const cell = await this.org.getVisible(ctx, gridNodeId);
      const owner = await findNode(this.db, UNSCOPED, siteId);
      if (!owner || owner.kind !== 'site' || !cell.path.startsWith(owner.path) || cell.id === owner.id) {
        throw invalidField('body.gridNodeId', PEOPLE_TEXTS.grid_outside_site);
      }
      site = owner;
      orgPath = cell.path;
    } else {
      site = await this.org.getVisible(ctx, siteId);
      if (site.kind !== 'site') throw invalidField('body.siteId', PEOPLE_TEXTS.choose_site);
      orgPath = site.path;
    }
    authorize(caller, 'people.write', orgPath);
    return { site, orgPath };
  }

  /**
   * The one-registration check of the ID numbers a caller brings (a new person, a changed number,
   * a roster), without making it an oracle over the whole city (issue 15 item 7). Answers, per
   * hash, the refusal for that number: naming the site when the caller may see it, else the
   * neutral ID_NOT_REGISTRABLE. Conflicts outside the caller's jurisdiction are audited one entry
   * each (the other record's id, never the number) and counted against the account's budget; a
   * request that would learn more than is left learns nothing (429), and once the budget is spent
   * every ID check of the account is refused, whatever the numbers: the refusal must not depend
   * on what is registered. The request that spends the budget tells the bureau, once a burst.
   */
  async checkIds(ctx: RequestContext, at: IdCheckSite, hashes: string[], exceptId?: string): Promise<Map<string, AppError>> {
    const refusals = new Map<string, AppError>();
    if (hashes.length === 0) return refusals;
    const caller = callerOf(ctx);
    if (idProbeSpent((await repo.idProbeCounts(this.db, caller.userId, [])).used, this.idProbe)) {
      await audit(this.db, ctx, { action: 'person.id_check', outcome: 'denied', nodePath: at.path, detail: { via: at.via, reason: 'budget_spent' } });
      throw idChecksPaused(at.field);
    }
    const outside: { id: string }[] = [];
    for (const other of await repo.activeByIdHash(this.db, hashes, exceptId)) {
      if (!other.idHash) continue;
      const visible = allows(caller.grants, 'people.read', other.orgPath);
      if (!visible) outside.push(other);
      refusals.set(other.idHash, visible ? registeredAt(other.siteName) : notRegistrable());
    }
    if (outside.length === 0) return refusals;
    const answered = await this.db.transaction(async (tx) => {
      await repo.lockIdProbe(tx, caller.userId);
      const { used, fresh } = await repo.idProbeCounts(tx, caller.userId, outside.map((o) => o.id));
      const verdict = idProbeVerdict(used, fresh, this.idProbe);
      await auditMany(tx, ctx, outside.map((o) => ({
        action: repo.ID_CONFLICT_ACTION, outcome: 'denied' as const, targetType: 'person', targetId: o.id, nodePath: at.path,
        detail: { via: at.via, answered: verdict.answer } })));
      if (verdict.stops) {
        await raise(tx, [{
          event: 'id_probe_stopped', orgPath: at.path, dedupeKey: `id_probe_stopped:${caller.userId}:${ctx.requestId}`,
          message: messageFor({ event: 'id_probe_stopped', username: caller.username, siteName: at.name, conflicts: Math.max(used.hour + fresh.hour, used.day + fresh.day) }) }]);
      }
      return verdict.answer;
    });
    if (!answered) throw idChecksPaused(at.field);
    return refusals;
  }

  /** Two registrations of one number at the same moment, told apart by the unique index. */
  private async raced(caller: Caller, hash: string, exceptId?: string): Promise<AppError | undefined> {
    const [other] = await repo.activeByIdHash(this.db, [hash], exceptId);
    if (!other) return undefined;
    return allows(caller.grants, 'people.read', other.orgPath) ? registeredAt(other.siteName) : notRegistrable();
  }

  async create(ctx: RequestContext, input: CreatePersonParsed): Promise<Person> {
    const caller = callerOf(ctx);
    const { site, orgPath } = await this.placement(ctx, input.siteId, input.gridNodeId);
    checkKindAtSite(input.kind, site);
    const cols = personColumns(this.keyring, { ...input, status: input.status ?? 'present' }, this.today());
    cols.statusSince = input.joinedOn ?? this.today();
    if (input.newIntake) cols.intakeSince = this.today();
    if (cols.idHash && cols.status !== 'left') {
      const dup = (await this.checkIds(ctx, { ...placed(site), via: 'create', field: 'body.idNumber' }, [cols.idHash])).get(cols.idHash);
      if (dup) throw dup;
    }
    try {
      const newId = await this.db.transaction(async (tx) => {
        const [inserted] = await repo.insertPeople(tx, [{
          ...cols, name: input.name, nameInitials: cols.nameInitials ?? '', kind: input.kind,
          siteId: site.id, gridNodeId: input.gridNodeId ?? null, orgPath, createdBy: caller.userId }]);
        if (!inserted) throw new Error('insert returned nothing');
        await repo.insertMove(tx, { personId: inserted, fromSiteId: null, toSiteId: site.id, byUser: caller.userId, reason: null });
        await audit(tx, ctx, { action: 'person.create', outcome: 'ok', targetType: 'person', targetId: inserted, nodePath: orgPath, detail: { kind: input.kind } });
        return inserted;
      });
      // The person just created at a place checked in scope.
      const row = await repo.findPerson(this.db, UNSCOPED, newId);
      if (!row) throw new Error('created person not found');
      return this.toPerson(row);
    } catch (err) {
      // Two registrations of one number at the same moment: the unique index decides.
      if (isUniqueViolation(err, 'people_active_id_uq') && cols.idHash) throw (await this.raced(caller, cols.idHash)) ?? err;
      throw err;
    }
  }

  async update(ctx: RequestContext, id: string, patch: UpdatePersonParsed): Promise<Person> {
    const caller = callerOf(ctx);
    const current = await this.visible(ctx, id);
    authorize(caller, 'people.write', current.orgPath);
    const moving = patch.siteId !== undefined && patch.siteId !== current.siteId;
    const gridChanged = patch.gridNodeId !== undefined && patch.gridNodeId !== current.gridNodeId;
    let target: { site: OrgNodeRow; orgPath: string } | undefined;
    if (moving || gridChanged) {
      target = await this.placement(ctx, patch.siteId ?? current.siteId, patch.gridNodeId === undefined ? (moving ? null : current.gridNodeId) : patch.gridNodeId);
    }
    if (target || (patch.kind !== undefined && patch.kind !== current.kind)) {
      // The current site of a person found visible above.
      const site = target?.site ?? await findNode(this.db, UNSCOPED, current.siteId);
      if (site) checkKindAtSite(patch.kind ?? (current.kind as PersonKind), site);
    }
    // Mismatch flags compare the ID with sex and birth date; when either side changes, recompute from both.
    const merged: Partial<PersonFields> = { ...patch };
    if (patch.idNumber === undefined && (patch.sex !== undefined || patch.birthDate !== undefined) && current.idEnc) {
      merged.idNumber = this.keyring.open(current.idEnc);
      merged.sex = patch.sex !== undefined ? patch.sex : (current.sex as Sex | null);
      merged.birthDate = patch.birthDate !== undefined ? patch.birthDate : current.birthDate;
    }
    if (merged.idNumber && merged.idUnknown === undefined) merged.idUnknown = false;
    const cols = personColumns(this.keyring, merged, this.today());
    // A return from leave restarts the testing clock from that day (R4.1).
    if (cols.status !== undefined && cols.status !== current.status) cols.statusSince = this.today();
    const hash = cols.idHash !== undefined ? cols.idHash : current.idHash;
    const status = cols.status ?? current.status;
    // Only a number new to this record, or one coming back from "left", can meet another
    // registration: the unique index keeps an active record's own number single.
    if (hash && status !== 'left' && (hash !== current.idHash || current.status === 'left')) {
      const at = target ? placed(target.site, target.orgPath) : { name: current.siteName, path: current.orgPath };
      const dup = (await this.checkIds(ctx, { ...at, via: 'update', field: 'body.idNumber' }, [hash], id)).get(hash);
      if (dup) throw dup;
    }
    try {
      await this.db.transaction(async (tx: Executor) => {
        await repo.updatePerson(tx, id, {
          ...cols,
          ...(target ? { siteId: target.site.id, gridNodeId: patch.gridNodeId ?? null, orgPath: target.orgPath } : {}) });
        // Leaving, or moving to another site, leaves the site the account's roles were given for.
        if ((cols.status === 'left' && current.status !== 'left') || moving) await this.accounts.personsLeft(tx, ctx, [id]);
        if (moving && target) {
          await repo.insertMove(tx, { personId: id, fromSiteId: current.siteId, toSiteId: target.site.id, byUser: caller.userId, reason: patch.moveReason ?? null });
        }
        await audit(tx, ctx, {
          action: moving ? 'person.move' : 'person.update', outcome: 'ok', targetType: 'person', targetId: id,
          nodePath: target?.orgPath ?? current.orgPath,
          detail: { fields: Object.keys(patch).filter((k) => k !== 'moveReason'), ...(moving ? { fromSiteId: current.siteId } : {}) } });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'people_active_id_uq') && hash) throw (await this.raced(caller, hash, id)) ?? err;
      throw err;
    }
    const row = await repo.findPerson(this.db, this.scope(caller), id);
    if (!row) {
      // Moved out of the caller's own scope: the change is made; they simply cannot see it any more.
      throw new AppError('not_found', PEOPLE_TEXTS.moved_out_of_scope);
    }
    return this.toPerson(row);
  }

  async reveal(ctx: RequestContext, id: string): Promise<RevealedPerson> {
    const caller = callerOf(ctx);
    const row = await this.visible(ctx, id);
    if (!allows(caller.grants, 'people.reveal', row.orgPath)) {
      await audit(this.db, ctx, { action: 'person.reveal', outcome: 'denied', targetType: 'person', targetId: id, nodePath: row.orgPath });
      throw new AppError('forbidden');
    }
    await audit(this.db, ctx, { action: 'person.reveal', outcome: 'ok', targetType: 'person', targetId: id, nodePath: row.orgPath });
    const open = (v: string | null) => (v ? this.keyring.open(v) : null);
    return { idNumber: open(row.idEnc), phone: open(row.phoneEnc), emergencyContactPhone: open(row.emergencyPhoneEnc) };
  }
}
