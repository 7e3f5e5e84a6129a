import { describe, expect, it } from 'vitest';
import { signIn, useDemo } from './harness.js';

const env = useDemo();

describe('the daily round at a care home of 30 people', () => {
  it('a nurse enters it by keyboard with one fever; the manager sees the alert and isolates that person', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'eldercare-staff');
    await page.goto(`${server.url}/rounds`);
    const rows = page.getByTestId('round-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(30);
    const feverish = (await rows.first().getAttribute('data-person-name')) ?? '';
    expect(feverish).not.toBe('');

    // Keyboard only: the nurse types a value and Enter, and the next person's field has the focus.
    const inputs = page.getByTestId('round-temp');
    await inputs.first().focus();
    const typed = ['38.6', '36.5', '366', '36.8', '36.4', '365', '36.7', '36.6', '36.5', '36.9'];
    for (const [i, value] of typed.entries()) {
      await page.keyboard.type(value);
      await page.keyboard.press('Enter');
      await expect.poll(() => inputs.nth(i + 1).evaluate((el) => el === document.activeElement)).toBe(true);
    }
    // "366" is taken (as 36.6 ℃), and the fever shows before saving.
    expect(await rows.nth(2).getAttribute('class')).not.toContain('fk-round-error');
    expect(await rows.first().getAttribute('class')).toContain('fk-round-fever');

    // The other twenty are normal: one action fills them, and the focus goes to save, which Enter presses.
    await page.getByTestId('round-all-normal').click();
    await expect.poll(() => page.getByTestId('round-save').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('round-save').textContent()).toContain('30');
    const response = page.waitForResponse((r) => r.url().includes('/api/readings/batch'));
    await page.keyboard.press('Enter');
    const answer = await (await response).json() as { readings: { abnormal: boolean; temperature: number }[]; alerts: unknown[] };
    expect({ checked: answer.readings.length, abnormal: answer.readings.filter((r) => r.abnormal).length }).toEqual({ checked: 30, abnormal: 1 });
    expect(answer.readings.filter((r) => r.temperature === 36.6)).toHaveLength(2);
    expect(answer.alerts).toHaveLength(1);
    await page.getByTestId('round-result').waitFor();
    await page.getByTestId('round-alerts-link').waitFor();

    // The manager sees the alert at once and isolates the person in a free room through the form.
    await page.getByTestId('sign-out').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/login'));
    await signIn(page, server.url, 'eldercare-manager');
    await page.goto(`${server.url}/alerts`);
    const alert = page.getByTestId('alert-row').filter({ hasText: feverish });
    await alert.first().click();
    await page.waitForURL((u) => /\/alerts\/[0-9a-f-]{36}/.test(u.pathname));
    await page.getByTestId('alert-place').first().click();

    // The person and the reason come from the alert; the nurse's manager picks the first free room.
    const room = page.getByTestId('placement-room');
    await room.click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)').first();
    const roomName = ((await option.textContent()) ?? '').split(' · ')[0] ?? '';
    expect(roomName).not.toBe('');
    await option.click();
    const placed = page.waitForResponse((r) => r.url().endsWith('/api/placements') && r.request().method() === 'POST');
    await page.getByTestId('placement-submit').click();
    expect((await placed).status()).toBe(201);

    // The alert's "isolate" step is done by the placement itself.
    const isolate = page.locator('[data-testid="alert-step"][data-step="isolate"]');
    await expect.poll(() => isolate.getAttribute('data-done')).toBe('true');
    await page.goto(`${server.url}/isolation`);
    await page.getByText(feverish).first().waitFor();
  });
});
