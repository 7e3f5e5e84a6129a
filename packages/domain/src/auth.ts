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

/** At least 8 characters with three of: lower case, upper case, digit, symbol. */
export const NewPassword = z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters').refine(
  (p) => [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z0-9]/].filter((r) => r.test(p)).length >= 3,
  { message: 'password.strength' },
);

export const LoginInput = z.strictObject({
  username: z.string().trim().min(1, 'field.required').max(64),
  password: z.string().min(1, 'field.required').max(128),
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
});
export type Me = z.infer<typeof Me>;

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const AUTH_FIELD_TEXTS = defineTexts({
  'email.invalid': { 'zh-CN': '不是有效的电子邮箱地址', en: 'not an e-mail address' },
  'username.chars': { 'zh-CN': '只能包含字母、数字、"."、"_" 和 "-"', en: 'letters, digits, ".", "_" and "-" only' },
  'password.strength': { 'zh-CN': '需包含小写字母、大写字母、数字、符号中的至少三类', en: 'needs three of: lower case, upper case, digit, symbol' },
});
