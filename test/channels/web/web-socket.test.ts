import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { issueToken } from '../../../src/channels/web/session-token.js';
import { CLOSE_UNAUTHORIZED } from '../../../src/channels/web/web-socket.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { sleep } from '../../helpers/wait-for.js';
import { botMessageSchema, history, lastOf, newSession, payloads, turn } from './web-client.js';
import { helloSocket, openSocket, type TestSocket } from './socket-client.js';

const secret = randomBytes(32).toString('base64url');
const NOW = '2026-11-22T10:00:00+01:00';
const nowS = new Date(NOW).getTime() / 1000;

const errorFrameSchema = z.strictObject({ type: z.literal('error'), error: z.strictObject({ code: z.string(), message: z.string().min(1) }) });

describe('web socket /ws (memory store)', () => {
  let app: StartedApp;
  const sockets: TestSocket[] = [];
  const open = async (): Promise<TestSocket> => {
    const s = await openSocket(app.url);
    sockets.push(s);
    return s;
  };
  const hello = async (token: string, after?: string): Promise<TestSocket> => {
    const s = await helloSocket(app.url, token, after);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    app = await startApp({ now: NOW, secret });
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await app.close();
  });

  describe('the first frame must be a hello with a valid token, else close 4401', () => {
    it.each([
      ['a hello without token', { type: 'hello' }],
      ['a hello with a forged token', { type: 'hello', token: 'eyJjIjoiYWFhYWFhYWFhYSJ9.forged' }],
      ['a hello with a token of another secret', { type: 'hello', token: issueToken('y'.repeat(40), { conversationId: 'abcdefghij', locale: 'nl', exp: nowS + 3600 }) }],
      ['a hello with an expired token', { type: 'hello', token: issueToken(secret, { conversationId: 'abcdefghij', locale: 'nl', exp: nowS - 1 }) }],
      ['a hello with extra fields', { type: 'hello', token: issueToken(secret, { conversationId: 'abcdefghij', locale: 'nl', exp: nowS + 3600 }), user: 'x' }],
      ['a message frame first', { type: 'message', text: 'hoi' }],
      ['a frame that is not JSON', 'hello there'],
    ])('%s', async (_what, frame) => {
      const s = await open();
      s.send(frame);
      expect(await s.closed).toBe(CLOSE_UNAUTHORIZED);
      expect(s.frames).toEqual([]);
    });

    it('a valid hello answers ready and keeps the socket open', async () => {
      const session = await newSession(app.url);
      const s = await hello(session.token);
      expect(s.frames).toEqual([{ type: 'ready' }]);
      expect(s.ws.readyState).toBe(s.ws.OPEN);
    });
  });

  it('a message frame gets the bot messages, with ids, in the HTTP shape', async () => {
    const session = await newSession(app.url);
    const s = await hello(session.token);
    s.send({ type: 'message', text: 'hoi' });
    const messages = (await s.frameOfType('message', 2)).map((f) => botMessageSchema.parse(f));
    expect(messages).toHaveLength(2);
    expect(payloads(messages[1])).toEqual(expect.arrayContaining(['choice:tenant', 'choice:relative', 'choice:other']));
    // The same messages are kept for GET /api/messages, under the same ids.
    expect(await history(app.url, session.token)).toEqual(messages);
    s.send({ type: 'message', payload: 'choice:tenant' });
    const [, , third] = (await s.frameOfType('message', 3)).map((f) => botMessageSchema.parse(f));
    expect(payloads(third)).toContain('choice:dagvaarding');
    // A typing hint came before each turn's replies.
    expect(s.frames.filter((f) => z.object({ type: z.literal('typing') }).safeParse(f).success)).toHaveLength(2);
  });

  it('a message sent right behind the hello (without waiting for ready) is answered, not refused', async () => {
    const session = await newSession(app.url);
    const s = await open();
    s.send({ type: 'hello', token: session.token });
    s.send({ type: 'message', text: 'hoi' });
    const messages = await s.frameOfType('message', 2);
    expect(messages).toHaveLength(2);
    expect(s.ws.readyState).toBe(s.ws.OPEN);
  });

  it('replies of turns posted over HTTP reach the open socket', async () => {
    const session = await newSession(app.url);
    const s = await hello(session.token);
    const sent = await turn(app.url, session.token, { text: 'hoi' });
    const live = (await s.frameOfType('message', 2)).map((f) => botMessageSchema.parse(f));
    expect(live).toEqual(sent);
  });

  it('a frame over 4096 bytes closes the socket', async () => {
    const session = await newSession(app.url);
    const s = await hello(session.token);
    s.send({ type: 'message', text: 'a'.repeat(4100) });
    // 1009: message too big (RFC 6455).
    expect(await s.closed).toBe(1009);
    expect(await app.stores.sessions.get(session.conversationId)).toBeNull();
  });

  describe('a bad frame after the hello: an error frame, and the socket stays open', () => {
    it.each([
      ['not JSON', '{"type":', 'BAD_REQUEST'],
      ['text over 2,000 characters', { type: 'message', text: 'b'.repeat(2001) }, 'VALIDATION_FAILED'],
      ['a wrong type', { type: 'message', text: 42 }, 'VALIDATION_FAILED'],
      ['an extra field', { type: 'message', text: 'hoi', user: 'someone' }, 'VALIDATION_FAILED'],
      ['empty text', { type: 'message', text: ' ' }, 'VALIDATION_FAILED'],
      ['a second hello', { type: 'hello', token: 'x' }, 'VALIDATION_FAILED'],
      ['a payload not on screen', { type: 'message', payload: 'choice:dagvaarding' }, 'UNKNOWN_PAYLOAD'],
    ])('%s -> %s', async (_what, frame, code) => {
      const session = await newSession(app.url);
      await turn(app.url, session.token, { text: 'hoi' });
      const before = await app.stores.sessions.get(session.conversationId);
      const s = await hello(session.token);
      s.send(frame);
      const [error] = await s.frameOfType('error');
      expect(errorFrameSchema.parse(error).error.code).toBe(code);
      expect(await app.stores.sessions.get(session.conversationId)).toEqual(before);
      // Still open and still working.
      expect(s.ws.readyState).toBe(s.ws.OPEN);
      s.send({ type: 'message', payload: 'choice:tenant' });
      const [reply] = (await s.frameOfType('message')).map((f) => botMessageSchema.parse(f));
      expect(payloads(reply)).toContain('choice:dagvaarding');
    });
  });

  it('reconnecting with hello {after: last id} replays what was missed, and only that', async () => {
    const session = await newSession(app.url);
    const first = await hello(session.token);
    first.send({ type: 'message', text: 'hoi' });
    const seen = (await first.frameOfType('message', 2)).map((f) => botMessageSchema.parse(f));
    await first.close();

    // While the socket is gone, a turn happens (e.g. the page posted it over HTTP).
    const missed = await turn(app.url, session.token, { payload: 'choice:tenant' });

    const second = await hello(session.token, lastOf(seen).id);
    const replayed = second.frames.filter((f) => botMessageSchema.safeParse(f).success).map((f) => botMessageSchema.parse(f));
    expect(replayed).toEqual(missed);
    // Replay comes before "ready", so the widget can render it first.
    expect(second.frames.at(-1)).toEqual({ type: 'ready' });

    // Without `after`, nothing is replayed (the widget reads history over HTTP).
    const third = await hello(session.token);
    expect(third.frames).toEqual([{ type: 'ready' }]);
  });

  it('an idle socket without hello is not served: it gets nothing for a conversation', async () => {
    const session = await newSession(app.url);
    const idle = await open();
    await turn(app.url, session.token, { text: 'hoi' });
    await sleep(50);
    expect(idle.frames).toEqual([]);
  });
});
