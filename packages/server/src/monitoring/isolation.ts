import {
  freePlacesIn, localDay, placementRefusal, plannedEndOf, releaseRefusal,
  type CreatePlacement, type CreateRoom, type EndPlacement, type Placement, type PlacementOutcome, type PlacementReason,
  type Room, type RoomKind, type SiteType, type UpdateRoom } from '@fangkong/domain';
import { isUniqueViolation } from '../db/errors.js';
import { alerts, people, placements, rooms } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { conflict, invalidField, notFound } from '../core/errors.js';
import { UNSCOPED, authorize, inScope, requireSomewhere } from '../auth/scope.js';
import { audit } from '../audit/service.js';
import { peopleWithSiteType } from '../people/repository.js';
import { PolicyCache } from '../policy/cache.js';
import type { MonitoringService } from './service.js';
import * as repo from './repository.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import { MONITORING_TEXTS } from './texts.js';

function toPlacement(r: Awaited<ReturnType<typeof repo.listPlacements>>[number]): Placement {
  const p = r.placement;
  return {
    id: p.id,
    siteId: p.siteId,
    personId: p.personId,
    personName: r.personName,
    roomId: p.roomId,
    roomName: r.roomName,
    reason: p.reason as PlacementReason,
    startAt: p.startAt.toISOString(),
    plannedEnd: p.plannedEnd,
    endedAt: p.endedAt?.toISOString() ?? null,
    outcome: p.outcome as PlacementOutcome | null,
    negativeTest: r.negativeTestId && r.negativeSampledAt ? { id: r.negativeTestId, sampledAt: r.negativeSampledAt } : null,
    note: p.note };
}

const REFUSALS = {
  inactive: MONITORING_TEXTS.room_inactive,
  full: MONITORING_TEXTS.room_full,
  single_room_taken: MONITORING_TEXTS.single_room_taken,
  needs_single_room: MONITORING_TEXTS.needs_single_room } as const;

export class IsolationService extends AreaService {
  constructor(deps: Deps, private readonly monitoring: MonitoringService) {
    super(deps);
  }

  private async siteFor(ctx: RequestContext, siteId: string) {
    const site = await this.org.getVisible(ctx, siteId);
    if (site.kind !== 'site' || !site.siteType) throw notFound();
    authorize(callerOf(ctx), 'health.read', site.path);
    return site;
  }

  async rooms(ctx: RequestContext, siteId: string): Promise<Room[]> {
    const site = await this.siteFor(ctx, siteId);
    const policy = (await this.policy.inForce(site.siteType as SiteType, this.today())).body;
    const list = await repo.roomsOfSite(this.db, site.id);
    const occupants = await repo.activeOccupants(this.db, list.map((r) => r.id));
    return list.map((r) => {
      const here = occupants.filter((o) => o.placement.roomId === r.id);
      return {
        id: r.id, siteId: r.siteId, name: r.name, kind: r.kind as RoomKind, capacity: r.capacity, singleRoom: r.singleRoom,
        awayFromCrowds: r.awayFromCrowds, ventilated: r.ventilated, ownToilet: r.ownToilet, note: r.note, active: r.active,
        occupants: here.map((o) => ({
          placementId: o.placement.id, personId: o.placement.personId, personName: o.personName,
          reason: o.placement.reason as PlacementReason, startAt: o.placement.startAt.toISOString(), plannedEnd: o.placement.plannedEnd })),
        free: freePlacesIn(r, here.map((o) => o.placement), policy.isolation.singleRoomReasons) };
    });
  }

  async createRoom(ctx: RequestContext, input: CreateRoom): Promise<Room> {
    const site = await this.siteFor(ctx, input.siteId);
    authorize(callerOf(ctx), 'isolation.manage', site.path);
    try {
      const row = await this.db.transaction(async (tx) => {
        const created = await repo.insertRoom(tx, {
          siteId: site.id, orgPath: site.path, name: input.name, kind: input.kind, capacity: input.capacity,
          singleRoom: input.singleRoom ?? false, awayFromCrowds: input.awayFromCrowds ?? false, ventilated: input.ventilated ?? false,
          ownToilet: input.ownToilet ?? false, note: input.note ?? null });
        await audit(tx, ctx, { action: 'room.create', outcome: 'ok', targetType: 'room', targetId: created.id, nodePath: site.path, detail: { name: input.name, kind: input.kind } });
        return created;
      });
      return (await this.rooms(ctx, site.id)).find((r) => r.id === row.id) as Room;
    } catch (err) {
      if (isUniqueViolation(err, 'rooms_site_name_uq')) throw conflict(MONITORING_TEXTS.room_named(input.name));
      throw err;
    }
  }

