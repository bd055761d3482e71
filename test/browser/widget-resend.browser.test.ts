import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { thread } from '../channels/web/web-client.js';
import { launchChromium } from '../helpers/chromium.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';

// Issue #11 finding 4, the widget's side: every message carries a turn id; what the server has not confirmed is kept
// (also across a reload) and sent again with the same id, and the server applies each exactly once. A reloaded widget
// shows the whole thread, the person's own lines included, and never shows a line twice.
const launcher = '#huurhulp > button[aria-controls]';
const botLines = '[role="log"] [data-from="bot"]:not([data-local])';
const youLines = '[role="log"] [data-from="you"]';
const turnIdShape = /^[A-Za-z0-9_-]{22}$/;

const turnFrameSchema = z.looseObject({ type: z.literal('message'), turnId: z.string(), text: z.string().optional(), payload: z.string().optional() });
type TurnFrame = z.infer<typeof turnFrameSchema>;

/**
 * The widget's websocket through a switchboard in the test: every turn frame is recorded, and the test can keep turn
 * frames from the server or keep the server's frames (answers and acks) from the page, and drop the page's socket.
 */
interface Switchboard {
  readonly turns: TurnFrame[];
  /** Decides per turn frame whether it reaches the server. */
  passTurn: (frame: TurnFrame) => boolean;
  /** Whether the server's frames reach the page. */
  passFromServer: boolean;
  sockets: WebSocketRoute[];
}

async function switchboard(context: BrowserContext): Promise<Switchboard> {
  const board: Switchboard = { turns: [], passTurn: () => true, passFromServer: true, sockets: [] };
  await context.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    board.sockets.push(ws);
    ws.onMessage((message) => {
      const frame = turnFrameSchema.safeParse(JSON.parse(String(message)));
      if (frame.success) {
        board.turns.push(frame.data);
        if (!board.passTurn(frame.data)) return;
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (board.passFromServer) ws.send(message);
    });
    ws.onClose(() => server.close());
    server.onClose(() => ws.close());
  });
  return board;
}

/** The newest socket went down without a goodbye the widget knows (not 4401): it must reconnect. */
async function dropSocket(board: Switchboard): Promise<void> {
  await board.sockets.at(-1)?.close({ code: 4000, reason: 'test: connection lost' });
}

async function openChat(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.locator(launcher).click();
  await page.locator('#huurhulp [data-action="start"]').click();
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 0, botLines, { timeout: 15_000 });
}

async function say(page: Page, text: string): Promise<void> {
  await page.locator('#huurhulp-text').fill(text);
  await page.locator('#huurhulp-text').press('Enter');
}

/** Waits until the bot has answered: more bot lines than `count`, then quiet for 300 ms. */
async function waitForBotAfter(page: Page, count: number): Promise<number> {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [botLines, count] as const, { timeout: 15_000 });
  let last = -1;
  for (let now = await page.locator(botLines).count(); now !== last; now = await page.locator(botLines).count()) {
    last = now;
    await page.waitForTimeout(300);
  }
  return last;
}

/** Answers the first question (who is chatting) and waits for the bot's answer to it. */
async function chooseTenant(page: Page): Promise<void> {
  const count = await page.locator(botLines).count();
  await page.locator('[data-payload="choice:tenant"]').click();
  await waitForBotAfter(page, count);
}

async function token(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('huurhulp.session'));
  return z.object({ token: z.string() }).parse(JSON.parse(raw ?? '{}')).token;
}

const outboxSchema = z.object({ conversationId: z.string(), messages: z.array(z.object({ turnId: z.string(), line: z.string() })) });

/** The messages the widget keeps unconfirmed (sessionStorage, next to the stored session). */
async function kept(page: Page): Promise<z.infer<typeof outboxSchema>['messages']> {
  const raw = await page.evaluate(() => sessionStorage.getItem('huurhulp.outbox'));
  return raw === null ? [] : outboxSchema.parse(JSON.parse(raw)).messages;
}

/** The thread on screen, in order: who said it, and the person's own text (bot lines only by kind). */
async function shownThread(page: Page): Promise<string[]> {
  return page
    .locator('[role="log"] [data-from]:not([data-local])')
    .evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('data-from') === 'you' ? `you: ${Array.from(n.querySelectorAll('p'), (p) => p.textContent ?? '').join('\n')}` : 'bot')));
}

async function shownYou(page: Page): Promise<string[]> {
  return page.locator(youLines).evaluateAll((nodes) => nodes.map((n) => Array.from(n.querySelectorAll('p'), (p) => p.textContent ?? '').join('\n')));
}

/** The server's message log in the same form. */
async function loggedThread(url: string, chat: string): Promise<string[]> {
  return (await thread(url, chat)).map((m) => (m.type === 'person' ? `you: ${m.text}` : 'bot'));
}

