import { sql, type SQL } from 'drizzle-orm';
import {
  addDays, checkMourningEvent, EVENT_REFUSAL_FIELD, eventCap, eventRefusalText, eventState, hallDisinfectionState, localInstant,
  localMinute, maskIdNumber, maskPhone, messageFor, mourningLimits,
  type CreateHall, type DeathCause, type Disinfection, type DisinfectionKind, type EventQuery as EventQuerySchema,
  type CreateMourningEvent as CreateEventSchema, type DisinfectionQuery, type FuneralPolicy, type FuneralToday, type Hall, type MourningEvent,
  type RecordDisinfection as RecordDisinfectionSchema, type RiskLevel, type UpdateHall,
} from '@fangkong/domain';
import type { z } from 'zod';
import { funeralHalls, hallDisinfections, mourningEvents } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Job } from '../core/area.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { conflict, invalidField, notFound } from '../core/errors.js';
import { AreaService } from '../core/service-base.js';
import { newLinkToken } from '../core/link-token.js';
import { UNSCOPED, authorize, inScope, requireSomewhere } from '../auth/scope.js';
import { audit } from '../audit/service.js';
import { raise, type RaisedEvent } from '../notifications/raise.js';
import { scopedSites } from '../overview/repository.js';
import * as repo from './events-repository.js';
import { EVENTS_TEXTS } from './texts.js';

type EventQuery = z.output<typeof EventQuerySchema>;
type CreateMourningEvent = z.output<typeof CreateEventSchema>;
type RecordDisinfection = z.output<typeof RecordDisinfectionSchema>;
type Permission = 'funeral.read' | 'funeral.write' | 'funeral.halls';

/** A funeral site's figures of a day, for the bureau's and the towns' page of the funeral sites. */
export interface SiteDayFigures {
  events: number;
  attendees: number;
  hallsInUse: number;
  missedDisinfections: number;
  awaitingFinal: number;
}

/**
 * Halls, mourning events (R9.1) and the halls' disinfections (R8.2): bookings checked against the
 * limits of the site's risk level and the hall's other bookings, a hall's disinfections of the day
 * against the policy, the flag of a hall left short, and a site's day.
 */
export class EventsService extends AreaService {
  /** The area's scheduled work of this part. */
  jobs(): Job[] {
    return [{ name: 'hall disinfection check', everyMs: 15 * 60_000, run: () => this.flagMissedDisinfections() }];
  }

  // Shared

  /** A funeral site the caller sees (else 404, also for a site of another type), refused without `permission`. */
  async site(ctx: RequestContext, siteId: string, permission: Permission) {
    const node = await this.org.getVisible(ctx, siteId);
    if (node.kind !== 'site' || node.siteType !== 'funeral') throw notFound();
    authorize(callerOf(ctx), permission, node.path);
    return node;
  }

  private async funeralPolicy(day: string): Promise<FuneralPolicy> {
    return (await this.policy.inForce('funeral', day)).body.funeral;
  }

  /** A local day's first instant and the next day's, and now. */
  private window(day: string): repo.DayWindow {
    return { start: localInstant(day, '00:00', this.timeZone), end: localInstant(addDays(day, 1), '00:00', this.timeZone), now: this.clock.now() };
  }

  /** The local hour the disinfection check reads on `day`: a past day is over, a future one not begun. */
  hourOf(day: string): number {
    const today = this.today();
    if (day < today) return 24;
    if (day > today) return 0;
    return Number(localMinute(this.clock.now(), this.timeZone).slice(11, 13));
  }

  private hallOf(r: repo.HallWithFacts, policy: FuneralPolicy, hour: number): Hall {
    const h = r.hall;
    return {
      id: h.id, siteId: h.siteId, name: h.name, capacity: h.capacity, active: h.active,
      inUseToday: r.inUse, disinfectionsToday: r.routine, requiredToday: r.inUse ? policy.minDisinfectionsPerDay : 0,
      disinfectionState: hallDisinfectionState({ inUse: r.inUse, routineToday: r.routine, localHour: hour }, policy),
      awaitingFinalFor: r.awaitingFinalFor,
    };
  }

  /** Halls (of sites, or by id) with their state of today. */
  private async halls(f: { siteIds?: string[]; ids?: string[] }, day = this.today()): Promise<Hall[]> {
    const [rows, policy] = await Promise.all([repo.hallsWithFacts(this.db, f, this.window(day)), this.funeralPolicy(day)]);
    const hour = this.hourOf(day);
    return rows.map((r) => this.hallOf(r, policy, hour));
  }

