import { describe, expect, it } from 'vitest';
import { ChangePasswordInput, LoginInput, NewPassword, Username } from './auth.js';

describe('NewPassword', () => {
  // Its rules are the deployment's (passwordProblems in accounts.ts); the schema holds the shape.
  it.each<{ password: string; ok: boolean }>([
    { password: 'Fangkong#2020', ok: true },
    { password: 'x', ok: true },
    { password: '', ok: false },
    { password: `Aa1${'a'.repeat(125)}`, ok: true },
    { password: `Aa1${'a'.repeat(126)}`, ok: false },
  ])('"$password" → $ok', ({ password, ok }) => {
    expect(NewPassword.safeParse(password).success).toBe(ok);
  });

  it('ChangePasswordInput needs both and nothing else', () => {
    expect(ChangePasswordInput.safeParse({ currentPassword: 'x', newPassword: 'Fangkong#2020' }).success).toBe(true);
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
