import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildWidget } from '../src/channels/web/build-widget.js';
import { newSession, turn } from './channels/web/web-client.js';
import { runMain, type MainProcess } from './run-main.js';

const started: MainProcess[] = [];
const run = (env: Record<string, string>): MainProcess => {
  const p = runMain(env);
  started.push(p);
  return p;
};

afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop()));
});

describe('npm start (src/main.ts) without Redis', () => {
  it('warns loudly that it uses memory, serves the demo page, and stops cleanly on SIGTERM', async () => {
    // Port 1: nothing listens there, so STORE=auto must fall back to memory.
    const main = run({ PORT: '0', HOST: '127.0.0.1', REDIS_URL: 'redis://127.0.0.1:1', STORE: 'auto', LOG_LEVEL: 'info' });
    const url = await main.running();

    const warning = main.logs().find((l) => l.msg.includes('using the in-memory store'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toMatch(/lost on restart/i);
    expect(main.logs().some((l) => l.msg === 'huurhulp is listening' && l['store'] === 'memory')).toBe(true);
    // Without SESSION_SECRET it says so too.
    expect(main.logs().some((l) => l.level === 40 && l.msg.includes('SESSION_SECRET'))).toBe(true);

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<script src="/widget.js"');
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, store: 'memory' });

    // The browser bundles come from the build (no esbuild at start), and they are what esbuild makes now.
    expect(main.logs().find((l) => l.msg === 'huurhulp is listening')?.['browserBundles']).toEqual({ widget: 'prebuilt', console: 'prebuilt' });
    expect(await (await fetch(`${url}/widget.js`)).text()).toBe((await buildWidget()).js);

    // And it chats.
    const session = await newSession(url);
    expect(await turn(url, session.token, { text: 'hoi' })).toHaveLength(2);

    expect(await main.stop()).toBe(0);
    expect(main.logs().some((l) => l.msg === 'shutting down' && l['signal'] === 'SIGTERM')).toBe(true);
  });

  it('survives a websocket frame over the limit (the socket is closed, the process lives on)', async () => {
    const main = run({ PORT: '0', HOST: '127.0.0.1', STORE: 'memory', LOG_LEVEL: 'info' });
    const url = await main.running();
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(5000));
    expect(await closed).toBe(1009);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, store: 'memory' });
    expect(main.child.exitCode).toBeNull();
  });

  it('an invalid environment exits 1, naming every bad variable and none of the values', async () => {
    const main = run({ PORT: 'abc-port-value', STORE: 'nope-store-value', LOG_LEVEL: 'info' });
    expect(await main.exited).toBe(1);
    const out = main.output();
    expect(out).toMatch(/PORT/);
    expect(out).toMatch(/STORE/);
    expect(out).not.toContain('abc-port-value');
    expect(out).not.toContain('nope-store-value');
    expect(out).not.toContain('huurhulp is running');
  });

  it('writes the compile cache of Node once it is ready, and the next start uses it', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'hh-compile-cache-'));
    try {
      const env = { PORT: '0', HOST: '127.0.0.1', STORE: 'memory', LOG_LEVEL: 'info', NODE_COMPILE_CACHE: cacheDir };
      const first = run(env);
      await first.running();
      // Written at once after the start (not at exit), so it is there while the process still runs.
      const written = await filesUnder(cacheDir);
      expect(written.length).toBeGreaterThan(100);
      const second = run(env);
      await second.running();
      expect(second.child.exitCode).toBeNull();
      // The second start found everything it needed: it added no entries.
      expect((await filesUnder(cacheDir)).length).toBe(written.length);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

