import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { COVID_RULE_TEXTS, DEFAULT_TIME_ZONE, MOURNER_REFUSAL_TEXTS } from '@fangkong/domain';
import { choose, signIn, useDemo } from './harness.js';

const env = useDemo();

/** A wall-clock time of the deployment, `days` from now, as the pickers take it (YYYY-MM-DD HH:mm). */
function wallClock(days: number, time?: string): string {
  const at = new Date(Date.now() + days * 86_400_000);
  const day = at.toLocaleDateString('sv-SE', { timeZone: DEFAULT_TIME_ZONE });
  return `${day} ${time ?? at.toLocaleTimeString('sv-SE', { timeZone: DEFAULT_TIME_ZONE, hour: '2-digit', minute: '2-digit' })}`;
}

/** An ID number whose check character is right (GB 11643), unique to this run. */
function idNumber(): string {
  const body = `110105${'1950'}0101${String(Date.now() % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((n, c, i) => n + Number(c) * (weights[i] ?? 0), 0);
  return body + '10X98765432'[sum % 11];
}

/** The picker's input under a test id (antd puts the id on the input or around it). */
function pickerInput(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

async function pick(page: Page, testId: string, value: string): Promise<void> {
  const input = pickerInput(page, testId);
  await input.click();
  await input.fill(value);
  // A time picker confirms with its OK button; a date picker takes the typed date as it loses focus
  // (Enter would also submit the form).
  const ok = page.locator('.ant-picker-dropdown:visible .ant-picker-ok button');
  if (await ok.count()) await ok.last().click();
  else await input.press('Tab');
  await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
  await expect.poll(() => input.inputValue()).toBe(value);
}

describe('a funeral site\'s days', () => {
  it('books a two-day event, registers mourners from their phones, records disinfections, walks a COVID-19 case to the archive and refuses mourning for it', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'funeral-manager');

    // A hall of its own for the story, added through the halls' management.
    const hallName = `E2E厅${Date.now() % 10000}`;
    await page.goto(`${server.url}/funeral/calendar`);
    await page.getByTestId('manage-halls').click();
    await page.getByTestId('hall-add').click();
    await page.getByTestId('hall-name').fill(hallName);
    await page.getByTestId('hall-capacity').fill('30');
    await page.getByTestId('hall-submit').click();
    await page.getByTestId('halls-table').getByText(hallName).waitFor();
    await page.keyboard.press('Escape');

    // A two-day event from now to tomorrow afternoon.
    await page.getByTestId('book-event').click();
    await choose(page, 'book-hall', hallName);
    await page.getByTestId('book-deceased').fill('张永福');
    await pick(page, 'book-date-of-death', wallClock(-1).slice(0, 10));
    await page.getByTestId('book-family-name').fill('张明');
    await page.getByTestId('book-family-phone').fill('13900001234');
    await pick(page, 'book-starts', wallClock(0));
    await pick(page, 'book-ends', wallClock(1, '17:00'));
    const booked = page.waitForResponse((r) => r.url().endsWith('/api/funeral/events') && r.request().method() === 'POST');
    await page.getByTestId('book-submit').click();
    expect((await booked).status()).toBe(201);
    await page.waitForURL((u) => u.pathname.startsWith('/funeral/events/'));
    const eventId = page.url().split('/').pop() ?? '';

    // Two mourners on their phones: one admitted, one with a cough refused with the plan's words.
    const link = await page.evaluate(async (id) => ((await (await fetch(`/api/funeral/events/${id}/register-link`)).json()) as { url: string }).url, eventId);
    expect(link).toMatch(/^\/m\//);
    for (const [name, phone, symptom] of [['李吊唁', '13800003333', 'none'], ['王咳嗽', '13800004444', 'cough']] as const) {
      const phonePage = await page.context().newPage();
      await phonePage.setViewportSize({ width: 390, height: 844 });
      await phonePage.goto(`${server.url}${link}`);
      await phonePage.getByTestId('mourner-event').waitFor();
      await phonePage.getByTestId('mourner-name').fill(name);
      await phonePage.getByTestId('mourner-phone').fill(phone);
      await phonePage.getByTestId(`symptom-${symptom}`).click();
      await phonePage.getByTestId('mourner-consent').check();
      await phonePage.getByTestId('mourner-submit').click();
      if (symptom === 'none') {
        await phonePage.getByTestId('mourner-admitted').waitFor();
      } else {
        expect((await phonePage.getByTestId('mourner-refusal').innerText()).trim()).toBe(MOURNER_REFUSAL_TEXTS.symptoms['zh-CN']);
      }
      await phonePage.close();
    }

    // The event's page counts one mourner (live), and records two disinfections of the hall.
    await expect.poll(async () => page.getByTestId('mourner-row').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('mourner-row').filter({ hasText: '李吊唁' }).waitFor();
    for (const agent of ['含氯消毒液 500mg/L', '过氧乙酸 0.2%']) {
      await page.getByTestId('event-record-routine').click();
      await page.getByTestId('disinfection-agent').fill(agent);
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/funeral/disinfections') && r.request().method() === 'POST');
      await page.getByTestId('disinfection-submit').click();
      expect((await saved).status()).toBe(201);
      await page.getByTestId('disinfection-form').waitFor({ state: 'detached' });
    }
    await expect.poll(() => page.getByTestId('event-disinfection').count()).toBe(2);

    // A COVID-19 deceased: the case opened and walked along its chain to the archive.
    const id = idNumber();
    await page.goto(`${server.url}/funeral/cases`);
    await page.getByTestId('open-case').click();
    await page.getByTestId('case-deceased').fill('赵新冠');
    await page.getByTestId('case-id-number').fill(id);
    await pick(page, 'case-date-of-death', wallClock(0).slice(0, 10));
    await page.getByTestId('case-hospital').fill('示范市第一人民医院');
    await page.getByTestId('case-notified-by').fill('民政局值班员');
    await page.getByTestId('case-submit').click();
    await page.waitForURL((u) => /\/funeral\/cases\/[0-9a-f-]{36}$/.test(u.pathname));

    // The family asks for a farewell: refused with rule 9's words.
    await page.getByTestId('family-asks').click();
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').filter({ hasText: '举行遗体告别仪式' }).click();
    await expect.poll(async () => (await page.getByTestId('request-refusal').innerText()).includes(COVID_RULE_TEXTS[9]['zh-CN'])).toBe(true);

    const facts: Record<string, readonly string[]> = {
      handover: ['sanitaryTreatment', 'deathCertificate', 'cremateAtOnceOnForm'],
      collected: ['dedicatedStaffAndVehicle', 'protectiveSuit', 'goggles'],
      cremated: ['protectiveSuit', 'goggles'],
    };
    for (const step of ['handover', 'collected', 'cremated', 'certified', 'ashes_released', 'disinfected', 'archived']) {
      const form = page.locator(`[data-testid="step-form"][data-step="${step}"]`);
      await form.waitFor();
      for (const f of facts[step] ?? []) await form.getByTestId(`fact-${f}`).check();
      if (step === 'ashes_released') await form.getByTestId('fact-ashesTo').getByText('交亲属取走').click();
      const recorded = page.waitForResponse((r) => r.url().endsWith('/steps') && r.request().method() === 'POST');
      await form.getByTestId('step-submit').click();
      expect((await recorded).status()).toBe(200);
    }
    await page.getByTestId('case-archived').waitFor();
    expect(await page.getByTestId('case-step-done').count()).toBe(8);

    // Mourning for that deceased (the same ID number) is refused with rule 9's words.
    await page.goto(`${server.url}/funeral/calendar`);
    await page.getByTestId('book-event').click();
    await choose(page, 'book-hall', '安宁厅');
    await page.getByTestId('book-deceased').fill('赵新冠');
    await page.getByTestId('book-id-number').fill(id);
    await pick(page, 'book-date-of-death', wallClock(0).slice(0, 10));
    await page.getByTestId('book-family-name').fill('赵家属');
    await page.getByTestId('book-family-phone').fill('13900005678');
    await pick(page, 'book-starts', wallClock(2, '09:00'));
    await pick(page, 'book-ends', wallClock(2, '17:00'));
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/funeral/events') && r.request().method() === 'POST');
    await page.getByTestId('book-submit').click();
    expect((await refused).status()).toBeGreaterThanOrEqual(400);
    await expect.poll(async () => (await page.getByTestId('book-form').innerText()).includes(COVID_RULE_TEXTS[9]['zh-CN'])).toBe(true);
  }, 300_000);
});