async function personLines(url: string, chat: string): Promise<string[]> {
  return (await thread(url, chat)).flatMap((m) => (m.type === 'person' ? [m.text] : []));
}

describe('the widget resends what the server did not confirm, and shows the whole thread (Chromium)', () => {
  let app: StartedApp;
  let browser: Browser;

  async function newPage(): Promise<{ page: Page; context: BrowserContext; board: Switchboard; dialogs: string[] }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 740 } });
    const board = await switchboard(context);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return { page, context, board, dialogs };
  }

  /** A page with a running chat (the first question answered) and the socket open; what the log held by then. */
  async function chatting(url: string): Promise<{ page: Page; board: Switchboard; chat: string; earlier: string[]; youBefore: string[] }> {
    const { page, board } = await newPage();
    await openChat(page, url);
    await chooseTenant(page);
    await expect.poll(() => board.sockets.length).toBeGreaterThan(0);
    const chat = await token(page);
    return { page, board, chat, earlier: await personLines(url, chat), youBefore: await shownYou(page) };
  }

  beforeAll(async () => {
    app = await startApp({ store: 'memory' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    // Closing the browser closes every context of it.
    await browser?.close();
    await app?.close();
  });

  it('a reload shows both sides of the thread in order, the person’s lines as text, each once', async () => {
    const { page, board, dialogs } = await newPage();
    await openChat(page, app.url);
    let bots = await page.locator(botLines).count();
    await page.locator('[data-payload="choice:tenant"]').click();
    bots = await waitForBotAfter(page, bots);
    const markup = '<img src=x onerror=alert(1)> & <b>vet</b>';
    await say(page, markup);
    bots = await waitForBotAfter(page, bots);
    await say(page, 'Ik heb een brief gekregen');
    await waitForBotAfter(page, bots);
    const chat = await token(page);

    // Every turn carried a URL-safe turn id of its own.
    expect(board.turns.length).toBeGreaterThan(0);
    for (const frame of board.turns) expect(frame.turnId).toMatch(turnIdShape);
    expect(new Set(board.turns.map((t) => t.turnId)).size).toBe(board.turns.length);

    const logged = await loggedThread(app.url, chat);
    expect(logged.filter((l) => l.startsWith('you: '))).toEqual(expect.arrayContaining([`you: ${markup}`, 'you: Ik heb een brief gekregen']));
    const botTextsBefore = await page.locator(botLines).evaluateAll((nodes) => nodes.map((n) => n.textContent));

    await page.reload();
    await page.locator(launcher).click();
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length >= n, ['[role="log"] [data-from]:not([data-local])', logged.length] as const, { timeout: 15_000 });
    await page.waitForTimeout(500);
    expect(await shownThread(page)).toEqual(logged);
    expect(await page.locator(botLines).evaluateAll((nodes) => nodes.map((n) => n.textContent))).toEqual(botTextsBefore);
    // The person's lines carry their log ids, in the log's order, and markup stayed text.
    const ids = (await thread(app.url, chat)).filter((m) => m.type === 'person').map((m) => m.id);
    expect(await page.locator(youLines).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')))).toEqual(ids);
    expect(await page.locator('#huurhulp img, #huurhulp b').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // Going on after the reload: the new line shows once, and the log has it once.
    const before = await page.locator(botLines).count();
    await say(page, 'Ik wil een regeling');
    await waitForBotAfter(page, before);
    expect((await shownYou(page)).filter((t) => t === 'Ik wil een regeling')).toHaveLength(1);
    expect((await personLines(app.url, chat)).filter((t) => t === 'Ik wil een regeling')).toHaveLength(1);
  }, 60_000);

  it('frames lost with a dropped socket are sent again with the same turn id after the reconnect, and applied once', async () => {
    const { page, board, chat, earlier, youBefore } = await chatting(app.url);

    // The first frame reaches the server, but neither its answer nor its ack come back; the next two never arrive.
    let passed = 0;
    board.passTurn = () => ++passed <= 1;
    board.passFromServer = false;
    await say(page, 'eerste bericht');
    await expect.poll(() => personLines(app.url, chat), { timeout: 10_000 }).toEqual([...earlier, 'eerste bericht']);
    await say(page, 'tweede bericht');
    await say(page, 'derde bericht');
    await expect.poll(() => kept(page).then((k) => k.map((m) => m.line))).toEqual(['eerste bericht', 'tweede bericht', 'derde bericht']);
    const sent = board.turns.slice(-3);
    expect(sent.map((t) => t.text)).toEqual(['eerste bericht', 'tweede bericht', 'derde bericht']);

    // The connection breaks; the widget reconnects and sends all three again, with their own ids, in order.
    board.passTurn = () => true;
    board.passFromServer = true;
    const mark = board.turns.length;
    await dropSocket(board);
    await expect.poll(() => personLines(app.url, chat), { timeout: 20_000 }).toEqual([...earlier, 'eerste bericht', 'tweede bericht', 'derde bericht']);
    await expect.poll(() => kept(page), { timeout: 10_000 }).toEqual([]);
    const again = board.turns.slice(mark);
    for (const original of sent) expect(again.some((t) => t.turnId === original.turnId && t.text === original.text)).toBe(true);
    // In the order they were typed, at their first resend.
    expect(sent.map((t) => again.findIndex((a) => a.turnId === t.turnId))).toEqual([...sent.map((t) => again.findIndex((a) => a.turnId === t.turnId))].sort((x, y) => x - y));
    expect(board.sockets.length).toBeGreaterThan(1);

    // A little later still nothing doubled: not in the log, not on screen.
    await page.waitForTimeout(2_000);
    expect(await personLines(app.url, chat)).toEqual([...earlier, 'eerste bericht', 'tweede bericht', 'derde bericht']);
    expect(await shownYou(page)).toEqual([...youBefore, 'eerste bericht', 'tweede bericht', 'derde bericht']);
    await expect.poll(() => page.locator('#huurhulp .hh-notice').isHidden()).toBe(true);

    // And a reload shows the thread as the server keeps it.
    await page.reload();
    await page.locator(launcher).click();
    const logged = await loggedThread(app.url, chat);
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length >= n, ['[role="log"] [data-from]:not([data-local])', logged.length] as const, { timeout: 15_000 });
    expect(await shownThread(page)).toEqual(logged);
  }, 60_000);

  it('a reload keeps unconfirmed messages: one the server took (its ack lost) shows once, one it never got is sent then', async () => {
    const { page, board, chat, earlier } = await chatting(app.url);
    // No HTTP fallback in this test: only the socket and the reload carry the messages.
    await page.route('**/api/messages', (route) => (route.request().method() === 'POST' ? route.abort() : route.continue()));

    let passed = 0;
    board.passTurn = () => ++passed <= 1;
    board.passFromServer = false;
    await say(page, 'taken before the reload');
    await expect.poll(() => personLines(app.url, chat), { timeout: 10_000 }).toEqual([...earlier, 'taken before the reload']);
    await say(page, 'never reached the server');
    const stored = await kept(page);
    expect(stored.map((m) => m.line)).toEqual(['taken before the reload', 'never reached the server']);
    for (const m of stored) expect(m.turnId).toMatch(turnIdShape);

    board.passTurn = () => true;
    board.passFromServer = true;
    await page.unroute('**/api/messages');
    const framesBefore = board.turns.length;
    await page.reload();
    await page.locator(launcher).click();

    const expected = [...earlier, 'taken before the reload', 'never reached the server'];
    await expect.poll(() => personLines(app.url, chat), { timeout: 20_000 }).toEqual(expected);
    await expect.poll(() => kept(page), { timeout: 10_000 }).toEqual([]);
    // Sent again after the reload with the ids they had before it.
    const resent = board.turns.slice(framesBefore);
    for (const m of stored) expect(resent.some((t) => t.turnId === m.turnId)).toBe(true);
    await page.waitForTimeout(1_500);
    expect(await personLines(app.url, chat)).toEqual(expected);
    expect(await shownThread(page)).toEqual(await loggedThread(app.url, chat));
    expect((await shownYou(page)).filter((t) => t === 'taken before the reload')).toHaveLength(1);
  }, 60_000);

  it('messages typed while the server is stopped go through once it is back on the same port', async () => {
    const secret = randomBytes(32).toString('base64url');
    const prefix = `t${randomBytes(6).toString('hex')}`;
    let server = await startApp({ store: 'redis', secret, prefix });
    const port = new URL(server.url).port;
    try {
      const { page, chat, earlier, youBefore } = await chatting(server.url);

      await server.close();
      await say(page, 'een');
      await say(page, 'twee');
      await page.locator('#huurhulp .hh-notice').waitFor({ state: 'visible', timeout: 10_000 });
      // The lines stay on screen: they will be sent.
      expect(await shownYou(page)).toEqual([...youBefore, 'een', 'twee']);
      expect((await kept(page)).map((m) => m.line)).toEqual(['een', 'twee']);

      server = await startApp({ store: 'redis', secret, prefix, env: { PORT: port } });
      const expected = [...earlier, 'een', 'twee'];
      await expect.poll(() => personLines(server.url, chat), { timeout: 30_000 }).toEqual(expected);
      await expect.poll(() => kept(page), { timeout: 10_000 }).toEqual([]);
      await page.waitForTimeout(2_000);
      expect(await personLines(server.url, chat)).toEqual(expected);
      expect(await shownYou(page)).toEqual([...youBefore, 'een', 'twee']);
      await expect.poll(() => page.locator('#huurhulp .hh-notice').isHidden(), { timeout: 10_000 }).toBe(true);
    } finally {
      await server.close();
    }
  }, 90_000);
});
