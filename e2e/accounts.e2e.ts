import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, signIn, signOut, useDemo } from './harness.js';

// The bureau's administrator must sign in with two factors; nobody else has to.
const env = useDemo({ TWO_FACTOR_ROLES: 'bureau_admin' });

const NURSE = { username: 'nurse-wang', displayName: '护理员王芳', password: 'Kangning#2026' };

/**
 * The authenticator's six digits for a base32 secret, `ahead` steps of 30 s after now (a code is
 * taken once per step): RFC 6238 written out here rather than the server's library, so that the
 * test checks the server against the standard an app on a phone follows, not against itself.
 */
function totp(secret: string, ahead = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/=+$/, '')].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(Array.from({ length: Math.floor(bits.length / 8) }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + ahead));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac.at(-1) ?? 0) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function fillSignIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(password);
}

describe('accounts run from the app', () => {
  it('the town officer opens an account for a nurse of a home; the nurse changes the one-time password and sees that home only', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'town-officer');
    await page.goto(`${server.url}/accounts`);
    await page.getByTestId('account-add').click();
    await page.getByTestId('account-display-name').fill(NURSE.displayName);
    await page.getByTestId('account-username').fill(NURSE.username);
    // The nodes offered are the town's own; an elderly home offers the site's roles.
    await choose(page, 'account-role-node', '敬老院');
    const home = ((await page.getByTestId('account-role-node').textContent()) ?? '').replace(/（.*$/, '').trim();
    expect(home).toMatch(/敬老院$/);
    await choose(page, 'account-role-role', '场所工作人员');
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/accounts' && r.request().method() === 'POST');
    await page.getByTestId('account-save').click();
    expect((await created).status()).toBe(201);
    const oneTime = ((await page.getByTestId('one-time-password').textContent()) ?? '').trim();
    expect(oneTime.length).toBeGreaterThanOrEqual(10);
    await page.getByTestId('otp-close').click();
    const row = page.getByTestId('accounts-table').locator('tr').filter({ hasText: NURSE.username });
    await expect.poll(async () => (await row.getByTestId('account-status').textContent()) ?? '').toBe('待首次登录');
    await signOut(page);

    // The one-time password opens only the page that replaces it.
    await fillSignIn(page, server.url, NURSE.username, oneTime);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('forced-password').waitFor();
    await page.getByTestId('password-current').fill(oneTime);
    const rule = (name: string) => page.getByTestId(`password-rule-${name}`);
    await page.getByTestId('password-new').fill('short');
    expect(await rule('length').getAttribute('data-ok')).toBe('false');
    await page.getByTestId('password-new').fill(NURSE.password);
    await page.getByTestId('password-confirm').fill(NURSE.password);
    for (const name of ['length', 'classes', 'not_username', 'confirmed']) await expect.poll(() => rule(name).getAttribute('data-ok')).toBe('true');
    const changed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/password');
    await page.getByTestId('password-submit').click();
    expect((await changed).status()).toBe(204);
    await page.getByTestId('sign-out').first().waitFor();
    await expect.poll(() => page.getByTestId('forced-password').count()).toBe(0);

    // The new account sees its home and nothing beside or above it.
    const nodes = await page.evaluate(async () => ((await (await fetch('/api/org/nodes')).json()) as { nodes: { name: string; kind: string }[] }).nodes);
    expect(nodes.map((n) => n.name)).toContain(home);
    expect(nodes.filter((n) => n.kind === 'town' || n.kind === 'bureau' || (n.kind === 'site' && n.name !== home))).toEqual([]);
    await signOut(page);
  });

  it('the home manager opens accounts for two of the staff in one step and gets the sheet to print; each account needs its password changed', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'eldercare-manager');
    await page.goto(`${server.url}/accounts/bulk`);
    await choose(page, 'bulk-site', '敬老院');
    await choose(page, 'bulk-role', '场所工作人员');
    // The night nurse's member of staff already has an account: not offered again.
    const people = page.getByTestId('bulk-people');
    await expect.poll(() => people.locator('tr.ant-table-row').count()).toBeGreaterThan(2);
    expect(await people.locator('tr.ant-table-row').filter({ hasText: '已有账号' }).count()).toBe(1);
    const free = people.locator('tr.ant-table-row').filter({ hasNotText: '已有账号' });
    for (const i of [0, 1]) await free.nth(i).locator('.ant-checkbox').click();
    const made = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/accounts/bulk');
    await page.getByTestId('bulk-submit').click();
    expect((await made).status()).toBe(201);
    const rows = page.getByTestId('bulk-sheet').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const [username, password] = await Promise.all([1, 2].map(async (col) => ((await rows.first().locator('td').nth(col).textContent()) ?? '').trim()));
    expect(username).toMatch(/^[a-z]+\d*$/);
    await signOut(page);
    await fillSignIn(page, server.url, username ?? '', password ?? '');
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('forced-password').waitFor();
    await signOut(page);
  });

  it('the bureau admin must enrol a second factor, then signs in with password and code', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'admin');
    await page.getByTestId('forced-twoFactor').waitFor();
    await page.getByTestId('two-factor-start').click();
    await page.getByTestId('two-factor-qr').waitFor();
    const secret = (await page.getByTestId('two-factor-secret').getAttribute('data-secret')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await page.getByTestId('two-factor-confirm-code').fill(totp(secret));
    await page.getByTestId('two-factor-confirm-submit').click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await page.getByTestId('recovery-done').click();
    await expect.poll(() => page.getByTestId('forced-twoFactor').count()).toBe(0);
    await signOut(page);

    // A wrong code is refused as a wrong password is.
    await fillSignIn(page, server.url, 'admin', 'Fangkong#2020');
    // The second factor was set up on this device: the code field is there at once.
    await page.getByTestId('login-code').fill('000000');
    await page.locator('button[type="submit"]').click();
    await expect.poll(async () => (await page.getByTestId('login-error').textContent()) ?? '').toContain('验证码');

    // The next step's code (the enrolment's is spent), with the password.
    await fillSignIn(page, server.url, 'admin', 'Fangkong#2020');
    await page.getByTestId('login-code').fill(totp(secret, 1));
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByTestId('sign-out').first().waitFor();
    expect(await page.getByTestId('forced-twoFactor').count()).toBe(0);
  });
});
