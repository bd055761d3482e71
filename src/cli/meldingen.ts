import { withCliRedis } from './with-cli-redis.js';
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

  return withCliRedis({ tool: 'meldingen', what: 'meldingen', err }, async (client, config) => {
    const store = createMeldingStore({ kind: 'redis', client, prefix: config.REDIS_PREFIX, ttlSeconds: config.MELDING_TTL_DAYS * 86_400 });
    return runMeldingenCommand(command, { store, now: new Date(), out, err, confirm });
  });
}

process.exitCode = await main();
