import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';

/**
 * Swagger UI in a real headless Chromium (Debian's package; .ci/run installs it). Set
 * CHROMIUM_PATH where it lives elsewhere.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let svc: TestService;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  svc = await startTestService();
  const address = svc.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath, args: FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

describe('Swagger UI at /docs', () => {
  it('shows every operation of the OpenAPI document', async () => {
    const doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, object> };
    const expected = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs`);
    await page.waitForSelector('.opblock', { timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBe(expected);
    expect(await page.locator('.info .title').textContent()).toContain('Breakeven');
    await page.close();
  });

  it('runs "Try it out" on GET /hardware/{id} and shows the 404 problem response', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs`);
    const op = page.locator('#operations-Hardware-getHardware');
    await op.locator('.opblock-summary').click();
    // tryItOutEnabled: the parameters are editable as soon as the operation opens.
    await op.locator('input[placeholder="id"]').fill('no-such-gpu');
    await op.getByRole('button', { name: 'Execute' }).click();
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 20_000 });
    expect((await status.textContent())?.trim()).toBe('404');
    expect(await op.locator('.live-responses-table').textContent()).toContain("No hardware profile with id 'no-such-gpu'");
    await page.close();
  });
});