  async updateRoom(ctx: RequestContext, id: string, patch: UpdateRoom): Promise<Room> {
    const caller = callerOf(ctx);
    const room = await repo.findRoom(this.db, inScope(caller, 'health.read', rooms.orgPath), id);
    if (!room) throw notFound();
    authorize(caller, 'isolation.manage', room.orgPath);
    try {
      await this.db.transaction(async (tx) => {
        await repo.updateRoom(tx, id, patch);
        await audit(tx, ctx, { action: 'room.update', outcome: 'ok', targetType: 'room', targetId: id, nodePath: room.orgPath, detail: { fields: Object.keys(patch) } });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'rooms_site_name_uq')) throw conflict(MONITORING_TEXTS.room_name_taken);
      throw err;
    }
    return (await this.rooms(ctx, room.siteId)).find((r) => r.id === id) as Room;
  }

  async listPlacements(ctx: RequestContext, f: { siteId?: string; personId?: string; active?: boolean }): Promise<Placement[]> {
    const caller = callerOf(ctx);
    // A role that may not read placements is told so, not shown an empty list.
    requireSomewhere(caller, 'health.read');
    return (await repo.listPlacements(this.db, inScope(caller, 'health.read', placements.orgPath), f)).map(toPlacement);
  }

  /**
   * Places a person in a room. The room row is locked for the check and the insert, so that two
   * staff placing people at the same moment cannot overfill it or share a single room (R5.4).
   */
  async place(ctx: RequestContext, input: CreatePlacement): Promise<Placement> {
    const caller = callerOf(ctx);
    const [person] = await peopleWithSiteType(this.db, inScope(caller, 'health.read', people.orgPath), [input.personId]);
    if (!person) throw invalidField('body.personId', MONITORING_TEXTS.person_not_found);
    authorize(caller, 'isolation.act', person.orgPath);
    if (person.status === 'left') throw invalidField('body.personId', MONITORING_TEXTS.person_has_left);
    const startAt = input.startAt ? new Date(input.startAt) : this.clock.now();
    const startDay = localDay(startAt, this.timeZone);
    const policy = (await this.policy.inForce(person.siteType as SiteType, startDay)).body;
    try {
      const id = await this.db.transaction(async (tx) => {
        const room = await repo.findRoom(tx, inScope(caller, 'health.read', rooms.orgPath), input.roomId, true);
        if (!room || room.siteId !== person.siteId) {
          throw invalidField('body.roomId', MONITORING_TEXTS.room_of_own_site);
        }
        if (input.alertId) {
          // The alert ticked here must be the placed person's own: one alert id naming another
          // person would mark that person isolated while they are not (issue 15, item 8).
          const alert = await repo.lockAlert(tx, inScope(caller, 'health.read', alerts.orgPath), input.alertId);
          if (alert?.personId !== person.id) {
            throw invalidField('body.alertId', MONITORING_TEXTS.alert_not_found);
          }
        }
        const occupants = (await repo.activeOccupants(tx, [room.id])).map((o) => o.placement);
        const refusal = placementRefusal(room, occupants, input.reason, policy.isolation.singleRoomReasons);
        if (refusal) throw conflict(REFUSALS[refusal]);
        const newId = await repo.insertPlacement(tx, {
          siteId: person.siteId, orgPath: person.orgPath, personId: person.id, roomId: room.id, reason: input.reason,
          startAt, startDay, plannedEnd: plannedEndOf(startDay, policy.isolation.durationDays),
          note: input.note ?? null, alertId: input.alertId ?? null, createdBy: caller.userId });
        if (input.alertId) await this.monitoring.completeStep(ctx, input.alertId, 'isolate', `→ ${room.name}`, tx);
        await audit(tx, ctx, { action: 'placement.create', outcome: 'ok', targetType: 'placement', targetId: newId, nodePath: person.orgPath, detail: { room: room.name, reason: input.reason } });
        return newId;
      });
      // The placement just made, for a person found in scope above.
      return toPlacement((await repo.listPlacements(this.db, UNSCOPED, { id }))[0] as Awaited<ReturnType<typeof repo.listPlacements>>[number]);
    } catch (err) {
      if (isUniqueViolation(err, 'placements_active_person_uq')) {
        const current = await repo.activePlacementOf(this.db, input.personId);
        throw conflict(MONITORING_TEXTS.already_placed(current?.roomName));
      }
      throw err;
    }
  }

