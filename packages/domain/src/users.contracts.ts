import { z } from 'zod';
import { Role } from './access.js';
import { Locale, RoleBinding } from './auth.js';
import { Paging } from './contracts.js';

/** Why an account is disabled: by someone's hand, or because its person left the site. */
export const DISABLED_REASONS = ['manual', 'person_left'] as const;
export const DisabledReason = z.enum(DISABLED_REASONS);
export type DisabledReason = z.infer<typeof DisabledReason>;

export const ACCOUNT_STATUSES = ['active', 'disabled', 'locked', 'first_sign_in'] as const;
export const AccountStatus = z.enum(ACCOUNT_STATUSES);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** One account as a manager sees it: the phone masked, never a password or a second-factor secret. */
export const Account = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  /** Masked (138****5678); null when not given. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  locale: Locale,
  disabled: z.boolean(),
  disabledReason: DisabledReason.nullable(),
  /** ISO instant the sign-in lock ends, when locked now. */
  lockedUntil: z.string().nullable(),
  /** A one-time password is set and not yet changed. */
  mustChangePassword: z.boolean(),
  twoFactorEnabled: z.boolean(),
  /** The bureau's roles must sign in with two factors (configuration). */
  twoFactorRequired: z.boolean(),
  roles: z.array(RoleBinding),
  /** The staff member in the registry, when linked. */
  person: z.object({ id: z.uuid(), name: z.string(), siteName: z.string() }).nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  /** Whether the caller may change it (every role it holds is one the caller could give). */
  manageable: z.boolean(),
});
export type Account = z.infer<typeof Account>;

export const AccountListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  /** Accounts holding a role at or below this node. */
  nodeId: z.uuid().optional(),
  role: Role.optional(),
  status: AccountStatus.optional(),
  ...Paging(200, 50),
});
export type AccountListQuery = z.input<typeof AccountListQuery>;

export const AccountList = z.object({ accounts: z.array(Account), total: z.number().int() });
export type AccountList = z.infer<typeof AccountList>;

export const AccountAnswer = z.object({ account: Account });
export type AccountAnswer = z.infer<typeof AccountAnswer>;

/** A new or reset account: the one-time password is shown this once and stored only hashed. */
export const OneTimePasswordAnswer = z.object({ account: Account, oneTimePassword: z.string() });
export type OneTimePasswordAnswer = z.infer<typeof OneTimePasswordAnswer>;

export const BulkAccountsAnswer = z.object({
  created: z.array(OneTimePasswordAnswer),
  /** People who got no account, and why (already linked to one; left the site). */
  skipped: z.array(z.object({ personId: z.uuid(), name: z.string(), reason: z.enum(['already_linked', 'left']) })),
});
export type BulkAccountsAnswer = z.infer<typeof BulkAccountsAnswer>;

