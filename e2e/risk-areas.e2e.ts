import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { localDay } from '@fangkong/domain';
import { signIn, useDemo } from './harness.js';

const env = useDemo();

/** A sheet as a bureau writes one: a town of the demo, a region elsewhere, and a row with a level nobody uses. */
async function sheet(day: string): Promise<{ path: string; done: () => void }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('风险地区');
  ws.addRow(['地区', '风险等级', '起始日期', '结束日期', '备注']);
  ws.addRow(['东湖镇', '中', day, null, '聚集性疫情']);
  ws.addRow(['外省某市', '高', day, null, null]);
  ws.addRow(['某县', '极高', day, null, null]);
  const dir = mkdtempSync(join(tmpdir(), 'fangkong-risk-'));
  const path = join(dir, '风险地区.xlsx');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return { path, done: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('the bureau imports its list of risk areas', () => {
  it('previews the sheet with the bad row named, imports the good rows, and a site of the town shows the level it inherits', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'admin');
    // The server's today, as the pages have it.
    const { user } = await page.evaluate(async () => (await fetch('/api/auth/me')).json() as Promise<{ user: { clockOffsetMs: number; timeZone: string } }>);
    const day = localDay(new Date(Date.now() + user.clockOffsetMs), user.timeZone);
    const file = await sheet(day);
    try {
      await page.goto(`${server.url}/risk-areas`);
      await page.getByTestId('risk-import').click();
      await page.getByTestId('risk-import-file').locator('input[type="file"]').setInputFiles(file.path);
      await page.getByTestId('risk-import-preview').click();
      const rows = page.getByTestId('risk-import-rows');
      await rows.waitFor();
      // The problems first; all the rows with the switch off.
      expect(await rows.innerText()).toContain('风险等级应为 高、中 或 低');
      await page.locator('#risk-only-errors').click();
      await rows.getByText('外省某市').waitFor();
      expect(await rows.innerText()).toContain('东湖镇');

      await page.getByTestId('risk-import-commit').click();
      await page.getByTestId('risk-import-view').click();
      await page.waitForURL((u) => u.pathname === '/risk-areas');
      await page.locator('[data-testid="risk-row"][data-region="东湖镇"]').waitFor();
      expect(await page.locator('[data-testid="risk-row"][data-region="某县"]').count()).toBe(0);

      // A site of 东湖镇 inherits the level, and says from where.
      const sites = await page.evaluate(async () => (await fetch('/api/org/nodes?kind=site')).json() as Promise<{ nodes: { id: string; path: string }[] }>);
      const towns = await page.evaluate(async () => (await fetch('/api/org/nodes?kind=town&q=东湖镇')).json() as Promise<{ nodes: { id: string }[] }>);
      const town = towns.nodes[0]?.id ?? '';
      const site = sites.nodes.find((s) => s.path.includes(`/${town}/`));
      expect(site).toBeDefined();
      await page.goto(`${server.url}/sites/${site?.id ?? ''}`);
      const inherited = page.getByTestId('inherited-risk');
      await inherited.waitFor();
      expect(await inherited.innerText()).toContain(`中风险（继承自 东湖镇，${day} 起）`);
    } finally {
      file.done();
    }
  });
});
