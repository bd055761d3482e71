import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
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
  const stages = async (): Promise<string[][]> => {
    // One instruction per entry: continuation lines joined, comments and blank lines left out.
    const text = (await read('Dockerfile')).replace(/\\\n\s*/g, ' ');
    const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const result: string[][] = [];
    for (const line of lines) {
      if (line.startsWith('FROM ')) result.push([]);
      result.at(-1)?.push(line);
    }
    return result;
  };
  /** `COPY a b dest` of the last stage from the build context: the sources and where they land. */
  const contextCopies = (stage: readonly string[]): { sources: string[]; dest: string }[] =>
    stage
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .map((l) => {
        const words = l.split(/\s+/).slice(1);
        return { sources: words.slice(0, -1), dest: words.at(-1) ?? '' };
      });

  test('multi-stage on Node 24: built with npm ci and npm run build, run as non-root from dist/ with production dependencies only', async () => {
    const all = await stages();
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) expect(stage[0]).toMatch(/^FROM node:24[-.\w]* AS \w+$/);
    const runtime = all.at(-1) ?? [];
    const byName = new Map(all.map((stage) => [/ AS (\w+)$/.exec(stage[0] ?? '')?.[1] ?? '', stage]));
    // dist/ comes from a stage that installs everything and runs the project's own build (what `npm start` runs first).
    const distFrom = /^COPY --from=(\w+) \/app\/dist \.\/dist$/.exec(runtime.find((l) => l.includes('/app/dist')) ?? '')?.[1];
    const builder = byName.get(distFrom ?? '') ?? [];
    expect(builder).toContain('RUN npm ci --no-audit --no-fund');
    expect(builder).toContain('RUN npm run build');
    // node_modules comes from a stage that installs the production dependencies only, from the lock file.
    const depsFrom = /^COPY --from=(\w+) \/app\/node_modules \.\/node_modules$/.exec(runtime.find((l) => l.includes('/app/node_modules')) ?? '')?.[1];
    expect(byName.get(depsFrom ?? '')).toContain('RUN npm ci --omit=dev --no-audit --no-fund');
    expect(runtime.some((l) => l.startsWith('RUN npm'))).toBe(false);
    // Non-root before it runs; plain JavaScript, no TypeScript loader; a health check on /healthz.
    expect(runtime.find((l) => l.startsWith('USER '))).toBe('USER node');
    expect(runtime.findIndex((l) => l.startsWith('USER '))).toBeLessThan(runtime.findIndex((l) => l.startsWith('CMD ')));
    expect(runtime.find((l) => l.startsWith('CMD '))).toBe('CMD ["node", "dist/main.js"]');
    expect(runtime.find((l) => l.startsWith('HEALTHCHECK '))).toMatch(/http:\/\/127\.0\.0\.1:3000\/healthz/);
    const pkg = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(await read('package.json')));
    expect([pkg.scripts['start'], pkg.scripts['prestart'], pkg.scripts['build']]).toEqual(['node dist/main.js', 'npm run build', 'node scripts/build.mjs']);
    // Everything copied from the build context exists.
    for (const stage of all) {
      for (const { sources } of contextCopies(stage)) {
        for (const source of sources) expect({ source, exists: existsSync(new URL(source, root)) }).toEqual({ source, exists: true });
      }
    }
  });

  test('the last stage has every file the built server reads at run time', async () => {
    const runtime = (await stages()).at(-1) ?? [];
    const copied = contextCopies(runtime).flatMap(({ sources, dest }) =>
      sources.map((source) => (dest === './' ? source.replace(/^\.\//, '') : dest.replace(/^\.\//, '').replace(/\/$/, ''))),
    );
    const inImage = (file: string): boolean => copied.some((c) => file === c || file.startsWith(`${c}/`));
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'content', 'dialogs', 'locales']));
    // The server bundles browser code from sources named relative to its own file ('../../src/…'): each of those,
    // and every file esbuild pulls into the bundle, must be in the image.
    const srcDir = new URL('src/', root);
    const readsFromSrc = new Set<string>();
    for (const file of await readdir(srcDir, { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      for (const m of (await readFile(new URL(file, srcDir), 'utf8')).matchAll(/'(?:\.\.\/)+(src\/[^']+)'/g)) if (m[1]) readsFromSrc.add(m[1]);
    }
    expect([...readsFromSrc].some((f) => f.endsWith('widget/widget.ts'))).toBe(true);
    const needed = new Set(readsFromSrc);
    for (const entry of [...readsFromSrc].filter((f) => f.endsWith('.ts'))) {
      const result = await build({ entryPoints: [fileURLToPath(new URL(entry, root))], bundle: true, write: false, metafile: true, platform: 'browser', logLevel: 'silent', absWorkingDir: fileURLToPath(root) });
      for (const input of Object.keys(result.metafile.inputs)) needed.add(input);
    }
    expect(needed.size).toBeGreaterThan(readsFromSrc.size);
    expect([...needed].filter((file) => !inImage(file))).toEqual([]);
    // What bundles them must be installed by `npm ci --omit=dev`.
    const pkg = z.object({ dependencies: z.record(z.string(), z.string()) }).parse(JSON.parse(await read('package.json')));
    expect(Object.keys(pkg.dependencies)).toContain('esbuild');
  });
});
