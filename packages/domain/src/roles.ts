import { z } from 'zod';

/** Roles of requirements §0. A user holds one or more, each bound to a node of the tree. */
export const ROLES = [
  'bureau_admin',
  'bureau_officer',
  'town_officer',
  'site_manager',
  'site_staff',
  'grid_worker',
  'volunteer',
  'inspector',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'risk.manage',
  'policy.read',
  'policy.edit',
  'audit.read',
  'users.manage',
  'people.read',
  'people.write',
  'people.reveal',
  /** See readings, rounds, alerts, rooms and coverage. */
  'health.read',
  /** Record readings. */
  'health.write',
  /** Record the steps of an alert, place people in rooms and end placements. */
  'isolation.act',
  /** Close an alert before its steps are done; set up observation and isolation rooms. */
  'isolation.manage',
  /** See the visit log, the gate and the visitor link. */
  'visits.read',
  /** Register, screen and check out visitors at the gate. */
  'visits.screen',
  /** Rotate a site's visitor link (old posters stop working). */
  'visits.manage',
  /** See test records, due lists, sessions and compliance. */
  'testing.read',
  /** Record samples and results, enter a session's results, import a lab's file. */
  'testing.write',
  /** Organise sampling sessions at collection points (R4.3). */
  'testing.organize',
  /** Let a new resident join without the intake's negative test, with a reason (audited). */
  'intake.override',
  /** See stock, cover, the ledger and the replenishment orders. */
  'supplies.read',
  /** Receive, issue, adjust, count stock at a site; enter its peak consumption; move stock between sites of a town. */
  'supplies.write',
  /** Edit the catalogue of supplies (the bureau). */
  'supplies.catalogue',
  /** See incidents, their timelines and escalation steps. */
  'incidents.read',
  /** Open incidents (or promote an alert), record actions and outside notifications, close them. */
  'incidents.act',
  /** Acknowledge an escalation step addressed to the caller's level (town office, city bureau). */
  'incidents.ack',
  /** Say who is told of what in a jurisdiction (rules per role, level and channel); see and resend dead letters. */
  'notifications.manage',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/**
 * What each role may do within the subtree of the node it is bound to. A typed table rather
 * than checks spread over handlers, so that one glance says who can do what.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  bureau_admin: [...PERMISSIONS],
  bureau_officer: ['org.read', 'risk.manage', 'policy.read', 'people.read', 'health.read', 'visits.read', 'testing.read', 'supplies.read',
    'incidents.read', 'incidents.ack'],
  town_officer: ['org.read', 'org.manage', 'policy.read', 'audit.read', 'people.read', 'people.write', 'health.read', 'visits.read',
    'testing.read', 'testing.write', 'testing.organize', 'supplies.read', 'supplies.write', 'incidents.read', 'incidents.act', 'incidents.ack', 'notifications.manage'],
  site_manager: ['org.read', 'policy.read', 'people.read', 'people.write', 'people.reveal', 'health.read', 'health.write', 'isolation.act', 'isolation.manage', 'visits.read', 'visits.screen', 'visits.manage',
    'testing.read', 'testing.write', 'intake.override', 'supplies.read', 'supplies.write', 'incidents.read', 'incidents.act'],
  site_staff: ['org.read', 'policy.read', 'people.read', 'people.write', 'health.read', 'health.write', 'isolation.act', 'visits.read', 'visits.screen',
    'testing.read', 'testing.write', 'supplies.read', 'supplies.write', 'incidents.read', 'incidents.act'],
  grid_worker: ['org.read', 'policy.read', 'people.read', 'people.write', 'health.read', 'testing.read', 'incidents.read', 'incidents.act'],
  volunteer: ['org.read'],
  inspector: ['org.read', 'policy.read', 'people.read', 'health.read', 'visits.read', 'testing.read', 'supplies.read', 'incidents.read'],
};

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
