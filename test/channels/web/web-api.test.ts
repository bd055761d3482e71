import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { issueToken, verifyToken } from '../../../src/channels/web/session-token.js';
import { migrateState } from '../../../src/engine/session-state.js';
import type { StoredDocument } from '../../../src/store/session-store.js';
import { manualClock } from '../../helpers/manual-clock.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { errorBodySchema, history, lastOf, newSession, payloads, postRaw, turn, type WebSession } from './web-client.js';

const secret = randomBytes(32).toString('base64url');
const NOW = '2026-11-22T10:00:00+01:00';
const nowMs = new Date(NOW).getTime();

/** The stored state as the store holds it, serialised, so "unchanged" means byte for byte. */
async function snapshot(app: StartedApp, conversationId: string): Promise<{ rev: number | null; json: string }> {
  const stored: StoredDocument | null = await app.stores.sessions.get(conversationId);
  return { rev: stored?.rev ?? null, json: JSON.stringify(stored?.doc ?? null) };
}

/** A server of its own per group: sessions are rate-limited per address (20 a minute), and every test comes from 127.0.0.1. */
describe('web API (memory store)', () => {
  describe('POST /api/web/session', () => {
    let app: StartedApp;
    beforeAll(async () => {
      app = await startApp({ now: NOW, secret });
    });
    afterAll(async () => {
      await app.close();
    });
    it('answers 201 with a signed token naming a new conversation, locale nl by default', async () => {
      const res = await fetch(`${app.url}/api/web/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body: unknown = await res.json();
      expect(body).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/), conversationId: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
      const session = await newSession(app.url);
      const claims = verifyToken(secret, session.token, nowMs);
      expect(claims).toEqual({ conversationId: session.conversationId, locale: 'nl', exp: nowMs / 1000 + 30 * 86_400 });
      // Nothing is stored until the person says something.
      expect(await app.stores.sessions.get(session.conversationId)).toBeNull();
    });

    it('works with an empty body and honours locale en', async () => {
      const empty = await fetch(`${app.url}/api/web/session`, { method: 'POST' });
      expect(empty.status).toBe(201);
      const en = await newSession(app.url, { locale: 'en' });
      expect(verifyToken(secret, en.token, nowMs)?.locale).toBe('en');
      const nl = await newSession(app.url);
      // The same first words give an English greeting under an en token.
      const [enFirst] = await turn(app.url, en.token, { text: 'hi' });
      const [nlFirst] = await turn(app.url, nl.token, { text: 'hoi' });
      expect(enFirst?.text).not.toBe(nlFirst?.text);
      expect(migrateState((await app.stores.sessions.get(en.conversationId))?.doc)?.locale).toBe('en');
    });

    it('without a locale from the widget, the Accept-Language header chooses among the shipped languages, else Dutch', async () => {
      const claimsFor = async (acceptLanguage: string): Promise<string | undefined> => {
        const res = await fetch(`${app.url}/api/web/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': acceptLanguage }, body: '{}' });
        const { token } = z.object({ token: z.string() }).parse(await res.json());
        return verifyToken(secret, token, nowMs)?.locale;
      };
      expect(await claimsFor('en-US,en;q=0.9')).toBe('en');
      expect(await claimsFor('fr-FR, fr;q=0.9')).toBe('nl');
      expect(await claimsFor('de, nl;q=0.3, en;q=0.2')).toBe('nl');
      // The widget's data-locale (sent as locale) wins over the browser.
      const res = await fetch(`${app.url}/api/web/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ locale: 'nl' }) });
      const { token } = z.object({ token: z.string() }).parse(await res.json());
      expect(verifyToken(secret, token, nowMs)?.locale).toBe('nl');
    });

    it('gives every session its own conversation', async () => {
      const a = await newSession(app.url);
      const b = await newSession(app.url);
      expect(a.conversationId).not.toBe(b.conversationId);
      expect(a.token).not.toBe(b.token);
    });

    it.each([
      ['a client-chosen conversation id', { conversationId: 'my-own-conversation' }, '(body)'],
      ['a client-chosen user id', { user: 'someone-else' }, '(body)'],
      ['an unknown locale', { locale: 'de' }, 'locale'],
    ])('refuses %s with 400 VALIDATION_FAILED', async (_what, body, path) => {
      const res = await fetch(`${app.url}/api/web/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      const { error } = errorBodySchema.parse(await res.json());
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields?.map((f) => f.path)).toContain(path);
      if ('conversationId' in body) expect(await app.stores.sessions.get(body.conversationId)).toBeNull();
    });
  });

  describe('POST /api/messages and GET /api/messages', () => {
    let app: StartedApp;
    beforeAll(async () => {
      app = await startApp({ now: NOW, secret });
    });
    afterAll(async () => {
      await app.close();
    });
    it('runs a turn and keeps the messages for GET, all and after an id', async () => {
      const s = await newSession(app.url);
      const first = await turn(app.url, s.token, { text: 'hoi' });
      // Greeting, then one question with buttons (one question per message).
      expect(first).toHaveLength(2);
      expect(first[0]?.quick_replies).toBeUndefined();
      expect(payloads(first[1])).toEqual(expect.arrayContaining(['choice:tenant', 'choice:relative', 'choice:other']));
      for (const q of first[1]?.quick_replies ?? []) expect(q.title.length).toBeGreaterThan(0);

      const second = await turn(app.url, s.token, { payload: 'choice:tenant' });
      expect(second).toHaveLength(1);
      expect(payloads(second[0])).toContain('choice:dagvaarding');

      const all = await history(app.url, s.token);
      expect(all).toEqual([...first, ...second]);
      expect(await history(app.url, s.token, lastOf(first).id)).toEqual(second);
      expect(await history(app.url, s.token, lastOf(second).id)).toEqual([]);

      const stored = await app.stores.sessions.get(s.conversationId);
      expect(stored?.rev).toBe(2);
      expect(migrateState(stored?.doc)?.answers).toEqual({ role: 'tenant', is_relative: false });
    });

    it('GET /api/messages is empty for a new session and refuses a malformed after', async () => {
      const s = await newSession(app.url);
      expect(await history(app.url, s.token)).toEqual([]);
      for (const query of ['after=abc', 'after=1-2&user=x']) {
        const res = await fetch(`${app.url}/api/messages?${query}`, { headers: { authorization: `Bearer ${s.token}` } });
        expect(res.status).toBe(400);
        expect(errorBodySchema.parse(await res.json()).error.code).toBe('VALIDATION_FAILED');
      }
      const noToken = await fetch(`${app.url}/api/messages`);
      expect(noToken.status).toBe(401);
      expect(errorBodySchema.parse(await noToken.json()).error.code).toBe('TOKEN_MISSING');
    });

    it('a token only ever reads its own conversation', async () => {
      const a = await newSession(app.url);
      const b = await newSession(app.url);
      await turn(app.url, a.token, { text: 'hoi' });
      expect(await history(app.url, b.token)).toEqual([]);
    });
  });

  describe('bad input: a clear 4xx JSON error and the conversation unchanged', () => {
    let app: StartedApp;
    beforeAll(async () => {
      app = await startApp({ now: NOW, secret });
    });
    afterAll(async () => {
      await app.close();
    });
    // One conversation for every refusal: each must leave it exactly as it was, so they can share it.
    let s: WebSession;
    beforeAll(async () => {
      s = await newSession(app.url);
      await turn(app.url, s.token, { text: 'hoi' });
      await turn(app.url, s.token, { payload: 'choice:tenant' });
    });

    const valid = (extra: Record<string, unknown> = {}): string => JSON.stringify({ type: 'message', text: 'dagvaarding', ...extra });

    async function expectRefused(
      send: () => Promise<{ status: number; json: unknown }>,
      status: number,
      code: string,
      field?: string,
    ): Promise<void> {
      const before = await snapshot(app, s.conversationId);
      const kept = await history(app.url, s.token);
      const { status: got, json } = await send();
      const { error } = errorBodySchema.parse(json);
      expect({ status: got, code: error.code }).toEqual({ status, code });
      if (field !== undefined) expect(error.fields?.map((f) => f.path)).toContain(field);
      expect(await snapshot(app, s.conversationId)).toEqual(before);
      expect(before.rev).toBe(2);
      expect(await history(app.url, s.token)).toEqual(kept);
    }


    it('a body over 4 KB: 413 BODY_TOO_LARGE', async () => {
      const big = valid({ text: 'a'.repeat(4100) });
      expect(Buffer.byteLength(big)).toBeGreaterThan(4096);
      await expectRefused(() => postRaw(app.url, big, { token: s.token }), 413, 'BODY_TOO_LARGE');
    });

    it('text over 2,000 characters: 400 VALIDATION_FAILED naming text', async () => {
      await expectRefused(() => postRaw(app.url, valid({ text: 'b'.repeat(2001) }), { token: s.token }), 400, 'VALIDATION_FAILED', 'text');
    });

    it.each([
      ['text is a number', { type: 'message', text: 5 }, 'text'],
      ['payload is a number', { type: 'message', payload: 7 }, 'payload'],
      ['type is not "message"', { type: 'hello', text: 'hoi' }, 'type'],
      ['type is missing', { text: 'hoi' }, 'type'],
      ['text is empty', { type: 'message', text: '' }, 'text'],
      ['text is only spaces', { type: 'message', text: '   ' }, 'text'],
      ['neither text nor payload', { type: 'message' }, 'text'],
      ['payload is not a button format', { type: 'message', payload: '<script>alert(1)</script>' }, 'payload'],
      ['an extra field', { type: 'message', text: 'hoi', extra: true }, '(body)'],
      ['a client-supplied user', { type: 'message', text: 'hoi', user: 'other-person' }, '(body)'],
      ['a client-supplied conversationId', { type: 'message', text: 'hoi', conversationId: 'other-conversation' }, '(body)'],
    ])('%s: 400 VALIDATION_FAILED', async (_what, body, field) => {
      await expectRefused(() => postRaw(app.url, JSON.stringify(body), { token: s.token }), 400, 'VALIDATION_FAILED', field);
    });

    it('the refusal names the field but never echoes the value', async () => {
      const { json } = await postRaw(app.url, JSON.stringify({ type: 'message', text: 'x', secretive: 'VALUE-NOT-TO-ECHO' }), { token: s.token });
      expect(JSON.stringify(json)).toContain('secretive');
      expect(JSON.stringify(json)).not.toContain('VALUE-NOT-TO-ECHO');
      const long = await postRaw(app.url, valid({ text: `TYPED-${'c'.repeat(2001)}` }), { token: s.token });
      expect(JSON.stringify(long.json)).not.toContain('TYPED-');
    });

    it('a client-supplied conversationId never creates or touches that conversation', async () => {
      const other = await newSession(app.url);
      await turn(app.url, other.token, { text: 'hoi' });
      const otherBefore = await snapshot(app, other.conversationId);
      await postRaw(app.url, JSON.stringify({ type: 'message', payload: 'choice:relative', conversationId: other.conversationId }), { token: s.token });
      expect(await snapshot(app, other.conversationId)).toEqual(otherBefore);
    });

    it('a body that is not JSON: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      await expectRefused(() => postRaw(app.url, 'type=message&text=hoi', { token: s.token, contentType: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expectRefused(() => postRaw(app.url, 'hoi', { token: s.token, contentType: 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it.each([
      ['broken JSON', '{"type":"message","text":'],
      ['a JSON string', '"hoi"'],
      ['a JSON array', '[{"type":"message","text":"hoi"}]'],
      ['JSON null', 'null'],
    ])('%s: 400 BAD_REQUEST', async (_what, body) => {
      await expectRefused(() => postRaw(app.url, body, { token: s.token }), 400, 'BAD_REQUEST');
    });

    it('a payload that is not on screen: 400 UNKNOWN_PAYLOAD', async () => {
      // The screen asks "what happened?"; the earlier "who" buttons and made-up ones are not accepted.
      await expectRefused(() => postRaw(app.url, JSON.stringify({ type: 'message', payload: 'choice:relative' }), { token: s.token }), 400, 'UNKNOWN_PAYLOAD');
      await expectRefused(() => postRaw(app.url, JSON.stringify({ type: 'message', payload: 'choice:landlord_is_wrong' }), { token: s.token }), 400, 'UNKNOWN_PAYLOAD');
    });

    it('a payload on a conversation that has not started: 400 UNKNOWN_PAYLOAD and nothing stored', async () => {
      const fresh = await newSession(app.url);
      const { status, json } = await postRaw(app.url, JSON.stringify({ type: 'message', payload: 'choice:tenant' }), { token: fresh.token });
      expect(status).toBe(400);
      expect(errorBodySchema.parse(json).error.code).toBe('UNKNOWN_PAYLOAD');
      expect(await app.stores.sessions.get(fresh.conversationId)).toBeNull();
      expect(await history(app.url, fresh.token)).toEqual([]);
    });

    it('no token: 401 TOKEN_MISSING', async () => {
      await expectRefused(() => postRaw(app.url, valid()), 401, 'TOKEN_MISSING');
    });

    it('a forged token (claims changed, old signature): 401 TOKEN_INVALID', async () => {
      const [, mac] = s.token.split('.');
      const other = await newSession(app.url);
      const [otherBody] = other.token.split('.');
      const forged = `${otherBody}.${mac}`;
      await expectRefused(() => postRaw(app.url, valid(), { token: forged }), 401, 'TOKEN_INVALID');
      // Claims for this very conversation, signed with a guess.
      const selfMade = issueToken('x'.repeat(32), { conversationId: s.conversationId, locale: 'nl', exp: nowMs / 1000 + 3600 });
      await expectRefused(() => postRaw(app.url, valid(), { token: selfMade }), 401, 'TOKEN_INVALID');
    });

    it('a token signed with another secret: 401 TOKEN_INVALID', async () => {
      const otherSecret = randomBytes(32).toString('base64url');
      const token = issueToken(otherSecret, { conversationId: s.conversationId, locale: 'nl', exp: nowMs / 1000 + 3600 });
      await expectRefused(() => postRaw(app.url, valid(), { token }), 401, 'TOKEN_INVALID');
    });

    it('an expired token: 401 TOKEN_INVALID', async () => {
      const expired = issueToken(secret, { conversationId: s.conversationId, locale: 'nl', exp: nowMs / 1000 - 1 });
      await expectRefused(() => postRaw(app.url, valid(), { token: expired }), 401, 'TOKEN_INVALID');
      // Expiring exactly now is expired too.
      const atNow = issueToken(secret, { conversationId: s.conversationId, locale: 'nl', exp: nowMs / 1000 });
      await expectRefused(() => postRaw(app.url, valid(), { token: atNow }), 401, 'TOKEN_INVALID');
    });

    it.each([
      ['garbage', 'Bearer not-a-token'],
      ['a Basic header', `Basic ${Buffer.from('user:pass').toString('base64')}`],
      ['an empty bearer', 'Bearer '],
      ['two tokens', 'Bearer a.b c.d'],
    ])('an Authorization header with %s: 401 TOKEN_INVALID', async (_what, authorization) => {
      await expectRefused(() => postRaw(app.url, valid(), { authorization }), 401, 'TOKEN_INVALID');
    });
  });

  describe('after refusals the conversation goes on', () => {
    let app: StartedApp;
    beforeAll(async () => {
      app = await startApp({ now: NOW, secret });
    });
    afterAll(async () => {
      await app.close();
    });

    it('accepts exactly 2,000 characters, and the buttons on screen after an unknown payload', async () => {
      const s = await newSession(app.url);
      await turn(app.url, s.token, { text: 'hoi' });
      await turn(app.url, s.token, { payload: 'choice:tenant' });
      const refused = await postRaw(app.url, JSON.stringify({ type: 'message', payload: 'choice:relative' }), { token: s.token });
      expect(refused.status).toBe(400);
      await turn(app.url, s.token, { payload: 'choice:dagvaarding' });
      const next = await turn(app.url, s.token, { payload: 'choice:rent' });
      expect(lastOf(next).input).toBe('date');
      // A long answer is read (and not understood as a date: asked again kindly, with the button).
      const long = await turn(app.url, s.token, { text: 'b'.repeat(2000) });
      expect(lastOf(long).input).toBe('date');
      expect(payloads(lastOf(long))).toContain('choice:dont_know');
      expect((await app.stores.sessions.get(s.conversationId))?.rev).toBe(5);
    });
  });

  describe('rate limit', () => {
    it('allows 20 new sessions a minute per address; the 21st gets 429 RATE_LIMITED', async () => {
      const app = await startApp({ now: NOW, secret });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await fetch(`${app.url}/api/web/session`, { method: 'POST' })).status);
        expect(new Set(statuses)).toEqual(new Set([201]));
        const res = await fetch(`${app.url}/api/web/session`, { method: 'POST' });
        expect(res.status).toBe(429);
        expect(errorBodySchema.parse(await res.json()).error.code).toBe('RATE_LIMITED');
      } finally {
        await app.close();
      }
    });
  });

  describe('HTTP basics', () => {
    let app: StartedApp;
    beforeAll(async () => {
      app = await startApp({ now: NOW, secret });
    });
    afterAll(async () => {
      await app.close();
    });
    it('GET /healthz answers ok with the store kind', async () => {
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, store: 'memory' });
    });

    it('an unknown route is a 404 NOT_FOUND JSON error', async () => {
      for (const [method, path] of [['GET', '/nope'], ['POST', '/api/nope'], ['DELETE', '/api/messages']] as const) {
        const res = await fetch(`${app.url}${path}`, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(errorBodySchema.parse(await res.json()).error.code).toBe('NOT_FOUND');
      }
    });

    it('serves the demo page at / with security headers and the widget script', async () => {
      const res = await fetch(`${app.url}/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-powered-by')).toBeNull();
      const html = await res.text();
      expect(html).toMatch(/<html lang="nl">/);
      expect(html).toContain('<script src="/widget.js"');
      // No inline script: the CSP would block it.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const en = await (await fetch(`${app.url}/?lang=en`)).text();
      expect(en).toMatch(/<html lang="en">/);
    });

    it('serves /widget.js as JavaScript', async () => {
      const res = await fetch(`${app.url}/widget.js`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
      const js = await res.text();
      expect(js.startsWith('"use strict";')).toBe(true);
      expect(js.length).toBeGreaterThan(1000);
    });

    it('JSON errors carry the security headers too', async () => {
      const res = await fetch(`${app.url}/nope`);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    });
  });
});

describe('web API with a clock that moves', () => {
  it('a token stops working once its 30 days are over', async () => {
    const clock = manualClock('2026-11-22T09:00:00.000Z');
    const app = await startApp({ clock, secret });
    try {
      const s = await newSession(app.url);
      await turn(app.url, s.token, { text: 'hoi' });
      clock.advance(29 * 86_400_000);
      expect(await turn(app.url, s.token, { payload: 'choice:tenant' })).toHaveLength(1);
      const before = await snapshot(app, s.conversationId);
      clock.advance(2 * 86_400_000);
      const { status, json } = await postRaw(app.url, JSON.stringify({ type: 'message', payload: 'choice:dagvaarding' }), { token: s.token });
      expect(status).toBe(401);
      expect(errorBodySchema.parse(json).error.code).toBe('TOKEN_INVALID');
      expect(await snapshot(app, s.conversationId)).toEqual(before);
    } finally {
      await app.close();
    }
  });
});