  async end(ctx: RequestContext, id: string, input: EndPlacement): Promise<Placement> {
    const caller = callerOf(ctx);
    const [row] = await repo.listPlacements(this.db, inScope(caller, 'health.read', placements.orgPath), { id });
    if (!row) throw notFound();
    authorize(caller, 'isolation.act', row.placement.orgPath);
    if (row.placement.endedAt) throw conflict(MONITORING_TEXTS.placement_has_already_ended);
    const endedAt = input.endedAt ? new Date(input.endedAt) : this.clock.now();
    if (endedAt < row.placement.startAt) throw invalidField('body.endedAt', MONITORING_TEXTS.ends_before_started);
    const day = localDay(endedAt, this.timeZone);
    // The placed person: the placement itself was found in scope above.
    const [person] = await peopleWithSiteType(this.db, UNSCOPED, [row.placement.personId]);
    const policy = (await this.policy.inForce((person?.siteType ?? 'elderly_care') as SiteType, day)).body;
    // The negative result must be in the records (the testing registry), sampled after the start and by the end.
    const negative = row.negativeSampledAt && Date.parse(row.negativeSampledAt) <= endedAt.getTime() ? row.negativeSampledAt : null;
    const refusal = releaseRefusal(
      { startAt: row.placement.startAt.toISOString(), plannedEnd: row.placement.plannedEnd },
      { outcome: input.outcome, day, negativeSampledAt: negative },
      policy.isolation.earlyReleaseNeedsNegativeTest,
    );
    if (refusal) {
      throw invalidField('body.outcome', MONITORING_TEXTS.early_release(row.placement.plannedEnd));
    }
    await this.db.transaction(async (tx) => {
      const ok = await repo.endPlacementRow(tx, id, {
        endedAt, outcome: input.outcome, negativeTestOn: negative ? localDay(new Date(negative), this.timeZone) : null,
        note: input.note ? `${row.placement.note ? `${row.placement.note}\n` : ''}${input.note}` : row.placement.note });
      if (!ok) throw conflict(MONITORING_TEXTS.placement_has_already_ended);
      await audit(tx, ctx, { action: 'placement.end', outcome: 'ok', targetType: 'placement', targetId: id, nodePath: row.placement.orgPath, detail: { outcome: input.outcome } });
    });
    // The placement found in scope above, as it now stands.
    return toPlacement((await repo.listPlacements(this.db, UNSCOPED, { id }))[0] as Awaited<ReturnType<typeof repo.listPlacements>>[number]);
  }

  /** Free places per site and kind, by the same rule as the room list. */
  async freeBySite(siteIds: string[], siteTypes: Map<string, SiteType>, day: string): Promise<Map<string, Record<RoomKind, number>>> {
    const out = new Map<string, Record<RoomKind, number>>();
    const rows = await repo.roomsWithOccupants(this.db, siteIds);
    const policies = new PolicyCache(this.policy);
    for (const { room, reasons } of rows) {
      const type = siteTypes.get(room.siteId);
      if (!type) continue;
      const policy = await policies.get(type, day);
      const free = freePlacesIn(room, reasons.map((reason) => ({ reason })), policy.isolation.singleRoomReasons);
      const cur = out.get(room.siteId) ?? { observation: 0, isolation: 0 };
      cur[room.kind as RoomKind] += free;
      out.set(room.siteId, cur);
    }
    return out;
  }
}

