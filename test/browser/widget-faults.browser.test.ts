import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { startRedisServer, startRedisServerOn, type RunningServer } from '../helpers/redis-server.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';

// Issue #11: the widget when the service has trouble. Finding 2: with Redis down the person sees a calm notice with
// the help lines, the message stays, and it goes through by itself once Redis is back.
const launcher = '#huurhulp > button[aria-controls]';
const botLines = '[role="log"] [data-from="bot"]:not([data-local])';
const youLines = '[role="log"] [data-from="you"]';

async function widgetString(key: string): Promise<string> {
  const raw: unknown = JSON.parse(await readFile(new URL('../../locales/nl/widget.json', import.meta.url), 'utf8'));
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  if (typeof value !== 'string') throw new Error(`no widget string ${key}`);
  return value;
}

async function openChat(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 740 } })).newPage();
  await page.goto(`${url}/`);
  await page.locator(launcher).click();
  await page.locator('#huurhulp [data-action="start"]').click();
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 0, botLines, { timeout: 15_000 });
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.locator('#huurhulp-text').fill(text);
  await page.locator('#huurhulp-text').press('Enter');
}

describe('the widget when Redis is down (Chromium, real Redis)', () => {
  let redis: RunningServer;
  let app: StartedApp;
  let browser: Browser;

  beforeAll(async () => {
    redis = await startRedisServer();
    app = await startApp({ store: 'redis', redisUrl: redis.url });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await redis?.stop();
  });

  it('shows the calm notice with the help lines, keeps the message, and sends it by itself when Redis is back', async () => {
    const page = await openChat(browser, app.url);
    const before = await page.locator(botLines).count();
    await redis.stop();
    await say(page, 'hallo');

    const notice = page.locator('#huurhulp .hh-notice');
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await notice.textContent()).toBe(await widgetString('unavailable'));
    expect(await notice.textContent()).toContain('0800-8115');
    expect(await notice.getAttribute('role')).toBe('status');
    // The person's line stays in the chat: it will be sent.
    expect(await page.locator(youLines).last().textContent()).toContain('hallo');

    redis = await startRedisServerOn(redis.port);
    // Retries come after 2, 4, 8 s; the client reconnects within 2 s.
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [botLines, before] as const, { timeout: 25_000 });
    await notice.waitFor({ state: 'hidden', timeout: 5_000 });
    expect(await page.locator(youLines).last().textContent()).toContain('hallo');
  }, 60_000);
});
