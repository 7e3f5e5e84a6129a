import { z } from 'zod';
import { Text, yearInRange } from './input.js';
import { definePermissions } from './access.js';
import { defineTexts } from './texts.js';
import { mapColumns } from './columns.js';

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

/** Where an area's dates stand against a day: in force, not yet, or over. */
export const RISK_AREA_STATUSES = ['current', 'upcoming', 'ended'] as const;
export const RiskAreaStatus = z.enum(RISK_AREA_STATUSES);
export type RiskAreaStatus = z.infer<typeof RiskAreaStatus>;

export const RiskArea = z.object({
  id: Uuid,
  nodeId: Uuid.nullable(),
  regionName: z.string(),
  level: RiskLevel,
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable(),
  note: z.string().nullable(),
  /** Against the clock's today when answered. */
  status: RiskAreaStatus,
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

/** Where an entry stands on the day: the last day of an entry that ends is still in force. */
export function riskAreaStatus(entry: { effectiveFrom: string; effectiveTo: string | null }, day: string): RiskAreaStatus {
  if (day < entry.effectiveFrom) return 'upcoming';
  return coversDay(entry, day) ? 'current' : 'ended';
}

/**
 * A change to an area: ending it is setting its last day (null opens it again); the level and the
 * note may be corrected. Whether the end falls before the start needs the stored start: the service checks.
 */
export const UpdateRiskArea = z.strictObject({
  effectiveTo: IsoDate.nullable().optional(),
  level: RiskLevel.optional(),
  note: Text(500, { multiline: true }).nullable().optional(),
});
export type UpdateRiskArea = z.infer<typeof UpdateRiskArea>;

/*
 * Risk-area spreadsheets: the Chinese and English headers of each column, and the words for the
 * levels. Matching ignores case, spaces and "*", as the roster's does.
 */
export const RISK_IMPORT_FIELDS = ['regionName', 'level', 'effectiveFrom', 'effectiveTo', 'note'] as const;
export type RiskImportField = (typeof RISK_IMPORT_FIELDS)[number];

export const RISK_IMPORT_HEADERS: Readonly<Record<RiskImportField, readonly string[]>> = {
  regionName: ['地区', '地区名称', '区域', 'region', 'area'],
  level: ['风险等级', '等级', '风险级别', 'level', 'risk level'],
  effectiveFrom: ['起始日期', '开始日期', '生效日期', 'from', 'start date', 'effective from'],
  effectiveTo: ['结束日期', '截止日期', 'to', 'end date', 'effective to'],
  note: ['备注', 'note', 'notes', 'remarks'],
};

/** The template's header row (the first header of each column). */
export const RISK_IMPORT_TEMPLATE_HEADERS: readonly string[] = RISK_IMPORT_FIELDS.map((f) => RISK_IMPORT_HEADERS[f][0] ?? f);

export const RISK_LEVEL_WORDS: Readonly<Record<string, RiskLevel>> = {
  高: 'high', 高风险: 'high', 高风险地区: 'high', high: 'high',
  中: 'medium', 中风险: 'medium', 中风险地区: 'medium', medium: 'medium', mid: 'medium',
  低: 'low', 低风险: 'low', 低风险地区: 'low', low: 'low',
};

/** A level as a sheet writes it, or undefined. */
export function readRiskLevel(raw: string): RiskLevel | undefined {
  return RISK_LEVEL_WORDS[raw.trim().toLowerCase().replace(/\s+/g, '')];
}

/** Which column each header names (null when none); a field is taken by its first column only. */
export function mapRiskHeaders(headers: readonly string[]): (RiskImportField | null)[] {
  return mapColumns(RISK_IMPORT_FIELDS, RISK_IMPORT_HEADERS, headers);
}

/** One row of a risk-area sheet as the preview shows it, with what committing it would do. */
export const RiskImportRow = z.object({
  /** The sheet's row number (the header is row 1). */
  row: z.number().int(),
  values: z.record(z.string(), z.string().nullable()),
  /** The node of ours the region names, when it names one; null for an area elsewhere. */
  nodeId: Uuid.nullable(),
  nodeName: z.string().nullable(),
  /** create: a new area; existing: the same region and level is in force already and is not repeated; skip: a problem. */
  action: z.enum(['create', 'existing', 'skip']),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type RiskImportRow = z.infer<typeof RiskImportRow>;

export const RiskImportPreview = z.object({
  columns: z.array(z.object({ header: z.string(), field: z.enum(RISK_IMPORT_FIELDS).nullable() })),
  rows: z.array(RiskImportRow),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  existing: z.number().int(),
});
export type RiskImportPreview = z.infer<typeof RiskImportPreview>;

export const RiskImportResult = z.object({ imported: z.number().int(), existing: z.number().int(), skipped: z.number().int() });
export type RiskImportResult = z.infer<typeof RiskImportResult>;

/** The answer for one node: the node, its visible ancestors, its children and its area risk today. */
export const OrgNodeDetail = z.object({
  node: OrgNode,
  ancestors: z.array(z.object({ id: Uuid, name: z.string(), kind: NodeKind })),
  children: z.array(OrgNode),
  riskLevel: RiskLevel,
  /** The areas in force today at the node or above it, highest level first: where its level comes from. */
  riskAreas: z.array(RiskArea),
});
export type OrgNodeDetail = z.infer<typeof OrgNodeDetail>;

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const ORG_FIELD_TEXTS = defineTexts({
  'org.code_chars': { 'zh-CN': '只能包含字母、数字、- 和 _', en: 'letters, digits, - and _ only' },
  'org.site_type': { 'zh-CN': '机构必须选择类型，其他节点不能填写类型', en: 'siteType is required for a site and not allowed otherwise' },
  'risk.ends_before_start': { 'zh-CN': '不能早于生效日期', en: 'must not be before effectiveFrom' },
  'risk.region_required': { 'zh-CN': '请填写地区', en: 'the region is required' },
  'risk.level_unknown': { 'zh-CN': '风险等级应为 高、中 或 低', en: 'the level must be high, medium or low' },
  'risk.from_required': { 'zh-CN': '请填写起始日期', en: 'the start date is required' },
  'risk.region_ambiguous': { 'zh-CN': '辖区内有多个同名地点，请改用唯一的名称', en: 'several places of ours have this name; use a unique one' },
  'risk.elsewhere_bureau_only': { 'zh-CN': '辖区外的地区只能由市级录入', en: 'areas outside our tree are entered at the bureau' },
  'risk.duplicate_in_file': { 'zh-CN': '与文件中前面的行重复', en: 'repeats an earlier row of the file' },
});
