import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signIn, useDemo } from './harness.js';

const ROSTER = fileURLToPath(new URL('../packages/server/test/fixtures/roster-libreoffice.xlsx', import.meta.url));
const FULL_IDS = ['350102193805120029', '350203194211030030', '350102198507210045', '350203197802140059'];

const env = useDemo();

describe('a site manager imports a roster from a Chinese Excel file', () => {
  it('previews, sees the bad rows flagged, imports the good ones and finds them listed with masked IDs', async () => {
    const { page, server } = env;
    await signIn(page, server.url, 'eldercare-manager');
    await page.goto(`${server.url}/people/import`);
    await page.getByTestId('roster-file').locator('input[type="file"]').setInputFiles(ROSTER);
    await page.getByTestId('import-preview').click();

    // The preview maps the Chinese headers and flags row 6 (check character) and row 7 (phone).
    const rows = page.getByTestId('import-rows');
    await rows.waitFor();
    const previewText = await page.locator('body').innerText();
    expect(previewText).toContain('校验位');
    expect(previewText).toContain('手机号');
    for (const id of FULL_IDS) expect(previewText).not.toContain(id);

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-view-list').click();
    await page.waitForURL((u) => u.pathname === '/people');
    // The home already has its own residents: show a page large enough for everyone.
    const url = new URL(page.url());
    url.searchParams.set('size', '100');
    await page.goto(url.toString());
    const table = page.getByTestId('people-table');
    await table.getByText('林秀英').waitFor();
    const listed = await table.innerText();
    for (const name of ['林秀英', '陈德明', '黄丽华', '郑建国']) expect(listed).toContain(name);
    for (const name of ['王桂兰', '张福生']) expect(listed).not.toContain(name);
    expect(listed).toContain('350102********0029');
    for (const id of FULL_IDS) expect(listed).not.toContain(id);
  });
});
