import { z } from 'zod';

/*
 * The roles, and the shape in which each area declares its permissions. Kept apart from roles.ts,
 * which composes the tables from the areas: an area that names roles (in its permissions or its
 * schemas) would otherwise import the module that imports it.
 */

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

/** The role that holds every permission of every area, so that no area has to name it. */
export const ADMIN_ROLE = 'bureau_admin' satisfies Role;

/**
 * An area's permissions, in the order the permission list shows them, each with the roles besides
 * the administrator that get it (within the subtree of the node a role is bound to).
 */
export type AreaPermissions = Readonly<Record<string, readonly Exclude<Role, typeof ADMIN_ROLE>[]>>;

/** Declares an area's permissions; the literal names become the Permission type. */
export function definePermissions<const T extends AreaPermissions>(permissions: T): T {
  return permissions;
}
