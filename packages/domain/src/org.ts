import { z } from 'zod';
import { Text, yearInRange } from './input.js';
import { definePermissions } from './access.js';
import { defineTexts } from './texts.js';

/** Site types of the five work plans (requirements §0). */
export const SITE_TYPES = ['elderly_care', 'child_welfare', 'funeral', 'rescue_station', 'community'] as const;
export const SiteType = z.enum(SITE_TYPES);
export type SiteType = z.infer<typeof SiteType>;

export const ORG_PERMISSIONS = definePermissions({
  'org.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'grid_worker', 'volunteer', 'inspector'],
  'org.manage': ['town_officer'],
  'risk.manage': ['bureau_officer'],
});

/**
 * Node kinds of the jurisdiction tree: bureau → town → site, and below a community site its grid:
 * compound (小区/自然村) → building (楼栋/村民小组).
 */
export const NODE_KINDS = ['bureau', 'town', 'site', 'compound', 'building'] as const;
export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;

/** Which kinds may sit directly under which; the root is always a bureau. */
export const ALLOWED_CHILDREN: Readonly<Record<NodeKind, readonly NodeKind[]>> = {
  bureau: ['town'],
  town: ['site'],
  site: ['compound'],
  compound: ['building'],
  building: [],
};

/** Whether a node of `child` kind may be created under `parent`; grids exist only under communities. */
export function canAttach(
  parent: { kind: NodeKind; siteType: SiteType | null },
  child: { kind: NodeKind },
): boolean {
  if (!ALLOWED_CHILDREN[parent.kind].includes(child.kind)) return false;
  if (parent.kind === 'site') return parent.siteType === 'community';
  return true;
}

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevel>;

const RISK_ORDER: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** Highest of several levels (a site is as risky as the riskiest area it lies in). */
export function maxRisk(levels: readonly RiskLevel[]): RiskLevel {
  let best: RiskLevel = 'low';
  for (const l of levels) if (RISK_ORDER[l] > RISK_ORDER[best]) best = l;
  return best;
}

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format').refine(
  (s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  },
  { message: 'date.calendar' },
  // The year 0 is a calendar date to JavaScript but not to PostgreSQL.
).refine((s) => yearInRange(Number(s.slice(0, 4))), { message: 'date.out_of_range' });

export const Uuid = z.uuid();

export const OrgNode = z.object({
  id: Uuid,
  parentId: Uuid.nullable(),
  kind: NodeKind,
  siteType: SiteType.nullable(),
  name: z.string(),
  code: z.string().nullable(),
  address: z.string().nullable(),
  /** Places (beds) of a site. */
  capacity: z.number().int().nullable(),
  path: z.string(),
  depth: z.number().int(),
});
export type OrgNode = z.infer<typeof OrgNode>;

const Name = Text(100).min(1, 'field.required');
const Code = z.string().trim().max(40, 'at most 40 characters').regex(/^[A-Za-z0-9_-]*$/, 'org.code_chars');

export const CreateOrgNode = z.strictObject({
  parentId: Uuid,
  kind: NodeKind,
  siteType: SiteType.optional(),
  name: Name,
  code: Code.optional(),
  address: Text(200).optional(),
  capacity: z.number().int().min(0).max(100_000).optional(),
}).refine((v) => (v.kind === 'site') === (v.siteType !== undefined), {
  message: 'org.site_type',
  path: ['siteType'],
});
export type CreateOrgNode = z.infer<typeof CreateOrgNode>;

export const UpdateOrgNode = z.strictObject({
  name: Name.optional(),
  code: Code.nullable().optional(),
  address: Text(200).nullable().optional(),
  capacity: z.number().int().min(0).max(100_000).nullable().optional(),
});
export type UpdateOrgNode = z.infer<typeof UpdateOrgNode>;

export const RiskArea = z.object({
  id: Uuid,
  nodeId: Uuid.nullable(),
  regionName: z.string(),
  level: RiskLevel,
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable(),
  note: z.string().nullable(),
});
export type RiskArea = z.infer<typeof RiskArea>;

export const CreateRiskArea = z.strictObject({
  nodeId: Uuid.nullable().optional(),
  regionName: Name,
  level: RiskLevel,
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable().optional(),
  note: Text(500, { multiline: true }).optional(),
}).refine((v) => v.effectiveTo == null || v.effectiveTo >= v.effectiveFrom, {
  message: 'risk.ends_before_start',
  path: ['effectiveTo'],
});
export type CreateRiskArea = z.infer<typeof CreateRiskArea>;

/** Whether an entry [from, to] (to open-ended when null) covers the day. */
export function coversDay(entry: { effectiveFrom: string; effectiveTo: string | null }, day: string): boolean {
  return entry.effectiveFrom <= day && (entry.effectiveTo === null || day <= entry.effectiveTo);
}

/** The answer for one node: the node, its visible ancestors, its children and its area risk today. */
export const OrgNodeDetail = z.object({
  node: OrgNode,
  ancestors: z.array(z.object({ id: Uuid, name: z.string(), kind: NodeKind })),
  children: z.array(OrgNode),
  riskLevel: RiskLevel,
});
export type OrgNodeDetail = z.infer<typeof OrgNodeDetail>;

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const ORG_FIELD_TEXTS = defineTexts({
  'org.code_chars': { 'zh-CN': '只能包含字母、数字、- 和 _', en: 'letters, digits, - and _ only' },
  'org.site_type': { 'zh-CN': '机构必须选择类型，其他节点不能填写类型', en: 'siteType is required for a site and not allowed otherwise' },
  'risk.ends_before_start': { 'zh-CN': '不能早于生效日期', en: 'must not be before effectiveFrom' },
});
