import { z } from 'zod';
import { NodeKind, OrgNode, RiskArea, SiteType } from './org.js';

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
