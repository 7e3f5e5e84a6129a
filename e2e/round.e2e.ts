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

    // The first person has a fever; everyone else is entered by keyboard alone, a value and Enter each.
    const feverish = (await rows.first().getAttribute('data-person-name')) ?? '';
    expect(feverish).not.toBe('');
    await page.getByTestId('round-temp').first().click();
    await page.keyboard.type('38.6');
    await page.keyboard.press('Enter');
    for (let i = 1; i < 30; i++) {
      await page.keyboard.type(i % 3 === 0 ? '366' : '36.5');
      await page.keyboard.press('Enter');
    }
    // Enter on the last row lands on the save button.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'round-save');
    await page.keyboard.press('Enter');
    await page.getByText(/1\s*(条|个)?.*预警|1 alert/).first().waitFor({ timeout: 45_000 });

    const saved = await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json() as { user: { roles: { nodeId: string }[] } };
      const round = await (await fetch(`/api/sites/${me.user.roles[0]?.nodeId}/rounds/today`)).json() as { coverage: { checked: number; abnormal: number } };
      return round.coverage;
    });
    expect(saved).toMatchObject({ checked: 30, abnormal: 1 });

    // The manager sees the alert at once and isolates the person in a free room.
    await page.getByTestId('sign-out').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/login'));
    await signIn(page, server.url, 'eldercare-manager');
    await page.goto(`${server.url}/alerts`);
    const alert = page.getByTestId('alert-row').filter({ hasText: feverish });
    await alert.first().waitFor();
    await alert.first().click();
    await page.getByTestId('alert-place').first().click();
    await page.getByTestId('placement-room').first().click();
    await page.locator('.ant-select-dropdown .ant-select-item-option:not(.ant-select-item-option-disabled)').first().click();
    await page.getByTestId('placement-submit').first().click();

    const placed = await page.waitForFunction(async (name) => {
      const res = await fetch('/api/placements?active=true');
      const body = await res.json() as { placements: { personName: string }[] };
      return body.placements.some((p) => p.personName === name);
    }, feverish, { timeout: 45_000 });
    expect(await placed.jsonValue()).toBe(true);
    const steps = await page.evaluate(async () => {
      const body = await (await fetch('/api/alerts?status=open')).json() as { alerts: { steps: { step: string; doneAt: string | null }[] }[] };
      return body.alerts[0]?.steps.find((s) => s.step === 'isolate')?.doneAt ?? null;
    });
    expect(steps).not.toBeNull();
  });
});
