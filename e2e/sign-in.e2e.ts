import { describe, expect, it } from 'vitest';
import { signIn, useDemo } from './harness.js';

const env = useDemo();

describe('a town officer', () => {
  it('signs in, sees only the own town in the tree, and signs out', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'town-officer');
    await page.goto(`${server.url}/org`);
    const tree = page.getByTestId('org-tree');
    await tree.getByText('城关街道', { exact: true }).waitFor();
    const text = await tree.innerText();
    expect(text).toContain('城关街道');
    for (const other of ['东湖镇', '西山镇', '南岭镇', '北港街道', '青溪镇', '示范市民政局']) expect(text).not.toContain(other);

    await page.getByTestId('sign-out').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/login'));
    // The session is gone: a protected page sends the browser back to sign-in.
    await page.goto(`${server.url}/org`);
    await page.waitForURL((u) => u.pathname.startsWith('/login'));
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
  });
});

describe('the bureau admin', () => {
  it('sees all six towns', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'admin');
    await page.goto(`${server.url}/org`);
    const tree = page.getByTestId('org-tree');
    await tree.getByText('示范市民政局', { exact: true }).waitFor();
    // Expand happens by default at the top; the towns are the bureau's children.
    for (const town of ['城关街道', '东湖镇', '西山镇', '南岭镇', '北港街道', '青溪镇']) {
      await tree.getByText(town, { exact: true }).waitFor();
    }
  });
});
