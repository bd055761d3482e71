import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';

const launcher = '#huurhulp > button[aria-controls]';
const botLines = '[role="log"] [data-from="bot"]:not([data-local])';

/** A gemeente's page on its own origin that embeds the widget from `widgetUrl()` (known only once the app runs). */
async function hostSite(host: string, widgetUrl: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente</title></head>
<body><h1>Gemeente Voorbeeld</h1><p>Huur betalen lukt niet? Praat met huurhulp.</p>
<script src="${widgetUrl()}" data-locale="nl" defer></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, origin: `http://${host}:${(server.address() as AddressInfo).port}` };
}

async function nlStrings(): Promise<Record<string, unknown>> {
  const raw: unknown = JSON.parse(await readFile(new URL('../../locales/nl/widget.json', import.meta.url), 'utf8'));
  return typeof raw === 'object' && raw !== null ? { ...raw } : {};
}

/** Opens the panel and presses the start button, as a person would. */
async function startChat(page: Page): Promise<void> {
  await page.locator(launcher).click();
  await page.locator('[data-action="start"]').click();
}

/** A websocket from this page to `url`: 'open' or 'refused' (closed before it opened). */
function trySocket(page: Page, url: string): Promise<string> {
  return page.evaluate(
    (wsUrl) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.onopen = () => {
          ws.close();
          resolve('open');
        };
        ws.onclose = () => resolve('refused');
      }),
    url,
  );
}

describe('the widget embedded on another site, in Chromium (WIDGET_ORIGINS)', () => {
  let app: StartedApp;
  let plain: StartedApp;
  let browser: Browser;
  const servers: Server[] = [];
  const contexts: BrowserContext[] = [];
  let allowed: string;
  let other: string;
  let onPlain: string;

  beforeAll(async () => {
    // Three sites on other loopback origins than the app (127.0.0.1): one allowed, one not, one embedding an app without WIDGET_ORIGINS.
    const a = await hostSite('127.0.0.2', () => `${app.url}/widget.js`);
    const b = await hostSite('127.0.0.3', () => `${app.url}/widget.js`);
    const c = await hostSite('127.0.0.2', () => `${plain.url}/widget.js`);
    servers.push(a.server, b.server, c.server);
    [allowed, other, onPlain] = [a.origin, b.origin, c.origin];
    app = await startApp({ env: { WIDGET_ORIGINS: allowed } });
    plain = await startApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await plain?.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  async function open(origin: string): Promise<{ page: Page; sockets: { url: string; frames: string[] }[]; statuses: Map<string, number> }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 740 } });
    contexts.push(context);
    const page = await context.newPage();
    const sockets: { url: string; frames: string[] }[] = [];
    page.on('websocket', (ws) => {
      const seen = { url: ws.url(), frames: [] as string[] };
      sockets.push(seen);
      ws.on('framereceived', (frame) => seen.frames.push(String(frame.payload)));
    });
    const statuses = new Map<string, number>();
    page.on('response', (res) => statuses.set(`${res.request().method()} ${new URL(res.url()).pathname}`, res.status()));
    await page.goto(`${origin}/`);
    return { page, sockets, statuses };
  }

  it('an allowed site: the script loads, the chat runs end to end over HTTP and the websocket, without cookies', async () => {
    const { page, sockets } = await open(allowed);
    await page.locator(launcher).waitFor();
    await startChat(page);
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 0, botLines, { timeout: 15_000 });
    const before = await page.locator(botLines).count();
    await page.locator('[data-payload="choice:tenant"]').first().click();
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [botLines, before] as const, { timeout: 15_000 });

    // The socket went to the app's origin, said hello and got 'ready' and the replies.
    const socket = sockets.find((s) => s.url.startsWith(app.url.replace(/^http/, 'ws')));
    expect(socket).toBeDefined();
    await expect.poll(() => socket?.frames.some((f) => f.includes('"ready"'))).toBe(true);
    expect(await page.context().cookies()).toEqual([]);
    expect(await page.locator('.hh-notice').isHidden()).toBe(true);
  });

  it('a site that is not allowed: the API refuses it, no chat starts, and its websocket is refused', async () => {
    const nl = await nlStrings();
    const { page, sockets, statuses } = await open(other);
    // The script itself may load (it is public); using the chat may not.
    await page.locator(launcher).waitFor();
    await startChat(page);
    await expect.poll(() => page.locator('.hh-notice').textContent(), { timeout: 15_000 }).toBe(nl.offline);
    expect(await page.locator(botLines).count()).toBe(0);
    // The preflight was refused (403, see widget-origins.test.ts), so the session was never even asked for.
    expect(statuses.has('POST /api/web/session')).toBe(false);
    expect(sockets).toEqual([]);
    expect(await trySocket(page, `${app.url.replace(/^http/, 'ws')}/ws`)).toBe('refused');
    // The same page script on the allowed site does get a socket (so the refusal is about the origin).
    const { page: good } = await open(allowed);
    expect(await trySocket(good, `${app.url.replace(/^http/, 'ws')}/ws`)).toBe('open');
  });

  it('without WIDGET_ORIGINS the script is not even loaded by another site (CORP same-origin)', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${new URL(request.url()).pathname} ${request.failure()?.errorText ?? ''}`));
    await page.goto(`${onPlain}/`);
    await expect.poll(() => failed.length).toBe(1);
    expect(failed[0]).toMatch(/^\/widget\.js .*BLOCKED/);
    expect(await page.locator('#huurhulp').count()).toBe(0);
  });
});
