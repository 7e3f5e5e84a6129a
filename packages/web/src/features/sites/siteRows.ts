import type { OrgNode, SiteType } from '@fangkong/domain';

export interface SiteRow {
  id: string;
  name: string;
  siteType: SiteType | null;
  town: string | null;
  code: string | null;
  address: string | null;
}

/** The sites of a flat node list, each with the name of its parent (the town). */
export function siteRows(nodes: readonly OrgNode[]): SiteRow[] {
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  return nodes.filter((n) => n.kind === 'site').map((n) => ({
    id: n.id,
    name: n.name,
    siteType: n.siteType,
    town: n.parentId === null ? null : names.get(n.parentId) ?? null,
    code: n.code,
    address: n.address,
  }));
}

export function filterSites(rows: readonly SiteRow[], type: SiteType | undefined, query: string): SiteRow[] {
  const q = query.trim().toLocaleLowerCase();
  return rows.filter((r) => (type === undefined || r.siteType === type)
    && (!q || [r.name, r.code, r.address, r.town].some((v) => v?.toLocaleLowerCase().includes(q))));
}
