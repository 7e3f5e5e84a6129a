import { randomUUID } from 'node:crypto';
import { isNull, or, sql } from 'drizzle-orm';
import {
  canAttach, maxRisk, scopePaths,
  type CreateOrgNode, type CreateRiskArea, type NodeKind, type OrgNode, type OrgNodeDetail, type RiskArea, type RiskLevel, type SiteType,
  type UpdateOrgNode } from '@fangkong/domain';
import type { Db } from '../db/engine.js';
import { orgNodes, riskAreas } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { conflict, invalidField, notFound } from '../core/errors.js';
import { authorize, inScope, requireSomewhere } from '../auth/scope.js';
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

function toRiskArea(r: repo.RiskAreaRow): RiskArea {
  return {
    id: r.id,
    nodeId: r.nodeId,
    regionName: r.regionName,
    level: r.level as RiskLevel,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    note: r.note };
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
    const [ancestors, children, levels] = await Promise.all([
      repo.nodesByIds(this.db, this.visible(caller), ancestorIds),
      repo.childrenOf(this.db, this.visible(caller), row.id),
      repo.riskLevelsOver(this.db, row.path, this.clock.today()),
    ]);
    return {
      node: toOrgNode(row),
      ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind as NodeKind })),
      children: children.map(toOrgNode),
      riskLevel: maxRisk(levels as RiskLevel[]) };
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

  async listRiskAreas(ctx: RequestContext, day: string | undefined): Promise<RiskArea[]> {
    const caller = callerOf(ctx);
    const own = scopePaths(caller.grants, 'org.read');
    // Areas above the caller's own nodes matter to them (a city-wide level) without widening their scope.
    const above = own.map((p) => sql`${p} like ${riskAreas.nodePath} || '%'`);
    const visible = or(isNull(riskAreas.nodePath), inScope(caller, 'org.read', riskAreas.nodePath), ...above) ?? sql`false`;
    return (await repo.listRiskAreas(this.db, visible, day)).map(toRiskArea);
  }

  async createRiskArea(ctx: RequestContext, input: CreateRiskArea): Promise<RiskArea> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'risk.manage');
    let nodePath: string | null = null;
    if (input.nodeId) {
      const node = await this.getVisible(ctx, input.nodeId);
      authorize(caller, 'risk.manage', node.path);
      nodePath = node.path;
    }
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
      return toRiskArea(row);
    });
  }
}
