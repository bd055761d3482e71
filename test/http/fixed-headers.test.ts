import { once } from 'node:events';
import { get, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { fixedHeaders } from '../../src/http/fixed-headers.js';

/** The raw response headers (name as written, value) of GET / on an app with `headers` in front, without Date. */
async function rawHeaders(headers: RequestHandler): Promise<string[][]> {
  const app = express();
  app.disable('x-powered-by');
  app.use(headers);
  app.get('/', (_req, res) => {
    res.type('text').send('ok');
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve, reject) => get(`http://127.0.0.1:${port}/`, resolve).on('error', reject));
    res.resume();
    const pairs: string[][] = [];
    for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
    return pairs.filter(([name]) => name !== 'Date');
  } finally {
    server.close();
  }
}

describe('fixedHeaders', () => {
  const configs = {
    'helmet defaults': {},
    'a CSP like the app\'s': {
      contentSecurityPolicy: { useDefaults: true, directives: { 'default-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'frame-ancestors': ["'none'"] } },
      crossOriginEmbedderPolicy: false,
    },
  };

  it.each(Object.entries(configs))('gives every response exactly the headers helmet gives it, in order and spelling (%s)', async (_name, options) => {
    const direct = await rawHeaders(helmet(options));
    expect(direct.map(([name]) => name)).toContain('Content-Security-Policy');
    expect(await rawHeaders(fixedHeaders(helmet(options)))).toEqual(direct);
  });

  it('leaves out a header the middleware set and then removed', async () => {
    const middleware = (_req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
      res.setHeader('X-Kept', 'yes');
      res.setHeader('X-Dropped', 'no');
      res.removeHeader('x-dropped');
      next();
    };
    const names = (await rawHeaders(fixedHeaders(middleware))).map(([name]) => name);
    expect(names).toContain('X-Kept');
    expect(names).not.toContain('X-Dropped');
  });

  it('fails at start when the middleware fails', () => {
    const failing = (_req: IncomingMessage, _res: ServerResponse, next: (err?: unknown) => void): void => next(new Error('bad header option'));
    expect(() => fixedHeaders(failing)).toThrow('bad header option');
  });

  it('fails at start when the middleware does not finish at once (its headers could not be worked out once)', () => {
    const later = (_req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
      res.setHeader('X-Early', 'yes');
      setImmediate(() => {
        res.setHeader('X-Late', 'yes');
        next();
      });
    };
    expect(() => fixedHeaders(later)).toThrow(/at once/);
  });
});
