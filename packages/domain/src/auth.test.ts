import { describe, expect, it } from 'vitest';
import { ChangePasswordInput, LoginInput, NewPassword, Username } from './auth.js';

describe('NewPassword', () => {
  it.each<{ password: string; ok: boolean; why: string }>([
    { password: 'Fangkong#2020', ok: true, why: 'all four classes' },
    { password: 'Alllowercase1', ok: true, why: 'lower, upper, digit' },
    { password: 'alllowercase#1', ok: true, why: 'lower, digit, symbol' },
    { password: 'ALLUPPER#1', ok: true, why: 'upper, digit, symbol' },
    { password: 'Aa1aaaaa', ok: true, why: 'exactly 8 characters' },
    { password: '防控Aa1防控防控', ok: true, why: 'non-ASCII counts as a symbol' },
    { password: 'short', ok: false, why: 'under 8 characters' },
    { password: 'Aa1#aaa', ok: false, why: '7 characters despite four classes' },
    { password: 'alllowercase1', ok: false, why: 'only lower and digit' },
    { password: 'alllowercase', ok: false, why: 'only lower' },
    { password: 'ALLUPPERCASE', ok: false, why: 'only upper' },
    { password: '1234567890', ok: false, why: 'only digits' },
    { password: 'lower#symbols', ok: false, why: 'only lower and symbol' },
    { password: `Aa1${'a'.repeat(125)}`, ok: true, why: 'exactly 128 characters' },
    { password: `Aa1${'a'.repeat(126)}`, ok: false, why: '129 characters' },
  ])('"$password" → $ok ($why)', ({ password, ok }) => {
    expect(NewPassword.safeParse(password).success).toBe(ok);
  });

  it('explains which classes are needed', () => {
    const r = NewPassword.safeParse('alllowercase1');
    expect(r.error?.issues[0]?.message).toBe('password.strength');
  });

  it('ChangePasswordInput applies the rule to the new password only', () => {
    expect(ChangePasswordInput.safeParse({ currentPassword: 'x', newPassword: 'Fangkong#2020' }).success).toBe(true);
    expect(ChangePasswordInput.safeParse({ currentPassword: 'x', newPassword: 'short' }).success).toBe(false);
    expect(ChangePasswordInput.safeParse({ currentPassword: '', newPassword: 'Fangkong#2020' }).success).toBe(false);
    expect(ChangePasswordInput.safeParse({ currentPassword: 'x', newPassword: 'Fangkong#2020', extra: 1 }).success).toBe(false);
  });
});

describe('Username and LoginInput', () => {
  it.each<{ username: string; ok: boolean }>([
    { username: 'alice', ok: true },
    { username: 'a.b_c-1', ok: true },
    { username: '  bob  ', ok: true },
    { username: 'a', ok: false },
    { username: 'al ice', ok: false },
    { username: '张三', ok: false },
    { username: 'x'.repeat(65), ok: false },
  ])('Username "$username" → $ok', ({ username, ok }) => {
    expect(Username.safeParse(username).success).toBe(ok);
  });

  it('trims the username but not the password', () => {
    expect(LoginInput.parse({ username: ' alice ', password: ' pw ' })).toEqual({ username: 'alice', password: ' pw ' });
  });

  it('refuses blank credentials and unknown keys', () => {
    expect(LoginInput.safeParse({ username: '  ', password: 'pw' }).success).toBe(false);
    expect(LoginInput.safeParse({ username: 'alice', password: '' }).success).toBe(false);
    expect(LoginInput.safeParse({ username: 'alice', password: 'pw', remember: true }).success).toBe(false);
  });
});
