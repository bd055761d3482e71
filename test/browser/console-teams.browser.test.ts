import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { describeViolations, launchChromium, runAxe } from '../helpers/chromium.js';
import { OUTBOUND_TOKEN, startFakeTeamsCloud, type FakeTeamsCloud } from '../helpers/fake-teams-cloud.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { teamsClient, teamsEnv, teamsUser } from '../helpers/teams-client.js';

/**
 * The console's side of Teams (issue #9) and of sign-in protection (issue #11 finding 8), in Chromium: a
 * volunteer gets a one-time code on the page and links by sending it to the bot; a coordinator sees where urgent
 * tickets go (none, then the channel someone chose in Teams); the card's link `/console#ticket=<id>` opens that
 * chat; failed sign-ins for an account show in the coordinator's bar.
 */

const password = 'een lang wachtwoord voor de test';
const fastRetries = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, random: () => 0.5, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
const uiSchema = z.object({ ui: z.record(z.string(), z.string()) });

let cloud: FakeTeamsCloud;
let app: StartedApp;
let browser: Browser;
let ui: Record<string, string>;

beforeAll(async () => {
  ui = uiSchema.parse(JSON.parse(await readFile(new URL('../../locales/nl/console.json', import.meta.url), 'utf8'))).ui;
  cloud = await startFakeTeamsCloud();
  app = await startApp({
    store: 'memory',
    env: teamsEnv(cloud),
    volunteers: [
      { username: 'anna', password, role: 'volunteer' },
      { username: 'coco', password, role: 'coordinator' },
    ],
    teams: { teamsToken: async () => OUTBOUND_TOKEN, teamsRetryPolicy: fastRetries },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await cloud?.close();
});

async function signIn(username: string, path = '/console'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${app.url}${path}`);
  await page.locator('#c-username').fill(username);
  await page.locator('#c-password').fill(password);
  await page.locator('#c-password').press('Enter');
  await page.locator('.c-conn[data-connected="true"]').waitFor();
  return page;
}

const fill = (template: string | undefined, vars: Record<string, string>): string =>
  (template ?? '').replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);

describe('the console with Teams on, in Chromium', () => {
  it('a volunteer gets a link code on the page and links by sending it to the bot in Teams', async () => {
    const page = await signIn('anna');
    // A volunteer sees the link button but not the coordinator's channel view.
    expect(await page.locator('.c-teams [data-teams="channel"]').isHidden()).toBe(true);
    await page.locator('[data-action="teams-link"]').click();
    const line = page.locator('.c-teams .c-code-line');
    await line.waitFor();
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec((await line.textContent()) ?? '')?.[1];
    expect(code).toBeDefined();
    expect(await page.locator('.c-teams-code').textContent()).toContain(fill(ui.teamsCodeHelp, { minutes: '15' }));
    const violations = await runAxe(page, '.c-teams');
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), describeViolations(violations)).toEqual([]);

    const teams = teamsClient(app.url, cloud);
    const annaTeams = teamsUser('Anna');
    expect((await teams.post(teams.message(annaTeams, code ?? ''))).status).toBe(200);
    expect(await app.teamsStore.volunteerOf(annaTeams.aadObjectId)).toBe('anna');
    await page.context().close();
  });

  it('a coordinator sees that no alert channel is set, then the channel chosen in Teams with who chose it', async () => {
    const page = await signIn('coco');
    const channel = page.locator('.c-teams [data-teams="channel"]');
    await expect.poll(() => channel.textContent()).toContain(ui.teamsAlertNone);
    expect(await channel.textContent()).toContain(ui.teamsAlertHow);

    const teams = teamsClient(app.url, cloud);
    expect((await teams.post(teams.channelMessage(teamsUser('Coco'), 'meldingen hier'))).status).toBe(200);
    await page.reload();
    await page.locator('.c-conn[data-connected="true"]').waitFor();
    const stored = await app.teamsStore.alertChannel();
    expect(stored).not.toBeNull();
    await expect.poll(() => channel.textContent()).toContain(stored?.label ?? 'no channel');
    expect(await channel.textContent()).toContain(stored?.setBy ?? 'nobody');
    await page.context().close();
  });

  it('the card link /console#ticket=<id> opens that chat after sign-in; a gone chat says so', async () => {
    const { ticket } = await app.handoff.queue.enqueue(
      { kind: 'chat', conversationId: 'conv-deeplink-1', channel: 'web', locale: 'nl', urgency: 'urgent', reason: 'eviction_date_near', summary: {} },
      new Date(),
    );
    const page = await signIn('anna', `/console#ticket=${encodeURIComponent(ticket.id)}`);
    await expect.poll(() => page.locator('.c-main').getAttribute('data-ticket-id')).toBe(ticket.id);

    await page.evaluate(() => (window.location.hash = '#ticket=no-such-ticket'));
    await expect.poll(() => page.locator('.c-nothing').textContent()).toBe(ui.ticketNotFound);
    await page.context().close();
  });

  it('failed sign-ins for an account show in the coordinator bar, with the count', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${app.url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'anna', password: 'wrong wrong wrong' }) });
      expect(res.status).toBe(401);
    }
    const page = await signIn('coco');
    const box = page.locator('[data-stat="login-failures"]');
    await expect.poll(() => box.isVisible()).toBe(true);
    expect(await box.locator('h3').textContent()).toBe(ui.statsLoginFailures);
    expect(await box.locator('li').first().textContent()).toMatch(/^anna: 3 keer, laatst om \d\d:\d\d$/);
    await page.context().close();
  });
});
