import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config.js';
import { HuurhulpError } from '../shared/errors.js';
import { connectRedis, type RedisClient } from '../store/connect-redis.js';
import { createMeldingStore } from '../store/create-melding-store.js';
import { meldingenUsage, parseMeldingenArgs, runMeldingenCommand, UsageError, type MeldingenCommand } from './meldingen-command.js';

// `npm run meldingen -- <list|export|delete> [HH-…] [--status …] [--limit N] [--yes]` for a coordinator.
// Exit codes: 0 done, 1 failed or not found, 2 usage.

const out = (text: string): void => void process.stdout.write(text);
const err = (text: string): void => void process.stderr.write(text);

/** One line from stdin; end of input (nothing typed, stdin closed) counts as no. */
function readLine(): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const done = (): void => {
      process.stdin.off('data', onData);
      process.stdin.off('end', done);
      process.stdin.pause();
      resolve(text.split('\n')[0] ?? '');
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) done();
    };
    process.stdin.on('data', onData);
    process.stdin.once('end', done);
  });
}

async function confirm(question: string): Promise<boolean> {
  err(question);
  const answer = (await readLine()).trim().toLowerCase();
  return answer === 'yes' || answer === 'y' || answer === 'ja' || answer === 'j';
}

async function main(): Promise<number> {
  let command: MeldingenCommand;
  try {
    command = parseMeldingenArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`meldingen: ${error.message}\n\n${meldingenUsage}`);
    return 2;
  }
  if (command.name === 'help') {
    out(meldingenUsage);
    return 0;
  }

  let config: Config;
  try {
    // The environment is read inside loadConfig (its default), the only reader of process.env.
    config = loadConfig(undefined, () => randomBytes(32).toString('base64url'));
  } catch (error) {
    err(`meldingen: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (config.STORE === 'memory') {
    err(
      'meldingen: STORE=memory keeps meldingen inside the running server, out of reach of this command.\n' +
        'Run the server with Redis (STORE=redis or auto, REDIS_URL) to keep meldingen and manage them here.\n',
    );
    return 1;
  }

  let client: RedisClient;
  try {
    client = await connectRedis(config.REDIS_URL, { timeoutMs: 3000 });
  } catch (error) {
    err(`meldingen: ${error instanceof Error ? error.message : String(error)}\nThis command reads meldingen from Redis: check that it runs and that REDIS_URL points to it.\n`);
    return 1;
  }
  try {
    const store = createMeldingStore({ kind: 'redis', client, prefix: config.REDIS_PREFIX, ttlSeconds: config.MELDING_TTL_DAYS * 86_400 });
    return await runMeldingenCommand(command, { store, now: new Date(), out, err, confirm });
  } catch (error) {
    // Messages of our errors name codes and fields, never what was reported.
    err(`meldingen: ${error instanceof HuurhulpError ? error.message : 'unexpected error'}\n`);
    if (!(error instanceof HuurhulpError)) err(`${error instanceof Error ? error.name : 'Error'}\n`);
    return 1;
  } finally {
    if (client.isOpen) await client.close();
  }
}

process.exitCode = await main();
