import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod/v4';
import { loadConfig } from '../../src/config.js';

/** No Docker engine runs in the tests: these read the deployment files and check what can be checked without one. */
const root = new URL('../../', import.meta.url);
const read = (file: string): Promise<string> => readFile(new URL(file, root), 'utf8');

const serviceSchema = z.looseObject({
  image: z.string().optional(),
  build: z.string().optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  depends_on: z.union([z.array(z.string()), z.record(z.string(), z.unknown())]).optional(),
  volumes: z.array(z.string()).optional(),
});
const composeSchema = z.looseObject({ services: z.record(z.string(), serviceSchema), volumes: z.record(z.string(), z.unknown()) });

/** Compose's `${NAME:?msg}`, `${NAME:-default}` and `${NAME}` with sample values, as `docker compose` would fill them in. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_]+)(?::[-?]([^}]*))?\}/g, (_m, name: string, fallback: string | undefined) => env[name] ?? (fallback ?? ''));
}

describe('compose.yaml', () => {
  test('Redis with AOF, two huurhulp processes built from the Dockerfile, and a proxy in front of both', async () => {
    const compose = composeSchema.parse(parse(await read('compose.yaml')));
    const { redis, proxy, ...rest } = compose.services;
    expect(redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(redis?.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
    const apps = Object.entries(rest);
    expect(apps.map(([name]) => name).sort()).toEqual(['huurhulp-1', 'huurhulp-2']);
    for (const [, app] of apps) {
      expect(app.build).toBe('.');
      expect(app.environment).toMatchObject({ STORE: 'redis', REDIS_URL: 'redis://redis:6379', TRUST_PROXY: 'true' });
      expect(JSON.stringify(app.depends_on)).toContain('redis');
    }
    expect(proxy?.depends_on).toEqual(['huurhulp-1', 'huurhulp-2']);
    const caddyfile = await read('deploy/Caddyfile');
    expect(proxy?.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddyfile).toMatch(/reverse_proxy huurhulp-1:3000 huurhulp-2:3000/);
    expect(caddyfile).toMatch(/health_uri \/healthz/);
  });

  test("the processes' environment is a valid configuration (every name known, every value accepted)", async () => {
    const compose = composeSchema.parse(parse(await read('compose.yaml')));
    const sample = { SESSION_SECRET: 's'.repeat(40), SITE_ADDRESS: 'chat.example.nl', WIDGET_ORIGINS: 'https://www.gemeente.nl', METRICS_TOKEN: 'm'.repeat(20) };
    for (const name of ['huurhulp-1', 'huurhulp-2']) {
      const environment = compose.services[name]?.environment ?? {};
      const env = Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, interpolate(v, sample)]));
      const config = loadConfig(env, () => 'x'.repeat(43));
      // loadConfig ignores unknown names, so check that every one is read.
      for (const key of Object.keys(env)) expect(config, key).toHaveProperty(key);
      expect(config).toMatchObject({ STORE: 'redis', TRUST_PROXY: true, COOKIE_SECURE: true, PUBLIC_URL: 'https://chat.example.nl', sessionSecretGenerated: false });
      // Without the optional settings the defaults apply.
      const bare = loadConfig(Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, interpolate(v, { SESSION_SECRET: sample.SESSION_SECRET })])), () => 'x'.repeat(43));
      expect([bare.WIDGET_ORIGINS, bare.METRICS_TOKEN]).toEqual([[], undefined]);
    }
  });
});

describe('Dockerfile', () => {
  test('multi-stage on Node 24, the last stage runs as a non-root user, and everything it copies exists', async () => {
    const lines = (await read('Dockerfile')).split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const froms = lines.filter((l) => l.startsWith('FROM '));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toMatch(/^FROM node:24[-.\w]* AS \w+$/);
    const last = lines.slice(lines.lastIndexOf(froms.at(-1) ?? ''));
    expect(last.find((l) => l.startsWith('USER '))).toBe('USER node');
    expect(last.findIndex((l) => l.startsWith('USER '))).toBeLessThan(last.findIndex((l) => l.startsWith('CMD ')));
    expect(last.find((l) => l.startsWith('CMD '))).toBe('CMD ["node", "--import", "tsx", "src/main.ts"]');
    for (const copy of lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
      for (const source of copy.split(/\s+/).slice(1, -1)) expect({ source, exists: existsSync(new URL(source, root)) }).toEqual({ source, exists: true });
    }
    // What the image runs must be installed by `npm ci --omit=dev`.
    const pkg = z.object({ dependencies: z.record(z.string(), z.string()) }).parse(JSON.parse(await read('package.json')));
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['tsx', 'esbuild']));
  });
});
