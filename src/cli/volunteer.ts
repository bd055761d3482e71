import { withCliRedis } from './with-cli-redis.js';
import { passwordHasher } from '../console/auth/password-hash.js';
import { RedisVolunteerStore } from '../console/auth/redis-volunteer-store.js';
import { RedisTeamsStore } from '../store/redis-teams-store.js';
import { storeKeys } from '../store/store-keys.js';
import { parseVolunteerArgs, runVolunteerCommand, UsageError, volunteerUsage, type VolunteerCommand } from './volunteer-command.js';

// `npm run volunteer -- <add|list|remove|link-teams> …` for whoever runs the meldpunt's server.
// Exit codes: 0 done, 1 failed, 2 usage.

const out = (text: string): void => void process.stdout.write(text);
const err = (text: string): void => void process.stderr.write(text);

/** The first line of piped input (without its line ending); end of input ends it too. */
function readFirstLine(): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const done = (): void => {
      process.stdin.off('data', onData);
      process.stdin.off('end', done);
      process.stdin.pause();
      resolve((text.split('\n')[0] ?? '').replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) done();
    };
    process.stdin.on('data', onData);
    process.stdin.once('end', done);
  });
}

/** At a terminal: a prompt, and the typed characters are not shown (so they stay out of the scrollback). */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    err(prompt);
    let typed = '';
    process.stdin.setRawMode(true);
    const finish = (): void => {
      process.stdin.setRawMode(false);
      process.stdin.off('data', onData);
      process.stdin.pause();
      err('\n');
      resolve(typed);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') {
          // Ctrl-C: stop without changing anything.
          process.stdin.setRawMode(false);
          err('\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') typed = Array.from(typed).slice(0, -1).join('');
        else typed += ch;
      }
    };
    process.stdin.on('data', onData);
    process.stdin.resume();
  });
}

function readPassword(prompt: string): Promise<string> {
  return process.stdin.isTTY ? readHidden(prompt) : readFirstLine();
}

async function main(): Promise<number> {
  let command: VolunteerCommand;
  try {
    command = parseVolunteerArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`volunteer: ${error.message}\n\n${volunteerUsage}`);
    return 2;
  }
  if (command.name === 'help') {
    out(volunteerUsage);
    return 0;
  }

  return withCliRedis({ tool: 'volunteer', what: 'console accounts', err }, async (client, config) => {
    const store = new RedisVolunteerStore({ client, keys: storeKeys(config.REDIS_PREFIX), ttlSeconds: config.ACCOUNT_TTL_DAYS * 86_400 });
    const teams = new RedisTeamsStore({ client, keys: storeKeys(config.REDIS_PREFIX), linkTtlSeconds: config.ACCOUNT_TTL_DAYS * 86_400, ticketTtlSeconds: config.SESSION_TTL_DAYS * 86_400 });
    return runVolunteerCommand(command, { store, teams, hasher: passwordHasher, accountTtlDays: config.ACCOUNT_TTL_DAYS, readPassword, out, err });
  });
}

process.exitCode = await main();
