import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/*
 * The second factor: RFC 6238 codes as every authenticator app makes them (SHA-1, six digits,
 * 30-second steps), accepted one step either side of the server's clock for phones a little
 * fast or slow, and each step at most once.
 */

const ISSUER = 'Fangkong 防控';
const PERIOD_S = 30;
const WINDOW = 1;

function totp(secret: string, username = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD_S });
}

/** A new secret of 160 bits (RFC 4226's recommendation), in base32 as the apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address of the QR code: the issuer and the username name the entry in the app. */
export function otpauthUri(secret: string, username: string): string {
  return totp(secret, username).toString();
}

export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The 30-second step `code` belongs to, within one step of `now`, or null when it is none of them. */
export function stepOfCode(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
}

/* Recovery codes: ten, each good once, typed by hand from paper, hence no look-alike letters. */

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

function randomChars(alphabet: string, n: number): string {
  return Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** 'xxxxx-xxxxx': 10 characters of 31, about 50 bits each, enough for codes that are good once and stored hashed. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${randomChars(RECOVERY_ALPHABET, 5)}-${randomChars(RECOVERY_ALPHABET, 5)}`);
}

/** A recovery code as typed (any case, with or without the dash or spaces) in its stored form, or null. */
export function normalizeRecoveryCode(input: string): string | null {
  const plain = input.toLowerCase().replace(/[\s-]/g, '');
  if (plain.length !== 10 || [...plain].some((c) => !RECOVERY_ALPHABET.includes(c))) return null;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

/** Recovery codes are long and random: a plain SHA-256 keeps them as safe as a slow hash would. */
export function hashRecoveryCode(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex');
}
