import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { localeInfo } from '../../src/shared/locale-registry.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, launchChromium, runAxe } from '../helpers/chromium.js';
import { startApp } from '../helpers/start-app.js';
import { botTexts, waitForBotAfter } from '../helpers/widget-log.js';

/**
 * The acceptance test of the handoff: a person in the widget asks for a human; a volunteer in a second browser
 * context signs in, sees the ticket appear live with its summary, claims it, and they exchange messages both
 * ways; markup typed by the person shows as text in the console; the volunteer closes and the bot takes over.
 */

const xss = '<img src=x onerror=alert(1)>';
const volunteer = { username: 'sam', password: 'sam-heeft-een-lang-wachtwoord', role: 'volunteer' as const };
const launcher = '#huurhulp > button[aria-controls]';
const botLines = '#huurhulp [role="log"] [data-from="bot"]:not([data-local])';

interface ConsoleStrings {
  readonly ui: Record<string, string>;
  readonly fields: Record<string, string>;
  readonly values: Record<string, string>;
}

async function consoleStrings(locale: 'nl' | 'en'): Promise<ConsoleStrings> {
  const raw: unknown = JSON.parse(await readFile(new URL(`../../locales/${locale}/console.json`, import.meta.url), 'utf8'));
  const strings = (v: unknown): Record<string, string> =>
    Object.fromEntries(Object.entries(typeof v === 'object' && v !== null ? v : {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const top = typeof raw === 'object' && raw !== null ? { ...raw } : {};
  return { ui: strings('ui' in top ? top.ui : {}), fields: strings('fields' in top ? top.fields : {}), values: strings('values' in top ? top.values : {}) };
}

/** Every JS dialog (an executed alert(1) would land here) and every host the page talks to. */
function watch(page: Page): { dialogs: string[]; hosts: Set<string> } {
  const seen = { dialogs: [] as string[], hosts: new Set<string>() };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => seen.hosts.add(new URL(request.url()).host));
  return seen;
}

/** Presses Tab until the focused element matches `selector` (keyboard only). */
async function tabTo(page: Page, selector: string, maxTabs = 80): Promise<void> {
  for (let i = 0; i <= maxTabs; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`No focus on ${selector} after ${maxTabs} Tab presses`);
}

/** Clicks the widget button with this payload (the newest one when the log has several). */
async function press(page: Page, payload: string): Promise<void> {
  await page.locator(`#huurhulp [data-payload="${payload}"]`).last().click();
}

async function say(page: Page, text: string): Promise<void> {
  await page.locator('#huurhulp-text').fill(text);
  await page.locator('#huurhulp-text').press('Enter');
}

describe('handoff from the widget to the volunteer console, in Chromium', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startApp({ store: 'memory', volunteers: [volunteer] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('person asks for a human, volunteer claims live, messages go both ways as text, close hands back to the bot', async () => {
    const nl = await consoleStrings('nl');

    // The volunteer signs in first (keyboard only) and waits with an empty queue.
    const volunteerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(volunteerContext);
    const desk = await volunteerContext.newPage();
    const deskSeen = watch(desk);
    await desk.goto(`${app.url}/console`);
    expect(await desk.title()).toBe(nl.ui.title);
    await tabTo(desk, '#c-username');
    await desk.keyboard.type(volunteer.username);
    await tabTo(desk, '#c-password');
    await desk.keyboard.type(volunteer.password);
    await desk.keyboard.press('Enter');
    await desk.locator('.c-conn[data-connected="true"]').waitFor();
    expect(await desk.locator('#c-waiting li').count()).toBe(0);

    // The person: tenant, a payment reminder, then "mens" and yes to handing the chat over.
    const personContext = await browser.newContext({ viewport: { width: 390, height: 740 } });
    contexts.push(personContext);
    const person = await personContext.newPage();
    const personSeen = watch(person);
    await person.goto(`${app.url}/`);
    await person.locator(launcher).click();
    await person.locator('#huurhulp [data-action="start"]').click();
    let texts = await waitForBotAfter(person, 0, botLines);
    await press(person, 'choice:tenant');
    texts = await waitForBotAfter(person, texts.length, botLines);
    await press(person, 'choice:reminder');
    texts = await waitForBotAfter(person, texts.length, botLines);
    await say(person, 'mens');
    texts = await waitForBotAfter(person, texts.length, botLines);
    await press(person, 'choice:yes');
    texts = await waitForBotAfter(person, texts.length, botLines);

    // The ticket appears live (no reload): in the queue, in the title badge, with the bot's summary.
    const ticket = desk.locator('#c-waiting li');
    await expect.poll(() => ticket.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => desk.title()).toBe(`(1) ${nl.ui.title}`);
    expect(await ticket.getAttribute('data-state')).toBe('waiting');
    expect(await ticket.locator('.c-badge').textContent()).toMatch(new RegExp(`(${nl.ui.urgencyNormal}|${nl.ui.urgencySoon}|${nl.ui.urgencyUrgent}|${nl.ui.urgencyCrisis})$`));
    expect(await ticket.locator('.c-wait').textContent()).toMatch(/\d+:\d\d/);

    await tabTo(desk, '#c-waiting button[data-ticket-id]');
    await desk.keyboard.press('Enter');
    await desk.locator('.c-main[data-ticket-id]').waitFor();
    const summary = desk.locator('.c-summary');
    expect(await summary.locator('[data-field="role"] dt').textContent()).toBe(nl.fields.role);
    expect(await summary.locator('[data-field="role"] dd').textContent()).toBe(nl.values.tenant);
    expect(await summary.locator('[data-field="received"] dd').textContent()).toBe(nl.values.reminder);
    // The chat's language, in its own name; the person's lines take the direction of what they typed.
    expect(await desk.locator('.c-main .c-lang').textContent()).toBe(localeInfo('nl').nativeName);
    expect(await desk.locator('.c-main .c-lang').getAttribute('dir')).toBe('ltr');
    // The bot conversation is there before any contact: the person's "mens" among it.
    await expect.poll(() => desk.locator('.c-log [data-from="person"] .c-text').allTextContents()).toContain('mens');
    expect(await desk.locator('.c-log [data-from="person"] .c-text').first().getAttribute('dir')).toBe('auto');
    expect(await desk.locator('.c-log [data-from="bot"] .c-text').first().getAttribute('lang')).toBe(localeInfo('nl').tag);

    // Claim by keyboard: the message field gets the focus.
    await tabTo(desk, '[data-action="claim"]');
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.evaluate(() => document.activeElement?.id)).toBe('c-message');
    await expect.poll(() => desk.locator('#c-mine li').count()).toBe(1);
    expect(await desk.locator('#c-waiting li').count()).toBe(0);
    await expect.poll(() => desk.title()).toBe(nl.ui.title);
    // The bot tells the person a volunteer joined.
    await waitForBotAfter(person, texts.length, botLines);

    // Volunteer -> person.
    const hello = 'Hallo, ik ben Sam van het meldpunt. Ik lees mee.';
    await desk.keyboard.type(hello);
    await desk.keyboard.press('Enter');
    await person.locator('#huurhulp [role="log"]').getByText(hello).waitFor({ timeout: 10_000 });
    await expect.poll(() => desk.locator('.c-log [data-from="volunteer"] .c-text').allTextContents()).toContain(hello);
    expect(await desk.locator('#c-message').inputValue()).toBe('');
    texts = await botTexts(person, botLines);

    // Person -> volunteer, and markup stays text in the console.
    await say(person, xss);
    const fromPerson = desk.locator('.c-log [data-from="person"] .c-text');
    await expect.poll(() => fromPerson.allTextContents(), { timeout: 10_000 }).toContain(xss);
    expect(await desk.locator('.c-main img, .c-queue img').count()).toBe(0);
    expect(await desk.locator('img').count()).toBe(0);
    await say(person, 'Dank je wel');
    await expect.poll(() => fromPerson.allTextContents(), { timeout: 10_000 }).toContain('Dank je wel');

    // The console in the middle of a chat has no serious or critical accessibility faults.
    const violations = (await runAxe(desk)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations, describeViolations(violations)).toEqual([]);

    // Close with an outcome: the ticket leaves the lists and the bot takes over again.
    const beforeClose = texts.length;
    await tabTo(desk, '#c-outcome');
    await desk.selectOption('#c-outcome', 'helped');
    await tabTo(desk, '[data-action="close"]');
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.locator('.c-main').getAttribute('data-state')).toBe('closed');
    expect(await desk.locator('.c-main .c-status').textContent()).toBe(nl.ui.closed);
    await expect.poll(() => desk.locator('#c-mine li').count()).toBe(0);
    texts = await waitForBotAfter(person, beforeClose, botLines);
    // The bot answers the person's next message itself (no volunteer holds the chat any more).
    const afterGoodbye = texts.length;
    const payload = await person.locator('#huurhulp [role="log"] [data-payload]').last().getAttribute('data-payload');
    if (payload !== null) await press(person, payload);
    else await say(person, 'hallo');
    const afterClose = await waitForBotAfter(person, afterGoodbye, botLines);
    expect(afterClose.length).toBeGreaterThan(afterGoodbye);

    expect(deskSeen.dialogs).toEqual([]);
    expect(personSeen.dialogs).toEqual([]);
    const host = new URL(app.url).host;
    expect([...deskSeen.hosts]).toEqual([host]);
    expect([...personSeen.hosts]).toEqual([host]);
  });
});
