import { describe, expect, it } from 'vitest';
import { signIn, useDemo } from './harness.js';

const env = useDemo();

describe('a morning at the gate, on phones', () => {
  it('two visitors register through the QR link; the guard refuses 37.8 ℃, admits 36.5 ℃, and checks the visitor out', async () => {
    const { page, server } = env;
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server.url, 'eldercare-staff');
    const link = await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json() as { user: { roles: { nodeId: string }[] } };
      const siteId = me.user.roles[0]?.nodeId ?? '';
      const l = await (await fetch(`/api/sites/${siteId}/visitor-link`)).json() as { url: string };
      return { siteId, url: l.url };
    });

    // Two visitors, each on "their phone": a fresh page without the staff's session.
    const codes: Record<string, string> = {};
    for (const [name, phone] of [['发热访客', '13800001111'], ['健康访客', '13800002222']] as const) {
      // Another tab: the public page ignores the staff's session, so sharing the browser is harmless
      // (clearing its cookies would sign the guard out).
      const visitorPage = await page.context().newPage();
      await visitorPage.setViewportSize({ width: 390, height: 844 });
      await visitorPage.goto(`${server.url}${link.url}`);
      await visitorPage.getByTestId('visitor-name').fill(name);
      await visitorPage.getByTestId('visitor-phone').fill(phone);
      await visitorPage.getByTestId('visitor-visiting').fill('看望老人');
      await visitorPage.getByTestId('code-green').click();
      await visitorPage.getByTestId('symptom-none').click();
      await visitorPage.getByTestId('travel-no').click();
      await visitorPage.getByTestId('visitor-consent').check();
      await visitorPage.getByTestId('visitor-submit').click();
      const code = (await visitorPage.getByTestId('visitor-code').innerText()).trim();
      expect(code).toMatch(/^[A-Z2-9]{6}$/);
      codes[name] = code;
      await visitorPage.close();
    }

    await page.goto(`${server.url}/gate?siteId=${link.siteId}`);
    const feverCard = page.getByTestId('pending-card').filter({ hasText: '发热访客' });
    await feverCard.waitFor();
    await feverCard.getByTestId('pending-expand').click();
    await feverCard.getByTestId('screen-temp').fill('37.8');
    await feverCard.getByTestId('screen-admit').click();
    await feverCard.waitFor({ state: 'detached', timeout: 45_000 });

    const okCard = page.getByTestId('pending-card').filter({ hasText: '健康访客' });
    await okCard.getByTestId('pending-expand').click();
    await okCard.getByTestId('screen-temp').fill('36.5');
    await okCard.getByTestId('screen-admit').click();
    const inside = page.getByTestId('inside-row').filter({ hasText: '健康访客' });
    await inside.waitFor({ timeout: 45_000 });
    expect(await page.getByTestId('inside-row').filter({ hasText: '发热访客' }).count()).toBe(0);

    const refused = await page.evaluate(async (siteId) => {
      const res = await (await fetch(`/api/visits?siteId=${siteId}&status=refused`)).json() as { visits: { name: string; refusalReasons: string[] }[] };
      return res.visits.find((v) => v.name === '发热访客')?.refusalReasons ?? [];
    }, link.siteId);
    expect(refused).toEqual(['fever']);

    await inside.getByTestId('checkout-button').click();
    await inside.waitFor({ state: 'detached', timeout: 45_000 });
    const gate = await page.evaluate(async (siteId) => (await (await fetch(`/api/sites/${siteId}/gate`)).json() as { insideNow: number }).insideNow, link.siteId);
    expect(gate).toBe(0);
  });
});