  private async hall(id: string): Promise<Hall> {
    const [hall] = await this.halls({ ids: [id] });
    if (!hall) throw notFound();
    return hall;
  }

  /** A hall the caller sees (else 404), refused without `permission` where it lies. */
  private async visibleHall(ctx: RequestContext, id: string, permission: Permission): Promise<repo.HallRow> {
    const caller = callerOf(ctx);
    const row = await repo.findHall(this.db, inScope(caller, 'funeral.read', funeralHalls.orgPath), id);
    if (!row) throw notFound();
    authorize(caller, permission, row.orgPath);
    return row;
  }

  /** Local wall-clock minutes, for the texts a person reads (and the tests that read them). */
  local(at: Date): string {
    return localMinute(at, this.timeZone);
  }

  // Halls

  async listHalls(ctx: RequestContext, siteId: string): Promise<Hall[]> {
    const site = await this.site(ctx, siteId, 'funeral.read');
    return this.halls({ siteIds: [site.id] });
  }

  async createHall(ctx: RequestContext, input: CreateHall): Promise<Hall> {
    const site = await this.site(ctx, input.siteId, 'funeral.halls');
    const id = await this.hallWrite(input.name, async (tx) => {
      const row = await repo.insertHall(tx, { siteId: site.id, orgPath: site.path, name: input.name, capacity: input.capacity });
      await audit(tx, ctx, { action: 'funeral_hall.create', outcome: 'ok', targetType: 'funeral_hall', targetId: row.id, nodePath: site.path, detail: { name: row.name, capacity: row.capacity } });
      return row.id;
    });
    return this.hall(id);
  }

