import { z } from 'zod';
import { IsoDate, NodeKind, OrgNode, RiskArea, RiskAreaStatus, RiskImportPreview, RiskImportResult, RiskLevel, SiteType } from './org.js';
import { QueryFlag } from './contracts.js';

export const OrgNodeListQuery = z.strictObject({ kind: NodeKind.optional(), siteType: SiteType.optional(), q: z.string().trim().max(100).optional() });
export type OrgNodeListQuery = z.input<typeof OrgNodeListQuery>;
export const OrgNodeList = z.object({ nodes: z.array(OrgNode) });
export type OrgNodeList = z.infer<typeof OrgNodeList>;
export const OrgNodeAnswer = z.object({ node: OrgNode });
export type OrgNodeAnswer = z.infer<typeof OrgNodeAnswer>;

export const RiskAreaList = z.object({ areas: z.array(RiskArea) });
export type RiskAreaList = z.infer<typeof RiskAreaList>;
export const RiskAreaAnswer = z.object({ area: RiskArea });
export type RiskAreaAnswer = z.infer<typeof RiskAreaAnswer>;

/** The list's filters: the day (areas in force then), or where the areas stand today and their level. */
export const RiskAreaListQuery = z.strictObject({ on: IsoDate.optional(), status: RiskAreaStatus.optional(), level: RiskLevel.optional() });
export type RiskAreaListQuery = z.input<typeof RiskAreaListQuery>;

/** A sheet of risk areas sent as its own bytes: checked (preview), or written (commit, all or only the good rows). */
export const RiskImportQuery = z.strictObject({
  mode: z.enum(['preview', 'commit']),
  onlyValid: QueryFlag.default('false'),
  filename: z.string().max(255).default('risk-areas.xlsx'),
});
export type RiskImportQuery = z.input<typeof RiskImportQuery>;
export const RiskImportAnswer = z.union([RiskImportPreview, RiskImportResult]);
export type RiskImportAnswer = z.infer<typeof RiskImportAnswer>;
