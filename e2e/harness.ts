import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

const CLI = fileURLToPath(new URL('../packages/server/src/cli/main.ts', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface DemoServer {
  url: string;
  stop(): Promise<void>;
}

/** `fangkong serve --demo` on a fresh embedded database in a temporary folder, exactly as `npm start` runs it. */
export async function startDemoServer(extraEnv: Record<string, string> = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fangkong-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--demo'], {
    // Two-factor sign-in is not required unless a test sets TWO_FACTOR_ROLES.
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'warn', TWO_FACTOR_ROLES: 'none', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
    const poll = setInterval(() => {
      if (output.includes('Fangkong is running')) {
        clearInterval(poll);
        resolve();
      }
    }, 100);
  });
  return {
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'fangkong-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  // Generous: CI machines are small, and a slow step should not read as a broken one.
  context.setDefaultTimeout(45_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, baseUrl: string, username: string, password = 'Fangkong#2020'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * One demo server and one browser for a test file: started before its tests, stopped after.
 * Read `env.server` and `env.page` inside the tests.
 */
export function useDemo(extraEnv: Record<string, string> = {}): { readonly server: DemoServer; readonly page: Page } {
  let server: DemoServer | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    server = await startDemoServer(extraEnv);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('demo server not started');
      return server;
    },
    get page() {
      if (!browser) throw new Error('browser not started');
      return browser.page;
    },
  };
}

/** Signs out from a page without a drawer or modal over the header. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').first().click();
  await page.waitForURL((u) => u.pathname.startsWith('/login'));
}

/**
 * In today's round of the signed-in nurse's site: 38.9 ℃ for the first person, everyone else
 * normal, saved. Returns the feverish person's name and the alerts the save opened.
 */
export async function enterFeverInRound(page: Page, baseUrl: string): Promise<{ person: string; alerts: { id: string }[] }> {
  await page.goto(`${baseUrl}/rounds`);
  const rows = page.getByTestId('round-row');
  await rows.first().waitFor();
  const person = (await rows.first().getAttribute('data-person-name')) ?? '';
  await page.getByTestId('round-temp').first().focus();
  await page.keyboard.type('38.9');
  await page.keyboard.press('Enter');
  await page.getByTestId('round-all-normal').click();
  const saved = page.waitForResponse((r) => r.url().includes('/api/readings/batch'));
  await page.getByTestId('round-save').click();
  return { person, alerts: ((await (await saved).json()) as { alerts: { id: string }[] }).alerts };
}

/** Signs in and waits for the header's bell; returns a reading of its unread count. */
export async function signInWithBell(page: Page, baseUrl: string, username: string): Promise<() => Promise<number>> {
  await signIn(page, baseUrl, username);
  const unread = page.getByTestId('notification-unread');
  await page.getByTestId('notification-bell').waitFor();
  return async () => Number((await unread.textContent()) ?? '0');
}

/**
 * A second browser for the town office, open for the whole file: the officer watches a fever
 * arrive while the site's pages are driven in the first.
 */
export function useTownBrowser(): { readonly page: Page } {
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get page() {
      if (!browser) throw new Error('no second browser');
      return browser.page;
    },
  };
}

/**
 * The opening of the fever stories: the town officer signed in with the bell on screen, then a
 * nurse of the first elderly-care home records a fever in the round. Returns the bell's reading,
 * its count before, the feverish person and the alerts the round opened.
 */
export async function feverWatchedByTown(site: Page, town: Page, baseUrl: string) {
  const unreadCount = await signInWithBell(town, baseUrl, 'town-officer');
  const before = await unreadCount();
  await signIn(site, baseUrl, 'eldercare-staff');
  const { person, alerts } = await enterFeverInRound(site, baseUrl);
  return { unreadCount, before, person, alerts };
}

/**
 * Opens the select with this test id and picks the option showing `text`, until the select shows
 * it: on a loaded machine a click can land while the dropdown is still opening and pick nothing.
 */
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  await expect.poll(async () => {
    if ((await select.textContent())?.includes(text)) return true;
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click({ timeout: 5000 }).catch(() => undefined);
    return (await select.textContent())?.includes(text) ?? false;
  }, { timeout: 40_000 }).toBe(true);
}
