import { describe, expect, it } from 'vitest';
import { feverWatchedByTown, signIn, signOut, useDemo, useTownBrowser } from './harness.js';

// The demo server with its clock under the test's control (switched on only by this flag).
const env = useDemo({ FANGKONG_CLOCK_CONTROL: '1' });
const officer = useTownBrowser();

/** The bureau admin's session, for moving the server's clock. */
async function adminCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Fangkong#2020' }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('a suspected case cannot be forgotten', () => {
  it('staff record 38.9 ℃, the manager promotes it, the town officer\'s bell rings live, and the unacknowledged step turns late', async () => {
    const { page, server } = env;
    const town = officer.page;

    // The town officer is signed in elsewhere, with the bell on screen; a nurse records a fever in the round.
    const { unreadCount, before, person: feverish, alerts } = await feverWatchedByTown(page, town, server.url);
    expect(alerts).toHaveLength(1);

    // The manager promotes the alert to a suspected case.
    await signOut(page);
    await signIn(page, server.url, 'eldercare-manager');
    await page.goto(`${server.url}/alerts`);
    await page.getByTestId('alert-row').filter({ hasText: feverish }).first().click();
    await page.getByTestId('alert-promote').first().click();
    const created = page.waitForResponse((r) => r.url().endsWith('/api/incidents') && r.request().method() === 'POST');
    await page.getByTestId('incident-submit').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    const incident = ((await answer.json()) as { incident: { id: string; type: string } }).incident;
    expect(incident.type).toBe('suspected_case');
    await page.waitForURL((u) => u.pathname === `/incidents/${incident.id}`);

    // The town officer's bell rings without a reload.
    await expect.poll(unreadCount, { timeout: 20_000 }).toBeGreaterThan(before);

    // The officer opens the incident from the bell's message; the town's report is pending.
    await town.goto(`${server.url}/incidents/${incident.id}`);
    const townStep = town.getByTestId('step-town');
    await townStep.waitFor();
    expect(await townStep.getAttribute('data-state')).toBe('pending');
    // The town office can acknowledge its own step only; the bureau's step offers it nothing.
    await townStep.getByTestId('step-ack').waitFor();
    expect(await town.getByTestId('step-bureau').getByTestId('step-ack').count()).toBe(0);
    // The incident lists who was told (R7.2).
    await expect.poll(() => town.getByTestId('incident-notices').locator('.ant-table-row').count()).toBeGreaterThan(0);

    // An hour and a minute pass without an acknowledgement: the step turns late on the open page.
    const cookie = await adminCookie(server.url);
    const moved = await fetch(`${server.url}/api/dev/clock`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: 61 }) });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { flagged: number }).flagged).toBeGreaterThanOrEqual(1);
    await expect.poll(() => townStep.getAttribute('data-state'), { timeout: 30_000 }).toBe('late');
  }, 240_000);
});
