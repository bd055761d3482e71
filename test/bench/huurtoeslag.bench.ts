/**
 * Throughput of the huurtoeslag check, through the rules module and through the HTTP API.
 * A plain script: `npx tsx test/bench/huurtoeslag.bench.ts`, or call benchHuurtoeslag() from `npm run bench`.
 */
import { once } from 'node:events';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import express from 'express';
import fc from 'fast-check';
import { checkHuurtoeslag } from '../../src/domain/huurtoeslag/check-huurtoeslag.js';
import { huurtoeslagRouter } from '../../src/http/huurtoeslag-router.js';
import { inputArb } from '../domain/huurtoeslag/arbitrary-input.js';
import { huurtoeslagTranslate } from '../helpers/huurtoeslag-i18n.js';

const MODULE_CHECKS = 300_000;
const API_REQUESTS = 2_000;
const API_CONCURRENCY = 16;
const JSON_LIMIT_BYTES = 4 * 1024;

/** Varied but reproducible inputs (fixed seed), the same kind the property tests use. */
const inputs = fc.sample(inputArb, { numRuns: 1_000, seed: 20_251_122 });

function benchModule(): string[] {
  let sink = 0;
  // Warm up so the JIT has compiled the hot paths before timing.
  for (let i = 0; i < 20_000; i++) sink += checkHuurtoeslag(inputs[i % inputs.length]!).monthlyAmountCents;
  const start = performance.now();
  for (let i = 0; i < MODULE_CHECKS; i++) sink += checkHuurtoeslag(inputs[i % inputs.length]!).monthlyAmountCents;
  const ms = performance.now() - start;
  const eligible = inputs.filter((input) => checkHuurtoeslag(input).eligible).length;
  return [
    `huurtoeslag module: ${MODULE_CHECKS} checks in ${ms.toFixed(0)} ms = ${rate(MODULE_CHECKS, ms)} checks/s, ` +
      `mean ${((ms * 1000) / MODULE_CHECKS).toFixed(2)} µs per check ` +
      `(${inputs.length} varied inputs, ${eligible} eligible; checksum ${sink})`,
  ];
}

async function benchApi(): Promise<string[]> {
  const app = express();
  app.use(express.json({ limit: JSON_LIMIT_BYTES }));
  app.use('/api/huurtoeslag', huurtoeslagRouter({ translate: await huurtoeslagTranslate() }));
  // The same stack with an empty handler: what HTTP itself costs on this machine.
  app.post('/baseline', (_req, res) => {
    res.json({});
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: API_CONCURRENCY });
  const bodies = inputs.map((input) => JSON.stringify(input)).filter((b) => Buffer.byteLength(b) <= JSON_LIMIT_BYTES);
  const languages = ['nl', 'en-GB,en;q=0.9'];

  const run = async (path: string) => {
    let next = 0;
    let failures = 0;
    const worker = async () => {
      while (next < API_REQUESTS) {
        const i = next++;
        const status = await post(port, agent, path, bodies[i % bodies.length]!, languages[i % languages.length]!);
        if (status !== 200) failures++;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: API_CONCURRENCY }, worker));
    return { ms: performance.now() - start, failures };
  };
  try {
    await Promise.all(Array.from({ length: 500 }, (_, i) => post(port, agent, '/api/huurtoeslag/check', bodies[i % bodies.length]!, 'nl')));
    const baseline = await run('/baseline');
    const api = await run('/api/huurtoeslag/check');
    return [
      `huurtoeslag API:    ${API_REQUESTS} POST /api/huurtoeslag/check in ${api.ms.toFixed(0)} ms = ${rate(API_REQUESTS, api.ms)} checks/s ` +
        `(keep-alive, ${API_CONCURRENCY} concurrent, client in the same process` +
        `${api.failures === 0 ? '' : `, ${api.failures} non-200 answers`})`,
      `  baseline: the same express stack with an empty handler: ${rate(API_REQUESTS, baseline.ms)} requests/s`,
    ];
  } finally {
    agent.destroy();
    server.close();
  }
}

function post(port: number, agent: http.Agent, path: string, body: string, acceptLanguage: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'accept-language': acceptLanguage },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function rate(count: number, ms: number): string {
  return Math.round((count * 1000) / ms).toLocaleString('en-US');
}

export async function benchHuurtoeslag(): Promise<string[]> {
  return [...benchModule(), ...(await benchApi())];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${(await benchHuurtoeslag()).join('\n')}\n`);
}
