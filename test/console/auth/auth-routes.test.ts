import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { readCookie } from '../../../src/console/auth/console-cookie.js';
import { MemoryConsoleSessionStore } from '../../../src/console/auth/memory-console-session-store.js';
import { MemoryVolunteerStore } from '../../../src/console/auth/memory-volunteer-store.js';
import type { PasswordHasher } from '../../../src/console/auth/password-hash.js';
import { errorCodes } from '../../../src/shared/errors.js';
import { manualClock, type ManualClock } from '../../helpers/manual-clock.js';
import { consoleTestApp, sessionCookie, testHasher, type ConsoleTestAppOptions } from './console-test-app.js';

const annaPassword = 'anna heeft een lang wachtwoord';
const coordPassword = 'coordinator wachtwoord 2026';

interface World {
  readonly clock: ManualClock;
  readonly accounts: MemoryVolunteerStore;
  readonly sessions: MemoryConsoleSessionStore;
  app(options?: Partial<ConsoleTestAppOptions>): ReturnType<typeof consoleTestApp>;
}

async function world(): Promise<World> {
  const clock = manualClock();
  const accounts = new MemoryVolunteerStore({ clock, ttlSeconds: 365 * 86_400 });
  const sessions = new MemoryConsoleSessionStore({ clock, idleSeconds: 12 * 3600 });
  await accounts.add({ username: 'anna', role: 'volunteer', passwordHash: await testHasher.hash(annaPassword) });
  await accounts.add({ username: 'cor', role: 'coordinator', passwordHash: await testHasher.hash(coordPassword) });
  return { clock, accounts, sessions, app: (options = {}) => consoleTestApp({ accounts, sessions, ...options }) };
}

type App = ReturnType<typeof consoleTestApp>;

async function login(app: App, username = 'anna', password = annaPassword): Promise<{ cookie: string; csrfToken: string }> {
  const res = await request(app).post('/api/console/login').send({ username, password }).expect(200);
  return { cookie: sessionCookie(res.headers['set-cookie']), csrfToken: String(res.body.csrfToken) };
}

const loginFailed = { error: { code: 'LOGIN_FAILED', message: errorCodes.LOGIN_FAILED.message } };

let w: World;
let app: App;

beforeEach(async () => {
  w = await world();
  app = w.app();
});

