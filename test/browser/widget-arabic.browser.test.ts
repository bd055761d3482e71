import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FSI, PDI } from '../../src/content/isolate-ltr.js';
import { localeInfo } from '../../src/shared/locale-registry.js';
import { describeViolations, launchChromium, runAxe } from '../helpers/chromium.js';
import { startApp } from '../helpers/start-app.js';
import { botLines, waitForBotAfter } from '../helpers/widget-log.js';

const launcher = '#huurhulp > button[aria-controls]';
/** The screenshot is a test artefact (test-results/ is ignored by git). */
const screenshotDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

async function press(page: Page, payload: string, count: number): Promise<string[]> {
  await page.locator(`[role="log"] [data-payload="${payload}"]`).last().click();
  return waitForBotAfter(page, count);
}

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
}

/**
 * Where the browser drew characters of an isolated span in the last bot message that holds it: the first and the
 * last character inside the isolate, and the last letter before the isolate (its logical predecessor).
 */
async function spanLayout(page: Page, span: string): Promise<{ first: Box; last: Box; before: Box }> {
  return page.evaluate(
    ([sel, wanted, fsi]) => {
      const box = (node: Text, at: number): Box => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top };
      };
      const paragraphs = Array.from(document.querySelectorAll(`${sel} p`)).reverse();
      for (const p of paragraphs) {
        const node = Array.from(p.childNodes).find((n): n is Text => n instanceof Text && n.data.includes(fsi + wanted));
        if (node === undefined) continue;
        const start = node.data.indexOf(fsi + wanted) + 1;
        let before = start - 2;
        while (before >= 0 && !/\p{L}/u.test(node.data[before] ?? '')) before--;
        return { first: box(node, start), last: box(node, start + wanted.length - 1), before: box(node, before) };
      }
      throw new Error(`no bot paragraph holds the isolated text ${wanted}`);
    },
    [botLines, span, FSI] as const,
  );
}

describe('web widget in Arabic (right to left) in Chromium', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    app = await startApp({ store: 'memory' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  it('mirrors the panel, keeps an amount and a reference code in order, and has no serious a11y violations', async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 740 } });
    const page = await context.newPage();
    // The Arabic demo page: <html lang="ar" dir="rtl">, the widget with data-locale="ar".
    await page.goto(`${app.url}/?lang=ar`);
    await page.locator(launcher).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);

    await page.locator(launcher).click();
    const root = page.locator('#huurhulp');
    expect(await root.getAttribute('dir')).toBe('rtl');
    expect(await root.getAttribute('lang')).toBe(localeInfo('ar').tag);
    expect(await page.locator('#huurhulp-panel').evaluate((panel) => getComputedStyle(panel).direction)).toBe('rtl');

    await page.locator('[data-action="start"]').click();
    let texts = await waitForBotAfter(page, 0);
    expect(texts.join('\n')).toContain('huurhulp');

    // A status request for a code this chat does not know: the answer shows the example code HH-7K3M9P.
    await page.locator('#huurhulp-text').fill('حالة HH-4CDE7F');
    await page.locator('#huurhulp-text').press('Enter');
    texts = await waitForBotAfter(page, texts.length);

    // The huurtoeslag check up to the savings question, which states an amount ("38,479 €").
    texts = await press(page, 'choice:other', texts.length);
    texts = await press(page, 'choice:huurtoeslag', texts.length);
    for (const answer of ['choice:yes', 'choice:yes']) texts = await press(page, answer, texts.length);
    texts = await press(page, 'choice:age_23_plus', texts.length);
    for (const answer of ['choice:yes', 'choice:yes', 'choice:no']) texts = await press(page, answer, texts.length);
    texts = await press(page, 'choice:none', texts.length);

    const dom = texts.join('\n');
    const code = 'HH-7K3M9P';
    expect(dom).toContain(`${FSI}${code}${PDI}`);
    const amount = /\u2068([\d.,]+\s?€)\u2069/u.exec(dom)?.[1];
    expect(amount, dom).toBeDefined();

    // Visual order: inside each isolate the characters run left to right (digits before the euro sign, "HH" before
    // the last character of the code), and the Arabic word logically before the isolate stands to its right.
    let besideArabic = 0;
    for (const span of [amount ?? '', code]) {
      const { first, last, before } = await spanLayout(page, span);
      expect(first.top, span).toBeCloseTo(last.top, 0);
      expect(first.right, span).toBeLessThanOrEqual(last.left + 0.5);
      // Only comparable on the same line (the span may open a new one).
      if (Math.abs(before.top - first.top) < 2) {
        expect(before.left, span).toBeGreaterThanOrEqual(last.right - 0.5);
        besideArabic += 1;
      }
    }
    expect(besideArabic).toBeGreaterThan(0);

    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: `${screenshotDir}widget-ar.png` });

    const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
