import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { feverWatchedByTown, signIn, signOut, useDemo, useTownBrowser } from './harness.js';

/*
 * A fever must reach the town (R2.4, R7.1): entered at a site, the town officer sees it at once;
 * the alert cannot be closed until the report has gone up, and the report rings the town's bell.
 */

const env = useDemo({ FANGKONG_CLOCK_CONTROL: '1' });
const officer = useTownBrowser();

type Note = { kind: string; title: string; url: string | null };

/** The signed-in user's newest notifications, asked from the page (its own session). */
async function notes(page: Page): Promise<Note[]> {
  return page.evaluate(async () => ((await (await fetch('/api/notifications?limit=50')).json()) as { notifications: Note[] }).notifications);
}

describe('a fever reaches the town', () => {
  it('staff enter a fever; the town officer sees it at once; the manager cannot close it before reporting; the report rings the town\'s bell', async () => {
    const { page, server } = env;
    const town = officer.page;

    // The town officer is signed in elsewhere, with the bell on screen; a nurse records a fever in the round.
    const { unreadCount, before, person: feverish, alerts } = await feverWatchedByTown(page, town, server.url);
    expect(alerts).toHaveLength(1);
    const alertId = alerts[0]?.id ?? '';

    // At once: the town officer's bell rings without a reload, and the alert is on the town's list, not yet reported.
    await expect.poll(unreadCount, { timeout: 20_000 }).toBeGreaterThan(before);
    expect((await notes(town)).filter((n) => n.kind === 'fever_alert').map((n) => n.url)).toContain(`/alerts/${alertId}`);
    await town.goto(`${server.url}/alerts`);
    const townRow = town.getByTestId('alert-row').filter({ hasText: feverish }).first();
    await townRow.waitFor();
    expect(await townRow.getByTestId('alert-report-tag').getAttribute('data-reported')).toBe('false');

    // Staff cannot tick the report: the step is a report, made by the manager.
    await page.goto(`${server.url}/alerts/${alertId}`);
    const reportStep = page.locator('[data-testid="alert-step"][data-step="report_superiors"]');
    await reportStep.getByTestId('alert-report').waitFor();
    expect(await reportStep.getByTestId('alert-step-done').count()).toBe(0);
    expect(await page.getByTestId('alert-report-send').count()).toBe(0);

    // The manager cannot close the alert before the report has gone: the button is off, and the server refuses too.
    await page.goto(`${server.url}/alerts`);
    await signOut(page);
    await signIn(page, server.url, 'eldercare-manager');
    await page.goto(`${server.url}/alerts/${alertId}`);
    await page.getByTestId('alert-detail').waitFor();
    expect(await page.getByTestId('alert-close').isDisabled()).toBe(true);
    await page.getByTestId('alert-close-needs-report').waitFor();
    const refused = await page.evaluate(async (id) => {
      const res = await fetch(`/api/alerts/${id}/close`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: '复测正常，测量误差' }) });
      return { status: res.status, body: (await res.json()) as { error: { message: string } } };
    }, alertId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('R2.4');

    // The health department is phoned and recorded with whom and how.
    const health = page.getByTestId('alert-report-outside-health_department');
    await health.getByTestId('alert-report-contact').fill('区疾控中心值班室 王医生');
    await health.getByTestId('alert-report-outside-submit').click();
    const healthRow = page.locator('[data-testid="alert-report-receiver"][data-to="health_department"]');
    await expect.poll(() => healthRow.getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
    expect(await healthRow.textContent()).toContain('王医生');

    // The report tells the town office and the bureau through the system; each is recorded as told.
    const reported = page.waitForResponse((r) => r.url().endsWith(`/api/alerts/${alertId}/report`));
    await page.getByTestId('alert-report-send').click();
    expect((await reported).status()).toBe(200);
    const townReceiver = page.locator('[data-testid="alert-report-receiver"][data-to="town"]');
    await expect.poll(() => townReceiver.getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
    expect(await townReceiver.getByTestId('alert-report-told').textContent()).toContain('社会事务办');
    expect(await page.locator('[data-testid="alert-report-receiver"][data-to="bureau"]').getAttribute('data-state')).toBe('done');

    // The town officer's bell has the report, live; the town's list shows the alert reported.
    await expect.poll(async () => (await notes(town)).some((n) => n.kind === 'fever_reported' && n.url === `/alerts/${alertId}`), { timeout: 20_000 }).toBe(true);
    await town.getByTestId('notification-bell').click();
    await town.getByTestId('notification-item').filter({ hasText: '发热上报' }).first().waitFor();
    await town.keyboard.press('Escape');
    await town.goto(`${server.url}/alerts`);
    const reportedRow = town.getByTestId('alert-row').filter({ hasText: feverish }).first();
    await expect.poll(() => reportedRow.getByTestId('alert-report-tag').getAttribute('data-reported'), { timeout: 20_000 }).toBe('true');

    // Now the manager may close it early, with a reason.
    await expect.poll(() => page.getByTestId('alert-close').isDisabled()).toBe(false);
    await page.getByTestId('alert-close').click();
    await page.getByTestId('alert-close-reason').fill('复测体温正常，排除发热');
    const closed = page.waitForResponse((r) => r.url().endsWith(`/api/alerts/${alertId}/close`));
    await page.getByTestId('alert-close-submit').click();
    expect((await closed).status()).toBe(200);
  }, 240_000);
});