describe('POST /api/console/login', () => {
  test('right password: the token, who and what role, and an httpOnly SameSite=Strict session cookie', async () => {
    const res = await request(app).post('/api/console/login').send({ username: 'Anna', password: annaPassword }).expect(200);
    expect(res.body).toEqual({ csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), username: 'anna', role: 'volunteer' });
    expect(res.headers['cache-control']).toBe('no-store');
    const cookies = res.headers['set-cookie'];
    expect(cookies).toHaveLength(1);
    const cookie = String(cookies?.[0]);
    expect(cookie).toMatch(/^hh_console=[A-Za-z0-9_-]{43}; /);
    const attributes = cookie.split('; ').slice(1);
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
    // Plain http: not Secure (the browser would drop it); no Max-Age: gone when the browser closes.
    expect(attributes).not.toContain('Secure');
    expect(cookie).not.toMatch(/Max-Age|Expires/);
    // The cookie names a live session holding the same CSRF token.
    const session = await w.sessions.get(readCookie(sessionCookie(cookies), 'hh_console') ?? '');
    expect(session).toMatchObject({ username: 'anna', role: 'volunteer', csrfToken: res.body.csrfToken });
    expect((await w.accounts.get('anna'))?.lastLoginAt).toBe(w.clock.now().toISOString());
  });

  test('Secure cookie: over https behind a trusted proxy (auto), or when configured', async () => {
    const viaProxy = await request(w.app({ trustProxy: true })).post('/api/console/login').set('X-Forwarded-Proto', 'https').send({ username: 'anna', password: annaPassword }).expect(200);
    expect(String(viaProxy.headers['set-cookie']?.[0])).toContain('; Secure');
    const forced = await request(w.app({ cookieSecure: true })).post('/api/console/login').send({ username: 'anna', password: annaPassword }).expect(200);
    expect(String(forced.headers['set-cookie']?.[0])).toContain('; Secure');
    // Without trust proxy the forwarded header proves nothing.
    const untrusted = await request(app).post('/api/console/login').set('X-Forwarded-Proto', 'https').send({ username: 'anna', password: annaPassword }).expect(200);
    expect(String(untrusted.headers['set-cookie']?.[0])).not.toContain('Secure');
  });

  test('wrong password, unknown user and impossible username get the very same 401, and no cookie', async () => {
    const attempts = [
      { username: 'anna', password: 'not annas password' },
      { username: 'nobody', password: annaPassword },
      { username: 'no such user!', password: annaPassword },
    ];
    const bodies = [];
    for (const body of attempts) {
      const res = await request(app).post('/api/console/login').send(body).expect(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      bodies.push(res.body);
    }
    expect(bodies).toEqual([loginFailed, loginFailed, loginFailed]);
  });

  test('an unknown user still costs a password check (so timing does not tell which usernames exist)', async () => {
    let dummies = 0;
    let verifies = 0;
    const counting: PasswordHasher = {
      ...testHasher,
      verify: (password, stored) => {
        verifies++;
        return testHasher.verify(password, stored);
      },
      verifyDummy: (password) => {
        dummies++;
        return testHasher.verifyDummy(password);
      },
    };
    const counted = w.app({ passwords: counting });
    await request(counted).post('/api/console/login').send({ username: 'nobody', password: 'whatever it is' }).expect(401);
    await request(counted).post('/api/console/login').send({ username: 'x!', password: 'whatever it is' }).expect(401);
    expect({ dummies, verifies }).toEqual({ dummies: 2, verifies: 0 });
    await request(counted).post('/api/console/login').send({ username: 'anna', password: 'whatever it is' }).expect(401);
    expect({ dummies, verifies }).toEqual({ dummies: 2, verifies: 1 });
  });

  test('the body is validated: missing or extra fields are 400 and no value is echoed', async () => {
    const missing = await request(app).post('/api/console/login').send({ username: 'anna' }).expect(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['password']);
    const extra = await request(app).post('/api/console/login').send({ username: 'anna', password: 'geheim-geheim-1', admin: true }).expect(400);
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(extra.body)).not.toContain('geheim');
    const wrongType = await request(app).post('/api/console/login').send({ username: 'anna', password: 12345678901234 }).expect(400);
    expect(JSON.stringify(wrongType.body)).not.toContain('12345678901234');
    await request(app).post('/api/console/login').send(['anna', annaPassword]).expect(400);
    const form = await request(app).post('/api/console/login').type('form').send({ username: 'anna', password: annaPassword }).expect(415);
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('the 6th failure for one username from one IP within 15 minutes is 429, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      await request(app).post('/api/console/login').send({ username: 'anna', password: `wrong password ${i}` }).expect(401);
    }
    const blocked = await request(app).post('/api/console/login').send({ username: 'ANNA', password: annaPassword }).expect(429);
    expect(blocked.body).toEqual({ error: { code: 'RATE_LIMITED', message: errorCodes.RATE_LIMITED.message } });
    expect(blocked.headers['set-cookie']).toBeUndefined();
    // The limit is per username: another volunteer on the same network can still sign in.
    await login(app, 'cor', coordPassword);
  });

  test('a successful login does not count and clears earlier failures', async () => {
    for (let i = 0; i < 4; i++) await request(app).post('/api/console/login').send({ username: 'anna', password: 'wrong password' }).expect(401);
    await login(app);
    await login(app);
    for (let i = 0; i < 5; i++) await request(app).post('/api/console/login').send({ username: 'anna', password: 'wrong password' }).expect(401);
    await request(app).post('/api/console/login').send({ username: 'anna', password: 'wrong password' }).expect(429);
  });

  test('failures over many usernames from one IP hit the per-IP limit', async () => {
    const limited = w.app({ loginLimit: { windowMs: 60_000, maxFailuresPerUser: 5, maxFailuresPerIp: 3 } });
    for (const username of ['aaa', 'bbb', 'ccc']) await request(limited).post('/api/console/login').send({ username, password: 'guess guess guess' }).expect(401);
    await request(limited).post('/api/console/login').send({ username: 'anna', password: annaPassword }).expect(429);
  });

  test('a new login ends the session the browser had before (a fresh id every time)', async () => {
    const first = await login(app);
    const res = await request(app).post('/api/console/login').set('Cookie', first.cookie).send({ username: 'anna', password: annaPassword }).expect(200);
    const second = sessionCookie(res.headers['set-cookie']);
    expect(second).not.toBe(first.cookie);
    await request(app).get('/api/console/me').set('Cookie', first.cookie).expect(401);
    await request(app).get('/api/console/me').set('Cookie', second).expect(200);
  });
});

