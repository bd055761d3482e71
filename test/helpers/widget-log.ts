import type { Page } from 'playwright-core';

/** The bot's messages in the widget's log (not the widget's own local lines). */
export const botLines = '[role="log"] [data-from="bot"]:not([data-local])';

/** The text of every bot message, its paragraphs joined by newlines. */
export async function botTexts(page: Page, selector = botLines): Promise<string[]> {
  return page.locator(selector).evaluateAll((nodes) => nodes.map((n) => Array.from(n.querySelectorAll('p'), (p) => p.textContent ?? '').join('\n')));
}

/**
 * Waits until more than `count` bot messages are in the log and the turn is complete (no new message for
 * 300 ms: one turn can bring several), then returns all bot texts.
 */
export async function waitForBotAfter(page: Page, count: number, selector = botLines): Promise<string[]> {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [selector, count] as const, { timeout: 10_000 });
  let last = -1;
  for (let now = await page.locator(selector).count(); now !== last; now = await page.locator(selector).count()) {
    last = now;
    await page.waitForTimeout(300);
  }
  return botTexts(page, selector);
}
