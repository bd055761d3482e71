import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeDefinitions } from '../../src/shared/locale-registry.js';
import { describeViolations, launchChromium, runAxe } from '../helpers/chromium.js';
import { startApp } from '../helpers/start-app.js';
import { botLines, botTexts, waitForBotAfter } from '../helpers/widget-log.js';

const xss = '<img src=x onerror=alert(1)>';
const launcher = '#huurhulp > button[aria-controls]';

async function widgetStrings(locale: 'nl' | 'en'): Promise<Record<string, unknown>> {
  const raw: unknown = JSON.parse(await readFile(new URL(`../../locales/${locale}/widget.json`, import.meta.url), 'utf8'));
  return typeof raw === 'object' && raw !== null ? { ...raw } : {};
}

/** Everything the page asks the network for (HTTP and websockets), and every JS dialog it opens. */
function watch(page: Page): { urls: string[]; dialogs: string[] } {
  const seen = { urls: [] as string[], dialogs: [] as string[] };
  page.on('request', (request) => seen.urls.push(request.url()));
  page.on('websocket', (socket) => seen.urls.push(socket.url()));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

function foreign(urls: readonly string[], origin: string): string[] {
  const host = new URL(origin).host;
  return urls.filter((url) => new URL(url).host !== host);
}

/** Presses Tab until the focused element matches `selector` (keyboard only, like a person without a mouse). */
async function tabTo(page: Page, selector: string, maxTabs = 60): Promise<void> {
  for (let i = 0; i <= maxTabs; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`No focus on ${selector} after ${maxTabs} Tab presses`);
}

/** Presses Tab until `document.activeElement.dataset.payload` is `payload`, then Enter. */
async function pressPayload(page: Page, payload: string, maxTabs = 60): Promise<void> {
  for (let i = 0; i <= maxTabs; i++) {
    const focused = await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.dataset.payload : undefined));
    if (focused === payload) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`No button with payload ${payload} reached after ${maxTabs} Tab presses`);
}

async function storageState(page: Page): Promise<{ local: number; session: number; cookie: string }> {
  return page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
}

/** Crude but honest: more English-only than Dutch-only function words. */
function looksEnglish(text: string): boolean {
  const en = new Set(['the', 'you', 'your', 'are', 'to', 'and', 'what', 'can', 'will', 'of', 'do', 'not', 'with', 'for', 'have', 'this', 'that', 'who', 'i', 'am']);
  const nl = new Set(['de', 'het', 'je', 'jouw', 'een', 'en', 'wat', 'kan', 'kun', 'niet', 'ik', 'van', 'met', 'voor', 'dat', 'er', 'wil', 'hebt', 'bent', 'wie', 'jij']);
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.filter((w) => en.has(w)).length > words.filter((w) => nl.has(w)).length;
}