describe('protected console routes', () => {
  test('no cookie, an unknown session or a malformed cookie: 401 CONSOLE_UNAUTHENTICATED', async () => {
    const expected = { error: { code: 'CONSOLE_UNAUTHENTICATED', message: errorCodes.CONSOLE_UNAUTHENTICATED.message } };
    for (const cookie of [undefined, `hh_console=${'A'.repeat(43)}`, 'hh_console=', 'hh_console=<script>', 'other=1']) {
      const req = request(app).post('/api/console/ping').set('x-csrf-token', 'anything');
      const res = await (cookie === undefined ? req : req.set('Cookie', cookie)).send({}).expect(401);
      expect(res.body).toEqual(expected);
    }
    await request(app).get('/api/console/me').expect(401);
  });

  test('a session but no or a wrong x-csrf-token: 403 CSRF_FAILED; the right one: 200', async () => {
    const { cookie, csrfToken } = await login(app);
    const other = await login(app, 'cor', coordPassword);
    const expected = { error: { code: 'CSRF_FAILED', message: errorCodes.CSRF_FAILED.message } };
    expect((await request(app).post('/api/console/ping').set('Cookie', cookie).send({}).expect(403)).body).toEqual(expected);
    for (const token of ['', 'wrong', csrfToken.slice(0, -1), `${csrfToken}x`, other.csrfToken]) {
      expect((await request(app).post('/api/console/ping').set('Cookie', cookie).set('x-csrf-token', token).send({}).expect(403)).body).toEqual(expected);
    }
    const ok = await request(app).post('/api/console/ping').set('Cookie', cookie).set('x-csrf-token', csrfToken).send({}).expect(200);
    expect(ok.body).toEqual({ ok: true, username: 'anna' });
  });

  test('reading (GET) needs the session but no CSRF token', async () => {
    const { cookie } = await login(app);
    expect((await request(app).get('/api/console/ping').set('Cookie', cookie).expect(200)).body).toEqual({ ok: true, username: 'anna' });
  });

  test('GET /me gives a reloaded page its username, role and token back', async () => {
    const { cookie, csrfToken } = await login(app, 'COR', coordPassword);
    const res = await request(app).get('/api/console/me').set('Cookie', `theme=dark; ${cookie}; lang=nl`).expect(200);
    expect(res.body).toEqual({ username: 'cor', role: 'coordinator', csrfToken });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('a coordinator-only route: 403 FORBIDDEN_ROLE for a volunteer, 200 for a coordinator', async () => {
    const volunteer = await login(app);
    const res = await request(app).post('/api/console/coordinator-only').set('Cookie', volunteer.cookie).set('x-csrf-token', volunteer.csrfToken).send({}).expect(403);
    expect(res.body).toEqual({ error: { code: 'FORBIDDEN_ROLE', message: errorCodes.FORBIDDEN_ROLE.message } });
    const coordinator = await login(app, 'cor', coordPassword);
    await request(app).post('/api/console/coordinator-only').set('Cookie', coordinator.cookie).set('x-csrf-token', coordinator.csrfToken).send({}).expect(200);
  });

  test('the account’s current role counts, not the role at login', async () => {
    const { cookie, csrfToken } = await login(app);
    await w.accounts.add({ username: 'anna', role: 'coordinator', passwordHash: await testHasher.hash(annaPassword), replace: true });
    await request(app).post('/api/console/coordinator-only').set('Cookie', cookie).set('x-csrf-token', csrfToken).send({}).expect(200);
  });

  test('logout needs the CSRF token, ends the session and clears the cookie', async () => {
    const { cookie, csrfToken } = await login(app);
    await request(app).post('/api/console/logout').set('Cookie', cookie).expect(403);
    await request(app).get('/api/console/me').set('Cookie', cookie).expect(200);
    const res = await request(app).post('/api/console/logout').set('Cookie', cookie).set('x-csrf-token', csrfToken).expect(204);
    expect(String(res.headers['set-cookie']?.[0])).toMatch(/^hh_console=; Path=\/; Expires=Thu, 01 Jan 1970/);
    await request(app).get('/api/console/me').set('Cookie', cookie).expect(401);
    await request(app).post('/api/console/ping').set('Cookie', cookie).set('x-csrf-token', csrfToken).send({}).expect(401);
    expect(await w.sessions.get(readCookie(cookie, 'hh_console') ?? '')).toBeNull();
  });

  test('a removed account loses its open session at the next request', async () => {
    const { cookie } = await login(app);
    await w.accounts.remove('anna');
    await request(app).get('/api/console/me').set('Cookie', cookie).expect(401);
    expect(await w.sessions.get(readCookie(cookie, 'hh_console') ?? '')).toBeNull();
  });

  test('sliding expiry: each request keeps the session alive; 12 idle hours end it', async () => {
    const { cookie } = await login(app);
    w.clock.advance(11 * 3600_000);
    await request(app).get('/api/console/me').set('Cookie', cookie).expect(200);
    w.clock.advance(11 * 3600_000);
    await request(app).get('/api/console/me').set('Cookie', cookie).expect(200);
    w.clock.advance(12 * 3600_000 + 1000);
    await request(app).get('/api/console/me').set('Cookie', cookie).expect(401);
  });

  test('requests mark the volunteer as signed in now, for the coordinator view', async () => {
    const { cookie } = await login(app);
    await login(app, 'cor', coordPassword);
    expect(await w.sessions.listActive()).toEqual(['anna', 'cor']);
    w.clock.advance(10 * 60_000);
    expect(await w.sessions.listActive()).toEqual([]);
    await request(app).get('/api/console/ping').set('Cookie', cookie).expect(200);
    expect(await w.sessions.listActive()).toEqual(['anna']);
  });
});

describe('readCookie', () => {
  test.each([
    [undefined, undefined],
    ['', undefined],
    ['hh_console=abc', 'abc'],
    ['a=1; hh_console=abc-_9; b=2', 'abc-_9'],
    ['hh_console="abc"', 'abc'],
    ['xhh_console=abc', undefined],
    ['hh_console=a%20b', undefined],
    ['hh_console=a b', undefined],
  ])('%j -> %j', (header, value) => {
    expect(readCookie(header, 'hh_console')).toBe(value);
  });
});
