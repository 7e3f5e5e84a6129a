import { ROLES, type Role } from '@fangkong/domain';

/*
 * An audit entry's detail in words: the keys the account and sign-in entries use (roles added and
 * removed, the fields changed, the reason) and their values named, the rest as recorded.
 */

/** How the page names what a detail holds; the page passes its translations. */
export interface DetailWords {
  key: (key: string) => string | undefined;
  role: (role: Role) => string;
  /** A node's name, when the reader can see it. */
  node: (id: string) => string | undefined;
  /** A code value (a reason, a field's name), when known. */
  code: (value: string) => string | undefined;
}

export interface DetailLine {
  key: string;
  label: string;
  value: string;
}

const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** A role binding as recorded ({role, nodeId} and maybe a name) in words: "场所工作人员 · 城关敬老院". */
function grantText(v: Record<string, unknown>, words: DetailWords): string | undefined {
  if (!isRole(v.role)) return undefined;
  const id = typeof v.nodeId === 'string' ? v.nodeId : undefined;
  const name = typeof v.nodeName === 'string' ? v.nodeName : id ? words.node(id) ?? id : '';
  return [words.role(v.role), name].filter(Boolean).join(' · ');
}

export function detailValue(v: unknown, words: DetailWords): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map((x) => detailValue(x, words)).join(', ');
  if (typeof v === 'string') return words.code(v) ?? v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const record = v as Record<string, unknown>;
    return grantText(record, words) ?? Object.entries(record).map(([k, x]) => `${words.key(k) ?? k}: ${detailValue(x, words)}`).join('; ');
  }
  return '—';
}

/** The detail's entries, each labelled and in words. */
export function detailLines(detail: Record<string, unknown>, words: DetailWords): DetailLine[] {
  return Object.entries(detail).map(([key, v]) => ({ key, label: words.key(key) ?? key, value: detailValue(v, words) }));
}
