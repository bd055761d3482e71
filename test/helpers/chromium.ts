import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { z } from 'zod/v4';

/** The system Chromium; CHROMIUM_PATH overrides it (read here only: test code, not src/). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Headless Chromium for browser tests, without any background traffic of its own. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. Browser tests need it: install it with: sudo apt-get install chromium ` +
        '(or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeViolationSchema = z.object({
  id: z.string(),
  impact: z.enum(['minor', 'moderate', 'serious', 'critical']).nullable().optional(),
  help: z.string(),
  helpUrl: z.string(),
  nodes: z.array(z.object({ target: z.array(z.unknown()), html: z.string(), failureSummary: z.string().optional() })),
});
export type AxeViolation = z.infer<typeof axeViolationSchema>;

let axeSource: Promise<string> | undefined;

/**
 * Injects axe-core into the page and returns every violation (filter on `impact` in the test).
 * A page whose CSP forbids inline scripts (ours does) refuses the script tag; then axe is evaluated
 * through the DevTools protocol instead, so the page under test keeps its real CSP.
 */
export async function runAxe(page: Page, include?: string): Promise<AxeViolation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  await page.addScriptTag({ content: source }).catch(() => page.evaluate(source));
  if (!(await page.evaluate('typeof window.axe === "object"'))) throw new Error('axe-core could not be injected into the page');
  const result: unknown = await page.evaluate(
    `window.axe.run(${include === undefined ? 'document' : JSON.stringify({ include: [include] })}, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  );
  return z.array(axeViolationSchema).parse(result);
}

/** One line per violation, for readable assertion failures. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact ?? 'unknown'} ${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' | ')})`)
    .join('\n');
}
