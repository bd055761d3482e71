import { connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { errorBodySchema, newSession, turn } from '../channels/web/web-client.js';
import { openSocket } from '../channels/web/socket-client.js';

// Issue #11 finding 6: these answered 500. Every one must be a 400 with a code, on the real Redis store (where an
// out-of-range stream id made XRANGE fail) and on memory.
const hugeIds = ['99999999999999999999-0', '0-99999999999999999999', '18446744073709551616-0', '18446744073709551615-18446744073709551615'];

for (const store of ['redis', 'memory'] as const) {
  describe(`bad input is a 400 with a code (${store})`, () => {
    let app: StartedApp;
    let token = '';
    beforeAll(async () => {
      app = await startApp({ store });
      token = (await newSession(app.url)).token;
      await turn(app.url, token, { payload: 'intent:start' });
    });
    afterAll(async () => {
      await app.close();
    });

    it.each(hugeIds)('GET /api/messages?after=%s', async (after) => {
      const res = await fetch(`${app.url}/api/messages?after=${after}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(400);
      expect(errorBodySchema.parse(await res.json()).error.code).toMatch(/^(BAD_REQUEST|VALIDATION_FAILED)$/);
    });

    it('the largest valid id still answers 200 (nothing after it)', async () => {
      const res = await fetch(`${app.url}/api/messages?after=18446744073709551615-18446744073709551614`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ messages: [] });
    });

    it.each(hugeIds)('websocket hello with after=%s: an error frame with a code, and the socket stays usable', async (after) => {
      const socket = await openSocket(app.url);
      try {
        socket.send({ type: 'hello', token, after });
        const [error] = await socket.frameOfType('error');
        expect(error).toMatchObject({ error: { code: expect.stringMatching(/^(BAD_REQUEST|VALIDATION_FAILED)$/) } });
        await socket.frameOfType('ready');
        socket.send({ type: 'message', text: 'hallo' });
        await socket.frameOfType('message');
      } finally {
        await socket.close();
      }
    });

    const corrupt = {
      gzip: gzipSync(JSON.stringify({ type: 'message', text: 'hallo' })).subarray(0, 12),
      deflate: Buffer.concat([deflateSync(JSON.stringify({ type: 'message', text: 'hallo' })).subarray(0, 6), Buffer.from('garbage!')]),
      br: Buffer.from('not brotli at all, just text that claims to be'),
      // A valid gzip header with a broken body.
      gzipBody: Buffer.concat([gzipSync('{"type":"message","text":"hallo"}').subarray(0, 10), Buffer.from([0xff, 0xff, 0xff, 0xff])]),
      // Valid compression of something that then is not JSON.
      brNotJson: brotliCompressSync('not json'),
    };
    it.each(Object.entries(corrupt))('a corrupt %s body', async (name, body) => {
      const encoding = name.startsWith('gzip') ? 'gzip' : name.startsWith('deflate') ? 'deflate' : 'br';
      const res = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': encoding },
        body,
      });
      expect(res.status).toBe(400);
      expect(errorBodySchema.parse(await res.json()).error.code).toBe('BAD_REQUEST');
    });

    // Found by the fuzz test (issue #11 §4): Node's HTTP parser answered these itself, with an empty body.
    it('a request over the 16 KB header limit (a long query) is 431 with the error body', async () => {
      const res = await fetch(`${app.url}/api/messages?after=${'x'.repeat(20_000)}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(431);
      expect(errorBodySchema.parse(await res.json()).error.code).toBe('HEADERS_TOO_LARGE');
    });

    it.each(['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n', 'GET /\u0000 HTTP/1.1\r\n\r\n'])('a malformed HTTP request (%j) is 400 with the error body', async (raw) => {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(app.url).port), '127.0.0.1', () => socket.end(raw));
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/i);
      expect(errorBodySchema.parse(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).error.code).toBe('BAD_REQUEST');
    });
  });
}
