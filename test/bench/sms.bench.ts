import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { startHuurhulp } from '../../src/server.js';
import { systemClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { createMemoryStores } from '../../src/store/create-stores.js';
import { startFakeTwilioApi } from '../channels/twilio/fake-twilio-api.js';
import { twilioEnv, twilioPerson } from '../channels/twilio/twilio-person.js';

/** Each person's turns: hello, tenant, a letter from an incassobureau, what can I do. */
const script = ['hallo', '1', '3', '2'];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * SMS turns through the real webhook (signature check, MessageSid dedup, Botkit hub, runtime on the memory store),
 * with replies sent to a local fake Twilio Messages API. 16 people at a time, each waiting for its reply.
 */
export async function benchSmsTurns(): Promise<string[]> {
  const fake = await startFakeTwilioApi();
  const env = twilioEnv(fake.url);
  const secret = 'bench-secret-bench-secret-bench-secret';
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORE: 'memory', SESSION_SECRET: secret, LOG_LEVEL: 'silent', ...env }, () => secret);
  const app = await startHuurhulp({ config, logger: createLogger('silent'), clock: systemClock, stores: createMemoryStores({ clock: systemClock, sessionTtlSeconds: 3600 }), online: async () => true });
  const people = 400;
  const concurrency = 16;
  const webhookMs: number[] = [];
  const replyMs: number[] = [];
  const received = new Map<string, number>();
  const countFor = (to: string): number => received.get(to) ?? 0;
  const seen = { n: 0 };
  const poll = setInterval(() => {
    for (; seen.n < fake.sent.length; seen.n++) {
      const to = fake.sent[seen.n]?.To ?? '';
      received.set(to, countFor(to) + 1);
    }
  }, 1);
  const waitReply = async (to: string, n: number): Promise<void> => {
    while (countFor(to) < n) await new Promise((r) => setImmediate(r));
  };
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < people; i = next++) {
        const phone = `+316${String(10_000_000 + i)}`;
        const person = twilioPerson(app.url, env, phone);
        for (const [k, body] of script.entries()) {
          const start = performance.now();
          const res = await person.send(body);
          if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
          webhookMs.push(performance.now() - start);
          await waitReply(phone, k + 1);
          replyMs.push(performance.now() - start);
        }
      }
    }),
  );
  const totalMs = performance.now() - t0;
  clearInterval(poll);
  await app.close();
  await fake.close();
  const turns = people * script.length;
  webhookMs.sort((a, b) => a - b);
  replyMs.sort((a, b) => a - b);
  return [
    `SMS turn through the webhook (memory store, fake Messages API, ${concurrency} people at a time): ${Math.round(turns / (totalMs / 1000)).toLocaleString('en')} turns/s (${turns} turns)`,
    `  webhook answer: p50 ${percentile(webhookMs, 50).toFixed(1)} ms, p99 ${percentile(webhookMs, 99).toFixed(1)} ms`,
    `  until the reply reached the Messages API: p50 ${percentile(replyMs, 50).toFixed(1)} ms, p99 ${percentile(replyMs, 99).toFixed(1)} ms`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchSmsTurns()) process.stdout.write(`${line}\n`);
  process.exit(0);
}
