import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { errorBodySchema, sessionSchema } from './web-client.js';

const site = 'http://127.0.0.2:8123';
const stranger = 'https://evil.example';

/** POST /api/web/session with the given Origin header (none when undefined). */
function createSession(url: string, origin: string | undefined): Promise<Response> {
  return fetch(`${url}/api/web/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin === undefined ? {} : { origin }) },
    body: '{}',
  });
}

/** Opens /ws with an Origin header; resolves with 'open' or the HTTP status of a refused upgrade. */
function upgrade(url: string, origin: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { origin });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('WIDGET_ORIGINS: the widget on another site', () => {
  let app: StartedApp;
  let plain: StartedApp;
  beforeAll(async () => {
    app = await startApp({ env: { WIDGET_ORIGINS: `${site},https://www.gemeente.nl` } });
    plain = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await plain?.close();
  });

  test('/widget.js may be loaded by other sites only when WIDGET_ORIGINS names some', async () => {
    expect((await fetch(`${app.url}/widget.js`)).headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await fetch(`${plain.url}/widget.js`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
    // Everything else keeps same-origin.
    expect((await fetch(`${app.url}/healthz`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  test('a preflight from an allowed site is answered with that exact origin and no credentials', async () => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'OPTIONS',
      headers: { origin: site, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(site);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  test('an allowed site gets a session and CORS headers; our own origin and non-browsers need none', async () => {
    const allowed = await createSession(app.url, site);
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(site);
    sessionSchema.parse(await allowed.json());
    for (const origin of [app.url, undefined]) {
      const res = await createSession(app.url, origin);
      expect(res.status).toBe(201);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  test('any other site is refused with 403 ORIGIN_NOT_ALLOWED before anything is created, preflight included', async () => {
    for (const url of [app.url, plain.url]) {
      const refused = await createSession(url, stranger);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(errorBodySchema.parse(await refused.json()).error.code).toBe('ORIGIN_NOT_ALLOWED');
      const preflight = await fetch(`${url}/api/messages`, { method: 'OPTIONS', headers: { origin: stranger, 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    // "null" (sandboxed frames, file://) is no site.
    expect((await createSession(app.url, 'null')).status).toBe(403);
    // Without WIDGET_ORIGINS even a site that another deployment allows is refused.
    expect((await createSession(plain.url, site)).status).toBe(403);
  });

  test('the volunteer console never answers other sites with CORS', async () => {
    const res = await fetch(`${app.url}/api/console/me`, { headers: { origin: site } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the websocket opens for our own origin and allowed sites, and refuses other sites with 403', async () => {
    expect(await upgrade(app.url, site)).toBe('open');
    expect(await upgrade(app.url, app.url)).toBe('open');
    expect(await upgrade(app.url, stranger)).toBe(403);
    expect(await upgrade(plain.url, site)).toBe(403);
  });
});
