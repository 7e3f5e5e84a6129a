/*
 * Chinese resident identity numbers, GB 11643-1999: 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women), and a check character by ISO 7064 MOD 11-2.
 */

import type { Bilingual } from './texts.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes (the first two digits) in use. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export type IdSex = 'male' | 'female';

export const ID_ISSUES = ['format', 'region', 'birth_date', 'future_birth_date', 'check_character'] as const;
export type IdIssue = (typeof ID_ISSUES)[number];

export type IdCheck =
  | { ok: true; value: string; birthDate: string; sex: IdSex; region: string; convertedFrom15: boolean }
  | { ok: false; issue: IdIssue; expected?: string };

/** The check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '?';
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Checks and normalises an ID number. Lower-case x is accepted and stored as X. A 15-digit
 * legacy number (GB 11643-1989, born 19xx, no check character) is converted to 18 digits.
 * `today` (YYYY-MM-DD) bounds the birth date.
 */
export function checkIdNumber(raw: string, today: string): IdCheck {
  let s = raw.trim().toUpperCase();
  let convertedFrom15 = false;
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    s = first17 + idCheckCharacter(first17);
    convertedFrom15 = true;
  }
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, issue: 'format' };
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return { ok: false, issue: 'region' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1880 || !validDate(y, m, d)) return { ok: false, issue: 'birth_date' };
  if (idNumberFacts(s).birthDate > today) return { ok: false, issue: 'future_birth_date' };
  const expected = idCheckCharacter(s.slice(0, 17));
  if (s[17] !== expected) return { ok: false, issue: 'check_character', expected };
  return { ok: true, value: s, ...idNumberFacts(s), region: s.slice(0, 6), convertedFrom15 };
}

export const ID_ISSUE_MESSAGES: Readonly<Record<IdIssue, Bilingual>> = {
  format: { 'zh-CN': '身份证号应为 18 位（末位可为 X）或 15 位旧号码', en: 'an ID number has 18 characters (the last may be X), or 15 digits for an old one' },
  region: { 'zh-CN': '身份证号的地区码不存在', en: 'the region code of the ID number does not exist' },
  birth_date: { 'zh-CN': '身份证号中的出生日期不是有效日期', en: 'the birth date in the ID number is not a real date' },
  future_birth_date: { 'zh-CN': '身份证号中的出生日期晚于今天', en: 'the birth date in the ID number is in the future' },
  check_character: { 'zh-CN': '身份证号校验位不正确，请核对', en: 'the check character of the ID number is wrong; please check the number' },
};

/** Sex and birth date as an 18-character number states them (the number is already checked). */
export function idNumberFacts(id: string): { sex: IdSex; birthDate: string } {
  return { sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` };
}

/** First 6 and last 4 characters: enough to tell two people apart, not enough to use the number. */
export function maskIdNumber(id: string): string {
  return id.length <= 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** First 3 and last 4 digits of a phone number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 7 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Mainland mobile (1[3-9] and 9 digits) or a landline with its area code (0xx-xxxxxxx[x]). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export function normalizePhone(raw: string): string {
  return raw.trim().replace(/[\s()（）]/g, '').replace(/^\+?86-?/, '');
}
