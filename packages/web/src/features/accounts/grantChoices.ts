import { grantableRoles, mayGrant, type Account, type AccountStatus, type Grant, type GrantTarget, type OrgNode, type Role, type RoleBinding } from '@fangkong/domain';

/*
 * What the account form offers: the same rule the server applies (`mayGrant`), run over the
 * caller's own role bindings and the nodes they see, so that the form never offers a role the
 * server would refuse. The server's field errors are still shown for what changed in between.
 */

/** The caller's grants as the rule reads them. */
export function grantsOf(roles: readonly Pick<RoleBinding, 'role' | 'nodePath'>[]): Grant[] {
  return roles.map((r) => ({ role: r.role, nodePath: r.nodePath }));
}

function target(node: Pick<OrgNode, 'path' | 'kind' | 'siteType'>): GrantTarget {
  return { path: node.path, kind: node.kind, siteType: node.siteType };
}

/** The roles the caller may bind at a node, highest first. */
export function rolesAt(grants: readonly Grant[], node: Pick<OrgNode, 'path' | 'kind' | 'siteType'>): Role[] {
  return grantableRoles(grants).filter((role) => mayGrant(grants, role, target(node)) === null);
}

/** The nodes where the caller may bind at least one role (in the list's order), each with those roles. */
export function grantableNodes<N extends Pick<OrgNode, 'path' | 'kind' | 'siteType'>>(grants: readonly Grant[], nodes: readonly N[]): { node: N; roles: Role[] }[] {
  return nodes.map((node) => ({ node, roles: rolesAt(grants, node) })).filter((c) => c.roles.length > 0);
}

/**
 * The nodes that offer a role: with one chosen, only where it may be bound; without, every node
 * where some role may be. A node already chosen stays offered so that the row keeps its label.
 */
export function nodesFor<N extends Pick<OrgNode, 'id' | 'path' | 'kind' | 'siteType'>>(
  grants: readonly Grant[],
  nodes: readonly N[],
  role: Role | undefined,
): N[] {
  return grantableNodes(grants, nodes).filter((c) => role === undefined || c.roles.includes(role)).map((c) => c.node);
}

/**
 * Where an account stands, in the order a manager acts on it: disabled over locked over waiting
 * for its first sign-in; `active` when none. `now` is the server's instant (its lock ends then).
 */
export function accountStatus(account: Pick<Account, 'disabled' | 'lockedUntil' | 'mustChangePassword'>, now: number): AccountStatus {
  if (account.disabled) return 'disabled';
  if (account.lockedUntil !== null && Date.parse(account.lockedUntil) > now) return 'locked';
  if (account.mustChangePassword) return 'first_sign_in';
  return 'active';
}
