import { z } from 'zod';
import { ROLES, type Role } from './access.js';
import { Username } from './auth.js';
import { nonEmptyUpdate } from './input.js';
import type { NodeKind, SiteType } from './org.js';
import { allows, type Grant } from './roles.js';

/*
 * Who may give which role where (requirements §0) is one pure rule here, so that the server
 * refuses what the form would merely hide, and one table test says it all.
 */

/**
 * How high a role stands: nobody gives a role above their own. The bureau's roles stand over the
 * towns', the towns' (their inspectors, R12.1, included) over a site's; a site's own roles are equal.
 */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  bureau_admin: 4,
  bureau_officer: 3,
  town_officer: 2,
  inspector: 2,
  site_manager: 1,
  site_staff: 0,
  grid_worker: 0,
  volunteer: 0,
};

/**
 * Where each role may be bound. The bureau's roles at the bureau; a town officer at a town; an
 * inspector at the bureau or a town (towns inspect their sites, R12.1); a site's roles at a site;
 * grid workers and volunteers in a community's grid (R11.1) — volunteers also at any site.
 */
export const ROLE_NODES: Readonly<Record<Role, (node: { kind: NodeKind; siteType: SiteType | null }) => boolean>> = {
  bureau_admin: (n) => n.kind === 'bureau',
  bureau_officer: (n) => n.kind === 'bureau',
  inspector: (n) => n.kind === 'bureau' || n.kind === 'town',
  town_officer: (n) => n.kind === 'town',
  site_manager: (n) => n.kind === 'site',
  site_staff: (n) => n.kind === 'site',
  grid_worker: (n) => (n.kind === 'site' && n.siteType === 'community') || n.kind === 'compound' || n.kind === 'building',
  volunteer: (n) => n.kind === 'site' || n.kind === 'compound' || n.kind === 'building',
};

/** The node a role is to be bound to, as the rule needs it. */
export interface GrantTarget {
  path: string;
  kind: NodeKind;
  siteType: SiteType | null;
}

export type GrantRefusal = 'node_outside_scope' | 'role_above_own' | 'role_not_for_node';

/**
 * Whether a caller holding `grants` may bind `role` at `node`: they manage users at or above the
 * node with a role at least as high. Answers the first reason it may not, in the order a person
 * would look: where, then what, then whether the role fits there at all.
 */
export function mayGrant(grants: readonly Grant[], role: Role, node: GrantTarget): GrantRefusal | null {
  const over = grants.filter((g) => allows([g], 'users.manage', node.path));
  if (over.length === 0) return 'node_outside_scope';
  if (!over.some((g) => ROLE_RANK[g.role] >= ROLE_RANK[role])) return 'role_above_own';
  if (!ROLE_NODES[role](node)) return 'role_not_for_node';
  return null;
}

/**
 * Whether a caller may change an account (edit, disable, reset, unlock, end its sessions, reset
 * its second factor): every role it holds is one the caller could have given. Nobody manages an
 * account above or beside their own jurisdiction through a role it holds elsewhere.
 */
export function mayManage(grants: readonly Grant[], target: readonly { role: Role; node: GrantTarget }[]): boolean {
  return target.length > 0 && target.every((t) => {
    const refusal = mayGrant(grants, t.role, t.node);
    // A role bound where it no longer fits (the node changed kind) does not lock its holder away.
    return refusal === null || refusal === 'role_not_for_node';
  });
}

/** The roles a caller may give somewhere, highest first (the form's choices). */
export function grantableRoles(grants: readonly Grant[]): Role[] {
  const top = Math.max(-1, ...grants.filter((g) => allows([g], 'users.manage', g.nodePath)).map((g) => ROLE_RANK[g.role]));
  return ROLES.filter((r) => ROLE_RANK[r] <= top).sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a]);
}

/* ---------------------------------------------------------------------------------------------
 * Passwords. The rules are the deployment's configuration (等保 asks each to set its own); the
 * check is one pure function that the server applies and the form shows as the user types.
 */

export interface PasswordRules {
  minLength: number;
  /** Of four classes: lower case, upper case, digit, other. */
  minClasses: number;
  /** A new password may not be one of the last this many (0: not checked). */
  history: number;
}

export const DEFAULT_PASSWORD_RULES: PasswordRules = { minLength: 10, minClasses: 3, history: 5 };

export const PASSWORD_CHECKS = ['length', 'classes', 'not_username'] as const;
export type PasswordCheck = (typeof PASSWORD_CHECKS)[number];

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z0-9]/];

/** How many of the four classes a password draws on. */
export function passwordClasses(password: string): number {
  return CLASSES.filter((r) => r.test(password)).length;
}

/**
 * The rules a password breaks (the history is the server's: it alone holds the old hashes). The
 * username may not appear in it, in any case, nor the password be the username reversed.
 */
export function passwordProblems(password: string, rules: PasswordRules, username: string): PasswordCheck[] {
  const problems: PasswordCheck[] = [];
  if ([...password].length < rules.minLength) problems.push('length');
  if (passwordClasses(password) < rules.minClasses) problems.push('classes');
  const name = username.trim().toLowerCase();
  const lower = password.toLowerCase();
  if (name.length >= 2 && (lower.includes(name) || lower.includes([...name].reverse().join('')))) problems.push('not_username');
  return problems;
}

/* ---------------------------------------------------------------------------------------------
 * Input of the account routes.
 */

/** A mobile number of the mainland, as staff give theirs (stored encrypted, answered masked). */
export const StaffPhone = z.string().trim().regex(/^1\d{10}$/, 'phone.mobile');

export const RoleGrantInput = z.strictObject({ role: z.enum(ROLES), nodeId: z.uuid() });
export type RoleGrantInput = z.infer<typeof RoleGrantInput>;

const Roles = z.array(RoleGrantInput).min(1, 'users.role_required').max(20)
  .refine((rs) => new Set(rs.map((r) => `${r.role}@${r.nodeId}`)).size === rs.length, { message: 'users.role_twice' });

export const CreateAccountInput = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1, 'field.required').max(64),
  phone: StaffPhone.nullable().optional(),
  email: z.email('email.invalid').max(200).nullable().optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
  roles: Roles,
  /** The staff member in the registry this account belongs to: it is disabled when they leave. */
  personId: z.uuid().nullable().optional(),
});
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

export const UpdateAccountFields = z.strictObject({
  displayName: z.string().trim().min(1, 'field.required').max(64).optional(),
  phone: StaffPhone.nullable().optional(),
  email: z.email('email.invalid').max(200).nullable().optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
  roles: Roles.optional(),
  personId: z.uuid().nullable().optional(),
  disabled: z.boolean().optional(),
});
export const UpdateAccountInput = nonEmptyUpdate(UpdateAccountFields);
export type UpdateAccountInput = z.infer<typeof UpdateAccountInput>;

/** Accounts for the staff of a roster in one step: the chosen people of one site, one role. */
export const BulkCreateAccountsInput = z.strictObject({
  siteId: z.uuid(),
  role: z.enum(ROLES),
  personIds: z.array(z.uuid()).min(1, 'users.people_required').max(500)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'users.person_twice' }),
});
export type BulkCreateAccountsInput = z.infer<typeof BulkCreateAccountsInput>;