describe('web widget in Chromium', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function openPage(width: number): Promise<{ page: Page; context: BrowserContext; seen: ReturnType<typeof watch> }> {
    const context = await browser.newContext({ viewport: { width, height: 740 } });
    contexts.push(context);
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${app.url}/`);
    await page.locator(launcher).waitFor();
    return { page, context, seen };
  }

  beforeAll(async () => {
    app = await startApp({ store: 'memory' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('at 320 px: no request, cookie or storage before the first message, and the panel fits the screen', async () => {
    const { page, context, seen } = await openPage(320);
    const nl = await widgetStrings('nl');

    expect(await page.title()).toBe('huurhulp — demo');
    await tabTo(page, launcher);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(launcher).getAttribute('aria-expanded')).toBe('true');
    // Focus goes into the panel, on the local start button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('start');
    expect(await page.locator('[role="log"]').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#huurhulp-text').getAttribute('maxlength')).toBe('2000');
    expect(await page.locator('label[for="huurhulp-text"]').textContent()).toBe(nl.inputLabel);

    const box = await page.locator('#huurhulp-panel').boundingBox();
    expect(box).not.toBeNull();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(320);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // Nothing left the page but the page itself and the widget script.
    expect(foreign(seen.urls, app.url)).toEqual([]);
    expect(seen.urls.map((url) => new URL(url).pathname).sort()).toEqual(['/', '/widget.js']);
    expect(await context.cookies()).toEqual([]);
    expect(await storageState(page)).toEqual({ local: 0, session: 0, cookie: '' });

    await page.keyboard.press('Escape');
    expect(await page.locator('#huurhulp-panel').isHidden()).toBe(true);
    expect(await page.evaluate((sel) => document.activeElement?.matches(sel), launcher)).toBe(true);
    expect(await page.locator(launcher).getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps typed text when offline, and falls back to HTTP when the socket fails', async () => {
    const nl = await widgetStrings('nl');
    const context = await browser.newContext({ viewport: { width: 390, height: 740 } });
    contexts.push(context);
    // A socket that never works: every hello is answered with a close, so only HTTP carries the chat.
    await context.routeWebSocket(/\/ws$/, (socket) => socket.close({ code: 1011, reason: 'test: no socket' }));
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${app.url}/`);
    await tabTo(page, launcher);
    await page.keyboard.press('Enter');

    await context.setOffline(true);
    await tabTo(page, '#huurhulp-text');
    await page.keyboard.type('Ik heb een brief gekregen');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hh-notice').textContent()).toBe(nl.offline);
    expect(await page.locator('#huurhulp-text').inputValue()).toBe('Ik heb een brief gekregen');
    expect(await page.locator('[role="log"] [data-from="you"]').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('huurhulp.session'))).toBeNull();

    await context.setOffline(false);
    await tabTo(page, '[data-action="start"]');
    await page.keyboard.press('Enter');
    const texts = await waitForBotAfter(page, 0);
    await pressPayload(page, 'choice:tenant');
    await waitForBotAfter(page, texts.length);
    expect(await page.locator('.hh-notice').isHidden()).toBe(true);
    const posts = seen.urls.filter((url) => new URL(url).pathname === '/api/messages');
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(foreign(seen.urls, app.url)).toEqual([]);
  });

  it('drops a token the socket refuses (close 4401) and starts fresh on the next message', async () => {
    const nl = await widgetStrings('nl');
    const context = await browser.newContext({ viewport: { width: 390, height: 740 } });
    contexts.push(context);
    let refused = 0;
    await context.routeWebSocket(/\/ws$/, (socket) => {
      socket.onMessage(() => {
        refused += 1;
        socket.close({ code: 4401, reason: 'test: token refused' });
      });
    });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${app.url}/`);
    await tabTo(page, launcher);
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-action="start"]');
    await page.keyboard.press('Enter');
    const texts = await waitForBotAfter(page, 0);
    await expect.poll(() => refused).toBe(1);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('huurhulp.session'))).toBeNull();
    await expect.poll(() => page.locator('.hh-notice').textContent()).toBe(nl.expired);

    await tabTo(page, '#huurhulp-text');
    await page.keyboard.type('hallo');
    await page.keyboard.press('Enter');
    await waitForBotAfter(page, texts.length);
    const sessions = seen.urls.filter((url) => new URL(url).pathname === '/api/web/session');
    expect(sessions).toHaveLength(2);
  });

  it('at 390 px: a whole conversation by keyboard only, safe text, language switch, reload and no a11y violations', async () => {
    const { page, context, seen } = await openPage(390);
    const en = await widgetStrings('en');
    expect(await storageState(page)).toEqual({ local: 0, session: 0, cookie: '' });

    await tabTo(page, launcher);
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-action="start"]');
    await page.keyboard.press('Enter');
    let texts = await waitForBotAfter(page, 0);

    // Who is chatting: the tenant.
    await pressPayload(page, 'choice:tenant');
    const beforeQuestion = texts.length;
    texts = await waitForBotAfter(page, beforeQuestion);
    const question = texts[texts.length - 1];
    // Focus was on the pressed (now removed) button, so it moves to the first new one.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-payload'))).toMatch(/^choice:/);
    const stored = await page.evaluate(() => localStorage.getItem('huurhulp.session'));
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ token: expect.any(String), conversationId: expect.any(String), locale: 'nl' });

    // What happened: a payment reminder, which leads to the phase-0 explanation, not the same question again.
    await pressPayload(page, 'choice:reminder');
    texts = await waitForBotAfter(page, texts.length);
    expect(texts[texts.length - 1]).not.toBe(question);
    expect(await page.locator('[data-payload="choice:reminder"]').count()).toBe(0);

    // Typed markup stays text.
    await tabTo(page, '#huurhulp-text');
    await page.keyboard.type(xss);
    await page.keyboard.press('Enter');
    texts = await waitForBotAfter(page, texts.length);
    const mine = await page.locator('[role="log"] [data-from="you"]').evaluateAll((nodes) => nodes.map((n) => n.querySelector('p')?.textContent));
    expect(mine).toContain(xss);
    expect(await page.locator('[role="log"] img').count()).toBe(0);
    expect(await page.locator('#huurhulp img').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    // New buttons never pull focus out of the text field.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('huurhulp-text');

    // English, from the language picker (every shipped language in its own name), reached by keyboard: the UI changes
    // and the bot answers in English.
    const picker = page.locator('[data-action="language"]');
    expect(await picker.locator('option').evaluateAll((options) => options.map((o) => [o.getAttribute('value'), o.textContent, o.getAttribute('lang')]))).toEqual(
      localeDefinitions().map((l) => [l.code, l.nativeName, l.tag]),
    );
    await tabTo(page, '[data-action="language"]');
    const countBeforeSwitch = texts.length;
    await picker.selectOption('en');
    texts = await waitForBotAfter(page, countBeforeSwitch);
    expect(await page.locator('#huurhulp').getAttribute('lang')).toBe('en-GB');
    expect(await page.locator('#huurhulp').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('label[for="huurhulp-text"]').textContent()).toBe(en.inputLabel);
    expect(await page.locator(launcher).textContent()).toBe(en.launcher);
    // The bot's answer to the switch (a confirmation and the open question again) is in English.
    const switchAnswer = texts.slice(countBeforeSwitch).join('\n');
    expect(looksEnglish(switchAnswer), switchAnswer).toBe(true);
    await expect.poll(async () => JSON.parse((await page.evaluate(() => localStorage.getItem('huurhulp.session'))) ?? '{}').locale).toBe('en');

    // Reload: the history is back and the conversation goes on.
    const beforeReload = await botTexts(page);
    await page.reload();
    await page.locator(launcher).waitFor();
    await tabTo(page, launcher);
    await page.keyboard.press('Enter');
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length >= n, [botLines, beforeReload.length] as const);
    const afterReload = await botTexts(page);
    expect(afterReload).toEqual(beforeReload);
    const payload = await page.locator('[role="log"] [data-payload]').first().getAttribute('data-payload');
    expect(payload).toMatch(/^(choice|intent):/);
    await pressPayload(page, payload ?? '');
    await waitForBotAfter(page, afterReload.length);

    // Accessibility of the open widget (and the demo page around it).
    const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations, describeViolations(violations)).toEqual([]);

    expect(foreign(seen.urls, app.url)).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    expect(await context.cookies()).toEqual([]);
  });
});
