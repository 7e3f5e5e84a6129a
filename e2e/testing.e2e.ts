import { describe, expect, it } from 'vitest';
import { signIn, useDemo } from './harness.js';

const env = useDemo();

describe('应检尽检 in a town', () => {
  it('the town officer sees staff overdue, samples them in one session, and the town reaches 100%', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'town-officer');

    // The demo's elderly-care home and child-welfare site of the officer's town: their staff are overdue.
    const names = await page.evaluate(async () => {
      const res = await (await fetch('/api/org/nodes')).json() as { nodes: { kind: string; siteType: string | null; name: string }[] };
      const site = (type: string, suffix: string) => res.nodes.find((n) => n.kind === 'site' && n.siteType === type && n.name.endsWith(suffix))?.name ?? '';
      return { elderly: site('elderly_care', '敬老院'), child: site('child_welfare', '儿童关爱中心') };
    });
    expect(names.elderly).not.toBe('');
    expect(names.child).not.toBe('');

    const rate = page.getByTestId('compliance-rate');
    await page.goto(`${server.url}/testing/compliance`);
    await expect.poll(() => rate.textContent()).toMatch(/^\d+(\.\d)?%$/);
    expect(await rate.textContent()).not.toBe('100%');
    expect(await page.getByTestId('compliance-town-row').count()).toBeGreaterThan(0);

    // A sampling session for the two sites, through the form: the officer's only town is chosen already.
    await page.goto(`${server.url}/testing/sessions`);
    await page.getByTestId('session-create').click();
    await page.getByTestId('session-form-point').waitFor();
    expect(await page.getByTestId('session-form-town').textContent()).toContain('城关街道');
    await page.getByTestId('session-form-point').fill('城关街道卫生院采样点');
    const sites = page.getByTestId('session-form-sites');
    await sites.getByText(names.elderly, { exact: true }).click();
    await sites.getByText(names.child, { exact: true }).click();
    const created = page.waitForResponse((r) => r.url().endsWith('/api/test-sessions') && r.request().method() === 'POST');
    await page.getByTestId('session-submit').click();
    expect((await created).status()).toBe(201);
    await page.waitForURL((u) => /\/testing\/sessions\/[0-9a-f-]{36}$/.test(u.pathname));

    // Everyone listed came and tested negative: one action, one save.
    const rows = page.getByTestId('session-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await page.getByTestId('session-all-negative').click();
    const saved = page.waitForResponse((r) => /\/api\/test-sessions\/[0-9a-f-]{36}\/entries$/.test(r.url()) && r.request().method() === 'POST');
    await page.getByTestId('session-save').click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    const body = await answer.json() as { session: { counts: { listed: number; sampled: number; negative: number; absent: number } } };
    expect(body.session.counts.sampled).toBe(body.session.counts.listed);
    expect(body.session.counts.negative).toBe(body.session.counts.listed);
    await page.getByTestId('session-saved').waitFor();

    // The rescue station's staff were tested recently: the whole town is now covered.
    await page.goto(`${server.url}/testing/compliance`);
    await expect.poll(() => rate.textContent()).toBe('100%');
  });
});
