import { randomUUID } from 'node:crypto';
import { isNull, or, sql } from 'drizzle-orm';
import {
  canAttach, maxRisk, riskAreaStatus, scopePaths,
  type CreateOrgNode, type CreateRiskArea, type NodeKind, type OrgNode, type OrgNodeDetail, type RiskArea, type RiskLevel, type SiteType,
  type UpdateOrgNode, type UpdateRiskArea } from '@fangkong/domain';
import type { Db } from '../db/engine.js';
import { orgNodes, riskAreas } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, invalidField, notFound } from '../core/errors.js';
import { atRoot, authorize, inScope, requireSomewhere } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit } from '../audit/service.js';
import * as repo from './repository.js';
import type { BaseDeps } from '../core/deps.js';
import type { Clock } from '../core/clock.js';
import { ORG_TEXTS } from './texts.js';

export function toOrgNode(r: repo.OrgNodeRow): OrgNode {
  return {
    id: r.id,
    parentId: r.parentId,
    kind: r.kind as NodeKind,
    siteType: r.siteType as SiteType | null,
    name: r.name,
    code: r.code,
    address: r.address,
    capacity: r.capacity,
    path: r.path,
    depth: r.depth };
}

/** An area as answered, with where its dates stand on `today`. */
export function toRiskArea(r: repo.RiskAreaRow, today: string): RiskArea {
  return {
    id: r.id,
    nodeId: r.nodeId,
    regionName: r.regionName,
    level: r.level as RiskLevel,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    note: r.note,
    status: riskAreaStatus(r, today) };
}

export class OrgService {
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(deps: BaseDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
  }

  private visible(caller: Caller) {
    return inScope(caller, 'org.read', orgNodes.path);
  }

  async list(ctx: RequestContext, f: { kind?: NodeKind; siteType?: SiteType; q?: string }): Promise<OrgNode[]> {
    const caller = callerOf(ctx);
    return (await repo.listNodes(this.db, this.visible(caller), f)).map(toOrgNode);
  }

  /**
   * A node the caller may see, or 404. A miss on a node that exists elsewhere is audited as a
   * denied access: it is either a stale link or somebody probing ids.
   */
  async getVisible(ctx: RequestContext, id: string): Promise<repo.OrgNodeRow> {
    const caller = callerOf(ctx);
    const row = await repo.findNode(this.db, this.visible(caller), id);
    if (row) return row;
    if (await repo.nodeExists(this.db, id)) {
      await audit(this.db, ctx, { action: 'org.read', outcome: 'denied', targetType: 'org_node', targetId: id });
    }
    throw notFound();
  }

