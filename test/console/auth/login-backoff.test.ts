import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { sleep } from '../../helpers/wait-for.js';
import { asVolunteer, errorCodeSchema, login, tryLogin } from '../../handoff/console-client.js';

// Issue #11 finding 8: wrong passwords for one account from many addresses were never slowed. Now a growing delay
// per account (never a lock that outlasts a minute), shown to coordinators.
const password = 'een lang wachtwoord voor de test';
const statsSchema = z.looseObject({ loginFailures: z.array(z.looseObject({ username: z.string(), failures: z.number(), lastFailureAt: z.string() })) });

for (const store of ['memory', 'redis'] as const) {
  describe(`per-account login backoff (${store})`, () => {
    let app: StartedApp;
    let address = 0;
    // Every attempt from another address (behind a trusted proxy): the per-address limits never apply.
    const from = (): Record<string, string> => ({ 'x-forwarded-for': `10.1.0.${++address}` });
    beforeAll(async () => {
      app = await startApp({
        store,
        env: { TRUST_PROXY: 'true' },
        volunteers: [
          { username: 'anna', password, role: 'volunteer' },
          { username: 'cora', password, role: 'coordinator' },
        ],
      });
    });
    afterAll(async () => {
      await app.close();
    });

    it('slows one account down more with every failure, from any address, and lets the right password in after the wait', async () => {
      for (let i = 0; i < 5; i++) expect((await tryLogin(app.url, 'anna', `fout wachtwoord ${i}!`, from())).status).toBe(401);
      // Now even the right password waits (else guessing would go on): 429 with a Retry-After.
      const slowed = await fetch(`${app.url}/api/console/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from() },
        body: JSON.stringify({ username: 'anna', password }),
      });
      expect(slowed.status).toBe(429);
      expect(errorCodeSchema.parse(await slowed.json()).error.code).toBe('RATE_LIMITED');
      expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Another account is not slowed.
      expect((await tryLogin(app.url, 'cora', password, from())).status).toBe(200);

      await sleep(1100);
      expect((await tryLogin(app.url, 'anna', 'nog een fout wachtwoord', from())).status).toBe(401);
      // The sixth failure doubles the wait: still refused after 1.1 s.
      await sleep(1100);
      expect((await tryLogin(app.url, 'anna', password, from())).status).toBe(429);

      // The coordinator sees the failed attempts (GET /stats is for coordinators only).
      const cora = await login(app.url, 'cora', password);
      const stats = statsSchema.parse((await asVolunteer(app.url, cora).call('GET', '/stats')).json);
      expect(stats.loginFailures).toContainEqual(expect.objectContaining({ username: 'anna', failures: 6 }));
      expect(stats.loginFailures.map((f) => f.username)).not.toContain('cora');

      await sleep(1000);
      // After the wait the right password works, and the count starts again.
      expect((await tryLogin(app.url, 'anna', password, from())).status).toBe(200);
      const after = statsSchema.parse((await asVolunteer(app.url, cora).call('GET', '/stats')).json);
      expect(after.loginFailures.map((f) => f.username)).not.toContain('anna');
    }, 30_000);
  });
}
