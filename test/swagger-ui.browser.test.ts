import sparticuzChromium from '@sparticuz/chromium';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';

/**
 * Swagger UI in a real headless Chromium. By default the Chromium packed inside the npm package
 * `@sparticuz/chromium` (a devDependency, unpacked to the temp folder on first use), so `npm ci &&
 * npm test` needs no system browser and no root. `CHROMIUM_PATH` overrides it with a browser of
 * your own (e.g. Debian's /usr/bin/chromium).
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function launchChromium(): Promise<Browser> {
  const override = process.env.CHROMIUM_PATH;
  if (override) return chromium.launch({ executablePath: override, args: FLAGS });
  // The package's own `args` are tuned for AWS Lambda (`--single-process`, which ends the browser
  // when its first page closes); this headless-shell build runs with the flags above alone.
  const executablePath = await sparticuzChromium.executablePath();
  return chromium.launch({ executablePath, args: FLAGS });
}

/** Swagger UI renders in a few seconds; on a busy shared machine it took over 30 s, hence the margin. */
const UI_TIMEOUT_MS = 90_000;

let svc: TestService;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  svc = await startTestService();
  const address = svc.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

describe('Swagger UI at /docs', () => {
  it('shows every operation of the OpenAPI document', { timeout: 2 * UI_TIMEOUT_MS }, async () => {
    const doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, object> };
    const expected = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs`);
    await page.waitForSelector('.opblock', { timeout: UI_TIMEOUT_MS });
    expect(await page.locator('.opblock').count()).toBe(expected);
    expect(await page.locator('.info .title').textContent()).toContain('Breakeven');
    await page.close();
  });

  it('runs "Try it out" on GET /hardware/{id} and shows the 404 problem response', { timeout: 3 * UI_TIMEOUT_MS }, async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs`);
    const op = page.locator('#operations-Hardware-getHardware');
    await op.locator('.opblock-summary').click();
    // tryItOutEnabled: the parameters are editable as soon as the operation opens.
    await op.locator('input[placeholder="id"]').fill('no-such-gpu');
    await op.getByRole('button', { name: 'Execute' }).click();
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: UI_TIMEOUT_MS });
    expect((await status.textContent())?.trim()).toBe('404');
    expect(await op.locator('.live-responses-table').textContent()).toContain("No hardware profile with id 'no-such-gpu'");
    await page.close();
  });
});
