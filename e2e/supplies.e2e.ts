import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, signIn, useDemo } from './harness.js';

const env = useDemo();

/** The demo catalogue's masks: unit 只, packs of 50. */
const MASKS = '医用外科口罩';

function posted(page: Page, path: string, method = 'POST') {
  return page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === method);
}

describe('protective supplies at an elderly-care home', () => {
  it('the manager enters the peak, receives and issues masks, and sees the cover fall below the floor with the order to place', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'eldercare-manager');
    await page.goto(`${server.url}/supplies`);
    const row = page.locator(`[data-testid="supplies-item-row"][data-item-name="${MASKS}"]`);
    await row.waitFor();
    const cover = row.getByTestId('supplies-cover');
    const status = row.getByTestId('supplies-status');
    const order = row.getByTestId('supplies-order');

    // The previous peak: 3000 masks over the 30-day basis, 100 a day.
    await page.getByTestId('supplies-open-peak').click();
    await choose(page, 'peak-item', MASKS);
    await page.getByTestId('peak-consumption').fill('3000');
    const peak = posted(page, '/api/supplies/peaks', 'PUT');
    await page.getByTestId('peak-submit').click();
    expect((await peak).status()).toBe(200);

    // 6000 masks received in one batch that expires a year from now: 60 days of cover, the target.
    const expiry = new Date();
    expiry.setFullYear(expiry.getFullYear() + 1);
    const expiresOn = expiry.toISOString().slice(0, 10);
    await page.getByTestId('supplies-receive').click();
    await choose(page, 'receipt-item', MASKS);
    await page.getByTestId('receipt-quantity').fill('6000');
    await page.getByTestId('receipt-batch').fill('KZ-2020-0415');
    await page.getByTestId('receipt-supplier').fill('县医药公司');
    await page.getByTestId('receipt-expiry').fill(expiresOn);
    // Leaving the date field takes the typed date.
    await page.getByTestId('receipt-expiry').press('Tab');
    const received = posted(page, '/api/supplies/receipts');
    await page.getByTestId('receipt-submit').click();
    const receipt = await received;
    expect(receipt.status()).toBe(201);
    const body = await receipt.json() as { batch: { quantity: number; expiresOn: string | null; expired: boolean } };
    expect(body.batch).toMatchObject({ quantity: 6000, expiresOn, expired: false });
    await expect.poll(() => status.getAttribute('data-status')).toBe('ok');
    expect(await cover.getAttribute('data-value')).toBe('60');
    expect(await order.getAttribute('data-value')).toBe('0');

    // 2000 issued: 4000 left, 40 days, below the 45-day floor.
    await page.getByTestId('supplies-issue').click();
    await choose(page, 'issue-item', MASKS);
    await page.getByTestId('issue-quantity').fill('2000');
    const issued = posted(page, '/api/supplies/issues');
    await page.getByTestId('issue-submit').click();
    expect((await issued).status()).toBe(201);
    await expect.poll(() => cover.getAttribute('data-value')).toBe('40');
    expect(await status.getAttribute('data-status')).toBe('below_floor');
    // Shown in the alert colour: the days of cover in red, the row marked.
    expect(await cover.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 19, 34)');
    expect(await row.getAttribute('class')).toContain('fk-supply-below_floor');
    // Back to the 60-day target: 60 × 100 − 4000 = 2000, a whole number of packs of 50.
    expect(await order.getAttribute('data-value')).toBe('2000');

    // The overview lists the masks of this site among what is below its floor.
    await page.goto(`${server.url}/supplies/overview`);
    const below = page.locator(`[data-testid="overview-below-floor-row"][data-item-name="${MASKS}"]`);
    await expect.poll(() => below.count()).toBe(1);
    // And its cell in the site × item matrix shows the 40 days in the below-floor colour.
    const cell = page.locator(`[data-testid="overview-cell"][data-item-name="${MASKS}"][data-status="below_floor"]`);
    await expect.poll(() => cell.count()).toBe(1);
    expect(await cell.textContent()).toContain('40');
  });
});