  async detail(ctx: RequestContext, id: string): Promise<OrgNodeDetail> {
    const caller = callerOf(ctx);
    const row = await this.getVisible(ctx, id);
    const ancestorIds = row.path.split('/').filter((s) => s && s !== row.id);
    const today = this.clock.today();
    const [ancestors, children, areas] = await Promise.all([
      repo.nodesByIds(this.db, this.visible(caller), ancestorIds),
      repo.childrenOf(this.db, this.visible(caller), row.id),
      repo.riskAreasOver(this.db, row.path, today),
    ]);
    return {
      node: toOrgNode(row),
      ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind as NodeKind })),
      children: children.map(toOrgNode),
      riskLevel: maxRisk(areas.map((a) => a.level as RiskLevel)),
      riskAreas: areas.map((a) => toRiskArea(a, today)) };
  }

  /**
   * The risk level of the riskiest area in force on `day` that a node (a site) lies in: what the
   * rules of gatherings and protective equipment read (R9.1, R9.4). The path was authorised by
   * the caller's read of the node.
   */
  async riskLevelAt(path: string, day: string): Promise<RiskLevel> {
    return maxRisk((await repo.riskAreasOver(this.db, path, day)).map((a) => a.level as RiskLevel));
  }

  async create(ctx: RequestContext, input: CreateOrgNode): Promise<OrgNode> {
    const caller = callerOf(ctx);
    const parent = await this.getVisible(ctx, input.parentId);
    authorize(caller, 'org.manage', parent.path);
    if (!canAttach({ kind: parent.kind as NodeKind, siteType: parent.siteType as SiteType | null }, { kind: input.kind })) {
      throw invalidField('body.kind', ORG_TEXTS.kind_not_under(input.kind, parent.kind, parent.siteType));
    }
    return this.db.transaction(async (tx) => {
      if (await repo.siblingNameTaken(tx, parent.id, input.name)) {
        throw conflict(ORG_TEXTS.name_taken(input.name));
      }
      const id = randomUUID();
      const row = await repo.insertNode(tx, {
        id,
        parentId: parent.id,
        kind: input.kind,
        siteType: input.siteType ?? null,
        name: input.name,
        code: input.code || null,
        address: input.address || null,
        capacity: input.capacity ?? null,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1 });
      await audit(tx, ctx, { action: 'org.create', outcome: 'ok', targetType: 'org_node', targetId: id, nodePath: row.path, detail: { kind: row.kind, name: row.name } });
      return toOrgNode(row);
    });
  }

  async update(ctx: RequestContext, id: string, patch: UpdateOrgNode): Promise<OrgNode> {
    const caller = callerOf(ctx);
    const node = await this.getVisible(ctx, id);
    authorize(caller, 'org.manage', node.path);
    return this.db.transaction(async (tx) => {
      if (patch.name && node.parentId && (await repo.siblingNameTaken(tx, node.parentId, patch.name, node.id))) {
        throw conflict(ORG_TEXTS.name_taken(patch.name));
      }
      const row = await repo.updateNode(tx, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.code !== undefined ? { code: patch.code || null } : {}),
        ...(patch.address !== undefined ? { address: patch.address || null } : {}),
        ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}) });
      await audit(tx, ctx, { action: 'org.update', outcome: 'ok', targetType: 'org_node', targetId: id, nodePath: row.path, detail: { fields: Object.keys(patch) } });
      return toOrgNode(row);
    });
  }

  /** The areas a caller may see: elsewhere (no node), inside the scope, or above the caller's own nodes. */
  riskAreasVisible(caller: Caller) {
    const own = scopePaths(caller.grants, 'org.read');
    // Areas above the caller's own nodes matter to them (a city-wide level) without widening their scope.
    const above = own.map((p) => sql`${p} like ${riskAreas.nodePath} || '%'`);
    return or(isNull(riskAreas.nodePath), inScope(caller, 'org.read', riskAreas.nodePath), ...above) ?? sql`false`;
  }

  /**
   * Refuses a change to an area at `nodePath` unless the caller manages risk there; an area
   * elsewhere in the country (no node) is the bureau root's.
   */
  mayManageRisk(caller: Caller, nodePath: string | null): void {
    if (nodePath !== null) authorize(caller, 'risk.manage', nodePath);
    else if (!atRoot(caller, 'risk.manage')) throw new AppError('forbidden');
  }

  async listRiskAreas(ctx: RequestContext, f: repo.RiskAreaFilter): Promise<RiskArea[]> {
    const caller = callerOf(ctx);
    const today = this.clock.today();
    return (await repo.listRiskAreas(this.db, this.riskAreasVisible(caller), f, today)).map((r) => toRiskArea(r, today));
  }

  async createRiskArea(ctx: RequestContext, input: CreateRiskArea): Promise<RiskArea> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'risk.manage');
    let nodePath: string | null = null;
    if (input.nodeId) {
      const node = await this.getVisible(ctx, input.nodeId);
      nodePath = node.path;
    }
    this.mayManageRisk(caller, nodePath);
    return this.db.transaction(async (tx) => {
      const row = await repo.insertRiskArea(tx, {
        nodeId: input.nodeId ?? null,
        nodePath,
        regionName: input.regionName,
        level: input.level,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo ?? null,
        note: input.note ?? null,
        createdBy: caller.userId });
      await audit(tx, ctx, { action: 'risk.create', outcome: 'ok', targetType: 'risk_area', targetId: row.id, nodePath, detail: { level: row.level, regionName: row.regionName } });
      return toRiskArea(row, this.clock.today());
    });
  }

  /** Ends an area (its last day), or corrects its level or note; audited with what each field was and became. */
  async updateRiskArea(ctx: RequestContext, id: string, patch: UpdateRiskArea): Promise<RiskArea> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'risk.manage');
    const area = await repo.findRiskArea(this.db, this.riskAreasVisible(caller), id);
    if (!area) throw notFound();
    this.mayManageRisk(caller, area.nodePath);
    if (patch.effectiveTo && patch.effectiveTo < area.effectiveFrom) {
      throw invalidField('body.effectiveTo', ORG_TEXTS.ends_before_start(area.effectiveFrom));
    }
    const fields = (['effectiveTo', 'level', 'note'] as const).filter((k) => patch[k] !== undefined && patch[k] !== area[k]);
    const change = Object.fromEntries(fields.map((k) => [k, patch[k] ?? null]));
    return this.db.transaction(async (tx) => {
      const row = await repo.updateRiskArea(tx, id, change);
      if (fields.length > 0) {
        await audit(tx, ctx, {
          action: 'risk.update', outcome: 'ok', targetType: 'risk_area', targetId: id, nodePath: area.nodePath,
          detail: { fields, from: Object.fromEntries(fields.map((k) => [k, area[k]])), to: change },
        });
      }
      return toRiskArea(row, this.clock.today());
    });
  }
}
