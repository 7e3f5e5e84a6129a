import { z } from 'zod';
import { ADMIN_ROLE, ROLES, type Role } from './access.js';
import { USERS_PERMISSIONS } from './users.js';
import { ORG_PERMISSIONS } from './org.js';
import { POLICY_PERMISSIONS } from './policy.js';
import { AUDIT_PERMISSIONS } from './audit.js';
import { PEOPLE_PERMISSIONS } from './people.js';
import { MONITORING_PERMISSIONS } from './monitoring.js';
import { SCREENING_PERMISSIONS } from './screening.js';
import { TESTING_PERMISSIONS } from './testing.js';
import { SUPPLIES_PERMISSIONS } from './supplies.js';
import { INCIDENTS_PERMISSIONS } from './incidents.js';
import { NOTIFICATIONS_PERMISSIONS } from './notifications.js';
import { FUNERAL_PERMISSIONS } from './funeral.js';

export { ROLES, Role } from './access.js';

/**
 * Every area's permissions, in the order the permission list shows them. Each area declares its
 * own next to its rules; a new area adds its declaration here and nowhere else.
 */
const AREAS = [
  ORG_PERMISSIONS,
  POLICY_PERMISSIONS,
  AUDIT_PERMISSIONS,
  USERS_PERMISSIONS,
  PEOPLE_PERMISSIONS,
  MONITORING_PERMISSIONS,
  SCREENING_PERMISSIONS,
  TESTING_PERMISSIONS,
  SUPPLIES_PERMISSIONS,
  INCIDENTS_PERMISSIONS,
  NOTIFICATIONS_PERMISSIONS,
  FUNERAL_PERMISSIONS,
] as const;

// Distributes over the areas: the names of each one's permissions, not only those all share.
type NamesOf<A> = A extends unknown ? keyof A & string : never;
type PermissionName = NamesOf<(typeof AREAS)[number]>;

const GRANTS = AREAS.flatMap((area) => Object.entries(area)) as [PermissionName, readonly Role[]][];

export const PERMISSIONS: readonly PermissionName[] = GRANTS.map(([permission]) => permission);
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/**
 * What each role may do within the subtree of the node it is bound to, in the order of the
 * permission list: the administrator everything, the other roles what the areas give them. A
 * typed table rather than checks spread over handlers, so that one glance says who can do what.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object.fromEntries(ROLES.map((role) => [
  role,
  role === ADMIN_ROLE ? [...PERMISSIONS] : GRANTS.filter(([, roles]) => roles.includes(role)).map(([permission]) => permission),
])) as Record<Role, Permission[]>;

export function roleGrants(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** A role binding: the role and the materialized path of the node it is bound to. */
export interface Grant {
  role: Role;
  nodePath: string;
}

/** Whether a path lies at or below another (paths are '/'-separated and end with '/'). */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** Whether any of the grants allows `permission` on a record at `targetPath`. */
export function allows(grants: readonly Grant[], permission: Permission, targetPath: string): boolean {
  return grants.some((g) => roleGrants(g.role, permission) && isWithin(targetPath, g.nodePath));
}

/** The paths under which `permission` holds; queries filter by these prefixes. */
export function scopePaths(grants: readonly Grant[], permission: Permission): string[] {
  const paths = grants.filter((g) => roleGrants(g.role, permission)).map((g) => g.nodePath);
  // Drop paths already covered by a shorter one, so SQL gets the fewest prefixes.
  return [...new Set(paths)].filter((p, _i, all) => !all.some((q) => q !== p && isWithin(p, q))).sort();
}
