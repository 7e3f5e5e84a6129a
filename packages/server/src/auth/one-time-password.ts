import { randomInt } from 'node:crypto';
import { passwordClasses, passwordProblems, type PasswordRules } from '@fangkong/domain';

/*
 * One-time passwords are read off a sheet or a screen and typed by hand: no letters or digits that
 * look alike (0/O/o, 1/l/I), groups of four joined by hyphens (the hyphen is the fourth class).
 */
const LOWER = 'abcdefghjkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LOWER + UPPER + DIGITS;

const pick = (from: string) => from[randomInt(from.length)] ?? '';

/**
 * A fresh one-time password such as 'Kq7m-Wp3x-Zn9r': at least three groups, as many as the
 * configured minimum length asks, drawing on all four classes and never containing the username,
 * so that it passes the deployment's rules whatever they are.
 */
export function oneTimePassword(rules: PasswordRules, username: string): string {
  const groups = Math.max(3, Math.ceil((rules.minLength + 1) / 5));
  for (;;) {
    const password = Array.from({ length: groups }, () => Array.from({ length: 4 }, () => pick(ALPHABET)).join('')).join('-');
    if (passwordClasses(password) === 4 && passwordProblems(password, rules, username).length === 0) return password;
  }
}
