import { z } from 'zod';
import { Me } from './auth.js';

/** The signed-in user, as login and the own-profile routes answer. */
export const UserAnswer = z.object({ user: Me });
export type UserAnswer = z.infer<typeof UserAnswer>;

/** The start of enrolment: the secret to scan (as a QR code) or type into an authenticator app. */
export const TwoFactorSetupAnswer = z.object({
  /** Base32, as an app asks for it when typed by hand. */
  secret: z.string(),
  /** The otpauth:// address the QR code holds. */
  uri: z.string(),
  /** The QR code as an SVG document. */
  qrSvg: z.string(),
});
export type TwoFactorSetupAnswer = z.infer<typeof TwoFactorSetupAnswer>;

/** Six digits from the authenticator app. */
export const TwoFactorCodeInput = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, 'two_factor.code_format') });
export type TwoFactorCodeInput = z.infer<typeof TwoFactorCodeInput>;

/** Recovery codes, shown once: each signs in once in place of the app's code. */
export const RecoveryCodesAnswer = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesAnswer = z.infer<typeof RecoveryCodesAnswer>;

/** Turning one's own second factor off (where no role requires it): the password and a current code. */
export const TwoFactorDisableInput = z.strictObject({
  password: z.string().min(1, 'field.required').max(128),
  code: z.string().trim().min(1, 'field.required').max(32),
});
export type TwoFactorDisableInput = z.infer<typeof TwoFactorDisableInput>;
