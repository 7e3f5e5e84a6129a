import { z } from 'zod';
import { nonEmptyUpdate } from './input.js';
import { NodeKind } from './org.js';
import { Permission, Role } from './roles.js';
import { defineTexts } from './texts.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const Username = z.string().trim().min(2, 'at least 2 characters').max(64, 'at most 64 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'username.chars');

/**
 * A new password's shape; its rules (length, classes, not the username, not a recent one) are the
 * deployment's configuration, checked by the server with `passwordProblems` (accounts.ts).
 */
export const NewPassword = z.string().min(1, 'field.required').max(128, 'at most 128 characters');

export const LoginInput = z.strictObject({
  username: z.string().trim().min(1, 'field.required').max(64),
  password: z.string().min(1, 'field.required').max(128),
  /**
   * The authenticator's six digits, or a recovery code, for an account with two-factor sign-in. A
   * wrong or missing code is answered exactly as a wrong password is.
   */
  code: z.string().trim().max(32).optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, 'field.required').max(128),
  newPassword: NewPassword,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** The fields a user may change of their own account, each on its own (forms pick from these). */
export const UpdateMeFields = z.strictObject({
  locale: Locale.optional(),
  email: z.email('email.invalid').max(200).nullable().optional(),
});

/** What a user changes of their own account: at least one of the fields. */
export const UpdateMe = nonEmptyUpdate(UpdateMeFields);
export type UpdateMe = z.infer<typeof UpdateMe>;

export const RoleBinding = z.object({
  role: Role,
  nodeId: z.uuid(),
  nodeName: z.string(),
  nodeKind: NodeKind,
  nodePath: z.string(),
});
export type RoleBinding = z.infer<typeof RoleBinding>;

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  locale: Locale,
  /** For e-mail notifications; null when not given. */
  email: z.string().nullable(),
  roles: z.array(RoleBinding),
  permissions: z.array(Permission),
  /** The deployment's time zone: the app shows every date and time, and "today", in it. */
  timeZone: z.string(),
  /** Whether this user may move the demo clock (switched on in the configuration, bureau admin). */
  clockControl: z.boolean(),
  /**
   * How far the server's clock stands from real time, in milliseconds (0 but in tests and
   * demonstrations): the app's "today" and "now" follow the server's, as every rule does.
   */
  clockOffsetMs: z.number().int(),
  /** A one-time password is in use: nothing but changing it is open until it is changed. */
  mustChangePassword: z.boolean(),
  /** Whether two-factor sign-in is on, and whether a role of this user requires it (then nothing else is open until it is). */
  twoFactor: z.object({ enabled: z.boolean(), required: z.boolean() }),
  /** The deployment's password rules, shown as the user types a new one. */
  passwordRules: z.object({ minLength: z.number().int(), minClasses: z.number().int(), history: z.number().int() }),
});
export type Me = z.infer<typeof Me>;

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const AUTH_FIELD_TEXTS = defineTexts({
  'email.invalid': { 'zh-CN': '不是有效的电子邮箱地址', en: 'not an e-mail address' },
  'two_factor.code_format': { 'zh-CN': '应为 6 位数字', en: 'six digits' },
  'username.chars': { 'zh-CN': '只能包含字母、数字、"."、"_" 和 "-"', en: 'letters, digits, ".", "_" and "-" only' },
});