  async updateHall(ctx: RequestContext, id: string, patch: UpdateHall): Promise<Hall> {
    const hall = await this.visibleHall(ctx, id, 'funeral.halls');
    await this.hallWrite(patch.name ?? hall.name, async (tx) => {
      await repo.updateHall(tx, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      });
      await audit(tx, ctx, { action: 'funeral_hall.update', outcome: 'ok', targetType: 'funeral_hall', targetId: id, nodePath: hall.orgPath, detail: { ...patch } });
      return id;
    });
    return this.hall(id);
  }

  /** A write of a hall in a transaction, where a name taken at the site is a 409. */
  private async hallWrite(name: string, write: (tx: Executor) => Promise<string>): Promise<string> {
    try {
      return await this.db.transaction(write);
    } catch (err) {
      if (isUniqueViolation(err, 'funeral_halls_site_name_uq')) throw conflict(EVENTS_TEXTS.hall_name_taken(name));
      throw err;
    }
  }

  // Events

  private toEvent(r: repo.EventRow, now: Date): MourningEvent {
    const e = r.event;
    const id = e.deceasedIdEnc ? this.deps.keyring.open(e.deceasedIdEnc) : null;
    const phone = this.deps.keyring.open(e.familyPhoneEnc);
    return {
      id: e.id, siteId: e.siteId, siteName: r.siteName, hallId: e.hallId, hallName: r.hallName,
      deceasedName: e.deceasedName, deceasedIdNumber: id ? maskIdNumber(id) : null, dateOfDeath: e.dateOfDeath, cause: e.cause as DeathCause,
      familyContactName: e.familyContactName, familyPhone: maskPhone(phone),
      startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), attendeeCap: e.attendeeCap,
      state: eventState(e, now), endedAt: e.endedAt?.toISOString() ?? null, cancelledAt: e.cancelledAt?.toISOString() ?? null,
      attendees: r.attendees, refused: r.refused,
      finalDisinfectedAt: r.finalAt ? r.finalAt.toISOString() : null,
      note: e.note,
    };
  }

  /** The events of `ids` within `scope`, as answers (the register's tracing names them). */
  async eventsByIds(scope: SQL, ids: string[]): Promise<MourningEvent[]> {
    if (ids.length === 0) return [];
    const now = this.clock.now();
    return (await repo.listEvents(this.db, scope, { ids }, now, { limit: ids.length, offset: 0 })).map((r) => this.toEvent(r, now));
  }

  private async eventById(id: string): Promise<MourningEvent> {
    const now = this.clock.now();
    // Re-read of an event the caller was just authorised for.
    const [row] = await repo.listEvents(this.db, UNSCOPED, { ids: [id] }, now, { limit: 1, offset: 0 });
    if (!row) throw notFound();
    return this.toEvent(row, now);
  }

  /** An event the caller sees (else 404), refused without `permission` where it lies. */
  private async visibleEvent(ctx: RequestContext, id: string, permission: Permission): Promise<repo.EventRecord> {
    const caller = callerOf(ctx);
    const row = await repo.findEventRow(this.db, inScope(caller, 'funeral.read', mourningEvents.orgPath), id);
    if (!row) throw notFound();
    authorize(caller, permission, row.orgPath);
    return row;
  }

  async listEvents(ctx: RequestContext, q: EventQuery): Promise<{ events: MourningEvent[]; total: number }> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'funeral.read');
    if (q.siteId) await this.site(ctx, q.siteId, 'funeral.read');
    if (q.from && q.to && Date.parse(q.to) <= Date.parse(q.from)) throw invalidField('query.to', EVENTS_TEXTS.to_before_from);
    const now = this.clock.now();
    const scope = inScope(caller, 'funeral.read', mourningEvents.orgPath);
    const f: repo.EventFilter = {
      siteId: q.siteId, hallId: q.hallId, state: q.state,
      from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
    };
    const [rows, total] = await Promise.all([
      repo.listEvents(this.db, scope, f, now, { limit: q.limit, offset: q.offset }), repo.countEvents(this.db, scope, f, now),
    ]);
    return { events: rows.map((r) => this.toEvent(r, now)), total };
  }

  async getEvent(ctx: RequestContext, id: string): Promise<MourningEvent> {
    await this.visibleEvent(ctx, id, 'funeral.read');
    return this.eventById(id);
  }

  /** The refusal of a booking, if any: the plan's (a COVID-19 deceased, by cause or by a case of the same ID), then the limits'. */
  private async refusal(input: CreateMourningEvent, idHash: string | null, at: { limits: ReturnType<typeof mourningLimits>; risk: RiskLevel; capacity: number }) {
    const plan = { cause: input.cause, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), attendeeCap: input.attendeeCap };
    const refusal = idHash && (await repo.covidCaseExists(this.db, idHash))
      ? 'covid_deceased'
      : checkMourningEvent(plan, { now: this.clock.now(), limits: at.limits, hallCapacity: at.capacity });
    if (refusal) throw invalidField(`body.${EVENT_REFUSAL_FIELD[refusal]}`, eventRefusalText(refusal, at.limits, at.risk, at.capacity));
    return plan;
  }

  async createEvent(ctx: RequestContext, input: CreateMourningEvent): Promise<MourningEvent> {
    const site = await this.site(ctx, input.siteId, 'funeral.write');
    const day = this.today();
    const [policy, risk, hall] = await Promise.all([
      this.funeralPolicy(day), this.org.riskLevelAt(site.path, day),
      repo.findHall(this.db, sql`${funeralHalls.siteId} = ${site.id}`, input.hallId),
    ]);
    if (!hall?.active) throw invalidField('body.hallId', EVENTS_TEXTS.hall_not_usable);
    const limits = mourningLimits(policy, risk);
    const keyring = this.deps.keyring;
    const idHash = input.deceasedIdNumber ? keyring.hash(input.deceasedIdNumber) : null;
    const plan = await this.refusal(input, idHash, { limits, risk, capacity: hall.capacity });
    const id = await this.db.transaction(async (tx) => {
      // One booking of a hall at a time: a second booking waits here, then sees the first.
      const locked = await repo.lockHall(tx, hall.id);
      if (!locked?.active) throw invalidField('body.hallId', EVENTS_TEXTS.hall_not_usable);
      const clash = await repo.clashingEvent(tx, hall.id, plan.startsAt, plan.endsAt);
      if (clash) throw conflict(EVENTS_TEXTS.hall_booked(this.local(clash.startsAt), this.local(clash.endsAt)));
      const last = await repo.lastEndedEvent(tx, hall.id, this.clock.now());
      if (last && !last.finalAt) throw conflict(EVENTS_TEXTS.awaiting_final);
      const eventId = await repo.insertEvent(tx, {
        siteId: site.id, orgPath: site.path, hallId: hall.id, deceasedName: input.deceasedName,
        deceasedIdEnc: input.deceasedIdNumber ? keyring.seal(input.deceasedIdNumber) : null,
        deceasedIdLast4: input.deceasedIdNumber ? input.deceasedIdNumber.slice(-4) : null, deceasedIdHash: idHash,
        dateOfDeath: input.dateOfDeath, cause: input.cause, familyContactName: input.familyContactName,
        familyPhoneEnc: keyring.seal(input.familyPhone), familyPhoneLast4: input.familyPhone.slice(-4),
        startsAt: plan.startsAt, endsAt: plan.endsAt, attendeeCap: eventCap(plan, limits, hall.capacity),
        registerToken: newLinkToken(), note: input.note ?? null, createdBy: callerOf(ctx).userId,
      });
      await audit(tx, ctx, {
        action: 'mourning_event.create', outcome: 'ok', targetType: 'mourning_event', targetId: eventId, nodePath: site.path,
        detail: { hallId: hall.id, startsAt: input.startsAt, endsAt: input.endsAt, riskLevel: risk },
      });
      return eventId;
    });
    return this.eventById(id);
  }

  /** Ends an ongoing event now, or cancels an upcoming one; anything else is a 409 saying which may. */
  async closeEvent(ctx: RequestContext, id: string, how: 'end' | 'cancel'): Promise<MourningEvent> {
    const event = await this.visibleEvent(ctx, id, 'funeral.write');
    const ending = how === 'end';
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const done = ending ? await repo.endEvent(tx, id, now) : await repo.cancelEvent(tx, id, now);
      if (!done) throw conflict(ending ? EVENTS_TEXTS.not_ongoing : EVENTS_TEXTS.not_upcoming);
      await audit(tx, ctx, { action: ending ? 'mourning_event.end' : 'mourning_event.cancel', outcome: 'ok', targetType: 'mourning_event', targetId: id, nodePath: event.orgPath });
    });
    return this.eventById(id);
  }

  // Disinfections (R8.2)

  private toDisinfection(r: repo.DisinfectionRow): Disinfection {
    const d = r.disinfection;
    return {
      id: d.id, hallId: d.hallId, hallName: r.hallName, eventId: d.eventId, kind: d.kind as DisinfectionKind, at: d.at.toISOString(),
      agent: d.agent, place: d.place, byName: d.byName, recordedByName: r.recordedByName, note: d.note,
    };
  }

  /** A site's disinfections of the days from `from` to `to` (both today when absent). */
  async listDisinfections(ctx: RequestContext, q: DisinfectionQuery): Promise<Disinfection[]> {
    const site = await this.site(ctx, q.siteId, 'funeral.read');
    const from = q.from ?? q.to ?? this.today();
    const to = q.to ?? from;
    if (to < from) throw invalidField('query.to', EVENTS_TEXTS.to_before_from);
    const scope = inScope(callerOf(ctx), 'funeral.read', hallDisinfections.orgPath);
    const rows = await repo.listDisinfections(this.db, scope, { siteId: site.id, from: this.window(from).start, to: this.window(to).end });
    return rows.map((r) => this.toDisinfection(r));
  }

  /** The event a final disinfection closes: the one named (of this hall, ended, not closed yet), or the hall's last ended one. */
  private async eventToClose(tx: Executor, hallId: string, eventId: string | undefined, now: Date) {
    if (!eventId) {
      const last = await repo.lastEndedEvent(tx, hallId, now);
      if (!last || last.finalAt) throw invalidField('body.eventId', EVENTS_TEXTS.nothing_to_close);
      return last.event;
    }
    const event = await repo.findEventRow(tx, sql`${mourningEvents.hallId} = ${hallId}`, eventId);
    if (!event) throw invalidField('body.eventId', EVENTS_TEXTS.event_not_in_hall);
    if (eventState(event, now) !== 'ended') throw conflict(EVENTS_TEXTS.event_not_ended);
    const final = await repo.finalOf(tx, event.id);
    if (final) throw conflict(EVENTS_TEXTS.final_done(this.local(final.at)));
    return event;
  }

  async recordDisinfection(ctx: RequestContext, input: RecordDisinfection): Promise<Disinfection> {
    const hall = await this.visibleHall(ctx, input.hallId, 'funeral.write');
    const now = this.clock.now();
    const at = input.at ? new Date(input.at) : now;
    // A minute's grace for the clocks of a phone and the server.
    if (at.getTime() > now.getTime() + 60_000) throw invalidField('body.at', EVENTS_TEXTS.at_in_future);
    const caller = callerOf(ctx);
    let id: string;
    try {
      id = await this.db.transaction(async (tx) => {
        let eventId: string | null = null;
        if (input.kind === 'final') {
          const event = await this.eventToClose(tx, hall.id, input.eventId, now);
          if (at.getTime() < (event.endedAt ?? event.endsAt).getTime()) throw invalidField('body.at', EVENTS_TEXTS.final_before_end);
          eventId = event.id;
        } else if (input.eventId) {
          if (!(await repo.findEventRow(tx, sql`${mourningEvents.hallId} = ${hall.id}`, input.eventId))) throw invalidField('body.eventId', EVENTS_TEXTS.event_not_in_hall);
          eventId = input.eventId;
        }
        const row = await repo.insertDisinfection(tx, {
          hallId: hall.id, siteId: hall.siteId, orgPath: hall.orgPath, eventId, kind: input.kind, at, agent: input.agent, place: input.place,
          byName: input.byName || caller.displayName, note: input.note ?? null, recordedBy: caller.userId,
        });
        await audit(tx, ctx, {
          action: 'hall_disinfection.record', outcome: 'ok', targetType: 'hall_disinfection', targetId: row, nodePath: hall.orgPath,
          detail: { hallId: hall.id, kind: input.kind, eventId, at: at.toISOString() },
        });
        return row;
      });
    } catch (err) {
      // Two finals of one event at once: the second meets the first's row.
      if (isUniqueViolation(err, 'hall_disinfections_final_uq')) throw conflict(EVENTS_TEXTS.final_done(this.local(now)));
      throw err;
    }
    // Re-read of the row just written by the caller.
    const [row] = await repo.listDisinfections(this.db, UNSCOPED, { ids: [id] });
    if (!row) throw notFound();
    return this.toDisinfection(row);
  }

  // The day

  /** A funeral site's day (the site's page without its COVID-19 cases, which the cases part adds). */
  async siteDay(ctx: RequestContext, siteId: string): Promise<Omit<FuneralToday, 'openCases'>> {
    const site = await this.site(ctx, siteId, 'funeral.read');
    const day = this.today();
    const w = this.window(day);
    const [policy, risk, rows, halls] = await Promise.all([
      this.funeralPolicy(day), this.org.riskLevelAt(site.path, day),
      // The site was checked in the caller's scope above.
      repo.listEvents(this.db, UNSCOPED, { siteId: site.id, from: w.start, to: w.end, held: true }, w.now, { limit: 500, offset: 0 }),
      this.halls({ siteIds: [site.id] }, day),
    ]);
    return {
      siteId: site.id, siteName: site.name, day, riskLevel: risk, limits: mourningLimits(policy, risk),
      events: rows.map((r) => this.toEvent(r, w.now)), halls,
    };
  }

  /**
   * The figures of a day for each of these sites (scoped by the caller): the day's events and
   * their mourners, halls in use, halls short of disinfections, halls awaiting a final one.
   */
  async sitesDay(sites: readonly { id: string }[], day: string): Promise<Map<string, SiteDayFigures>> {
    const ids = sites.map((s) => s.id);
    const out = new Map<string, SiteDayFigures>(ids.map((id) => [id, { events: 0, attendees: 0, hallsInUse: 0, missedDisinfections: 0, awaitingFinal: 0 }]));
    if (ids.length === 0) return out;
    const [counts, halls] = await Promise.all([repo.eventCountsBySite(this.db, ids, this.window(day)), this.halls({ siteIds: ids }, day)]);
    for (const c of counts) {
      const f = out.get(c.siteId);
      if (f) Object.assign(f, { events: c.events, attendees: c.attendees });
    }
    for (const h of halls) {
      const f = out.get(h.siteId);
      if (!f) continue;
      if (h.inUseToday) f.hallsInUse++;
      if (h.disinfectionState === 'missed') f.missedDisinfections++;
      if (h.awaitingFinalFor) f.awaitingFinal++;
    }
    return out;
  }

  /**
   * Tells each funeral site's manager of a hall in use today whose disinfections fell short by the
   * policy's hour (R8.2): once per hall and day, by the dedupe key. Run by the job every 15 minutes.
   */
  async flagMissedDisinfections(): Promise<number> {
    const day = this.today();
    // A system job over the whole city.
    const sites = await scopedSites(this.db, UNSCOPED, { siteType: 'funeral' });
    if (sites.length === 0) return 0;
    const byId = new Map(sites.map((s) => [s.id, s]));
    const policy = await this.funeralPolicy(day);
    const events: RaisedEvent[] = [];
    for (const h of await this.halls({ siteIds: [...byId.keys()] }, day)) {
      const s = byId.get(h.siteId);
      if (!s || h.disinfectionState !== 'missed') continue;
      events.push({
        event: 'hall_disinfection_missed', orgPath: s.path, dedupeKey: `hall_disinfection_missed:${h.id}:${day}`,
        message: messageFor({
          event: 'hall_disinfection_missed', siteId: s.id, siteName: s.name, hallName: h.name,
          done: h.disinfectionsToday, required: policy.minDisinfectionsPerDay, byHour: policy.disinfectionCheckHour,
        }),
      });
    }
    if (events.length === 0) return 0;
    const { inApp, queued } = await this.db.transaction((tx) => raise(tx, events));
    return inApp + queued;
  }
}
