import sparticuzChromium from '@sparticuz/chromium';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { adminSecret } from './helpers/auth.js';

/** Swagger UI's "Authorize" with an API key, in a real headless Chromium (as swagger-ui.browser.test.ts). */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ADMIN = adminSecret();
let svc: TestService;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  svc = await startTestService({ ADMIN_API_KEY: ADMIN });
  const address = svc.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const override = process.env.CHROMIUM_PATH;
  browser = await chromium.launch({ executablePath: override ?? (await sparticuzChromium.executablePath()), args: FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

async function listKeysStatus(page: import('playwright-core').Page): Promise<string | undefined> {
  const op = page.locator('#operations-API_keys-listApiKeys');
  if (!(await op.locator('button:has-text("Execute")').isVisible())) await op.locator('.opblock-summary').click();
  await op.getByRole('button', { name: 'Execute' }).click();
  const status = op.locator('.live-responses-table tbody .response-col_status').first();
  await status.waitFor({ timeout: 20_000 });
  return (await status.textContent())?.trim();
}

describe('Swagger UI "Authorize"', () => {
  it('sends the key given in the Authorize dialog: GET /keys answers 401 before, 200 after', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs`);
    await page.waitForSelector('.opblock', { timeout: 20_000 });
    expect(await listKeysStatus(page)).toBe('401');
    await page.locator('.auth-wrapper .authorize').click();
    const dialog = page.locator('.dialog-ux');
    await dialog.locator('input[type="text"], input[type="password"]').first().fill(ADMIN);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done, button.close-modal').first().click();
    const op = page.locator('#operations-API_keys-listApiKeys');
    await op.locator('.live-responses-table').waitFor();
    await op.getByRole('button', { name: 'Clear' }).click();
    expect(await listKeysStatus(page)).toBe('200');
    expect(await op.locator('.live-responses-table').textContent()).toContain('bootstrap-admin');
    await page.close();
  }, 60_000);
});
