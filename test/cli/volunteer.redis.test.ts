import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MemoryConsoleSessionStore } from '../../src/console/auth/memory-console-session-store.js';
import { parsePasswordHash } from '../../src/console/auth/password-hash.js';
import { RedisVolunteerStore } from '../../src/console/auth/redis-volunteer-store.js';
import { systemClock } from '../../src/shared/clock.js';
import { RedisTeamsStore } from '../../src/store/redis-teams-store.js';
import { storeKeys } from '../../src/store/store-keys.js';
import { consoleTestApp } from '../console/auth/console-test-app.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The compiled CLI (the tests' global setup runs `npm run build`): what `node dist/cli/volunteer.js` runs in the
// container, and it starts in a fraction of the time tsx needs on a busy machine.
const script = path.join(root, 'dist', 'cli', 'volunteer.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let redis: RedisForTest;

/** Runs the CLI as `npm run volunteer` would, against the test Redis and `prefix`, with `input` piped to stdin. */
function run(args: readonly string[], options: { prefix: string; input?: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      STORE: undefined,
      ACCOUNT_TTL_DAYS: undefined,
      REDIS_URL: redis.url,
      REDIS_PREFIX: options.prefix,
      ...options.env,
    };
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The console login router reading accounts from this prefix (verify uses the parameters stored with each hash). */
function loginApp(prefix: string) {
  const accounts = new RedisVolunteerStore({ client: redis.client, keys: storeKeys(prefix), ttlSeconds: 86_400 });
  const sessions = new MemoryConsoleSessionStore({ clock: systemClock, idleSeconds: 3600 });
  return consoleTestApp({ accounts, sessions });
}

const password = 'lang genoeg wachtwoord';

beforeAll(async () => {
  redis = await redisForTest();
});

afterAll(async () => {
  await redis.cleanup();
});

describe.concurrent('npm run volunteer: usage', () => {
  test.each([
    [[], /Name a command/],
    [['toevoegen'], /Unknown command "toevoegen"/],
    [['add'], /add needs exactly one username/],
    [['add', 'anna', 'bert'], /add needs exactly one username/],
    [['add', 'a b'], /3 to 40 characters/],
    [['add', 'anna', '--role', 'admin'], /--role must be one of: volunteer, coordinator/],
    [['remove'], /remove needs exactly one username/],
    [['list', '--role', 'coordinator'], /--role and --replace only go with add/],
    [['list', 'anna'], /list takes no arguments/],
    [['add', 'anna', '--password', 'x'], /Unknown option '--password'/],
    [['link-teams', 'anna'], /link-teams needs a username and an Entra object id/],
    [['link-teams', 'anna', 'not-a-guid'], /The Entra object id is a GUID/],
  ])('%j exits 2 with the reason and the usage', async (args, reason) => {
    const result = await run(args, { prefix: redis.freshPrefix() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain('Usage: npm run volunteer');
    expect(result.stdout).toBe('');
  });

  test('--help prints the usage and exits 0', async () => {
    const result = await run(['--help'], { prefix: redis.freshPrefix() });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('add <username> [--role volunteer|coordinator]');
  });
});

describe('npm run volunteer: with Redis', () => {
  test('add reads the password from stdin, stores an scrypt hash with a TTL, and that password logs in', async () => {
    const prefix = redis.freshPrefix();
    const added = await run(['add', 'Anna.B', '--role', 'coordinator'], { prefix, input: `${password}\nsecond line is ignored\n`, env: { ACCOUNT_TTL_DAYS: '30' } });
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('Added account anna.b (role coordinator). It expires after 30 days without a login.\n');

    const keys = storeKeys(prefix);
    const stored = await redis.client.hGetAll(keys.volunteerAccount('anna.b'));
    expect(stored.role).toBe('coordinator');
    expect(parsePasswordHash(stored.passwordHash ?? '')).toMatchObject({ params: { N: 2 ** 15, r: 8, p: 3 } });
    expect(JSON.stringify(stored)).not.toContain(password);
    const ttls = await redis.ttls(prefix);
    expect([...ttls.keys()].sort()).toEqual([keys.volunteerAccount('anna.b'), keys.volunteerIndex].sort());
    for (const ttl of ttls.values()) expect(ttl).toBeGreaterThan(30 * 86_400 - 60);
    for (const ttl of ttls.values()) expect(ttl).toBeLessThanOrEqual(30 * 86_400);

    const app = loginApp(prefix);
    const ok = await request(app).post('/api/console/login').send({ username: 'anna.b', password }).expect(200);
    expect(ok.body).toMatchObject({ username: 'anna.b', role: 'coordinator' });
    await request(app).post('/api/console/login').send({ username: 'anna.b', password: 'second line is ignored' }).expect(401);
  });

  test('a password shorter than 12 characters, or none, is refused and nothing is stored', async () => {
    const prefix = redis.freshPrefix();
    for (const input of ['kort wacht\n', '', '\n']) {
      const result = await run(['add', 'bert'], { prefix, input });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('at least 12 characters');
      expect(result.stderr).toContain('No account was changed');
    }
    expect(await redis.keys(prefix)).toEqual([]);
  });

  test('a Windows line ending is not part of the password', async () => {
    const prefix = redis.freshPrefix();
    expect((await run(['add', 'carla'], { prefix, input: `${password}\r\n` })).code).toBe(0);
    await request(loginApp(prefix)).post('/api/console/login').send({ username: 'carla', password }).expect(200);
  });

  test('a duplicate is refused; --replace sets a new password and role', async () => {
    const prefix = redis.freshPrefix();
    expect((await run(['add', 'dirk'], { prefix, input: `${password}\n` })).code).toBe(0);
    const duplicate = await run(['add', 'DIRK'], { prefix, input: 'een ander wachtwoord\n' });
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('An account dirk already exists. Use --replace');
    const app = loginApp(prefix);
    await request(app).post('/api/console/login').send({ username: 'dirk', password }).expect(200);

    const replaced = await run(['add', 'dirk', '--replace', '--role', 'coordinator'], { prefix, input: 'een ander wachtwoord\n' });
    expect(replaced).toMatchObject({ code: 0, stderr: '' });
    expect(replaced.stdout).toContain('Saved account dirk (role coordinator)');
    await request(app).post('/api/console/login').send({ username: 'dirk', password }).expect(401);
    const ok = await request(app).post('/api/console/login').send({ username: 'dirk', password: 'een ander wachtwoord' }).expect(200);
    expect(ok.body.role).toBe('coordinator');
  });

  test('list shows accounts without hashes; remove deletes one, and its password no longer logs in', async () => {
    const prefix = redis.freshPrefix();
    expect((await run(['list'], { prefix })).stdout).toBe('No accounts.\n');
    await run(['add', 'zoe'], { prefix, input: `${password}\n` });
    await run(['add', 'eva', '--role', 'coordinator'], { prefix, input: `${password}\n` });
    const app = loginApp(prefix);
    await request(app).post('/api/console/login').send({ username: 'eva', password }).expect(200);

    const list = await run(['list'], { prefix });
    expect(list).toMatchObject({ code: 0, stderr: '' });
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^USERNAME\s+ROLE\s+CREATED\s+LAST LOGIN$/);
    expect(lines[1]).toMatch(/^eva\s+coordinator\s+\d{4}-\d\d-\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(lines[2]).toMatch(/^zoe\s+volunteer\s+\d{4}-\d\d-\d\d\s+never$/);
    expect(list.stdout).not.toContain('scrypt');

    const removed = await run(['remove', 'Eva'], { prefix });
    expect(removed).toMatchObject({ code: 0, stderr: '' });
    expect(removed.stdout).toContain('Removed account eva');
    await request(app).post('/api/console/login').send({ username: 'eva', password }).expect(401);
    const again = await run(['remove', 'eva'], { prefix });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('No account eva');
    expect((await run(['list'], { prefix })).stdout).not.toContain('eva');
  });

  test('Redis unreachable: a clear error and exit 1', async () => {
    const port = await freePort();
    const result = await run(['add', 'fleur'], { prefix: redis.freshPrefix(), input: `${password}\n`, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Redis at redis://127.0.0.1:${port} is not reachable`);
    expect(result.stderr).toContain('check that it runs and that REDIS_URL (or REDIS_CLUSTER_NODES) points to it');
    expect(result.stdout).toBe('');
  });

  test('STORE=memory or an invalid setting: exit 1 with the reason', async () => {
    const memory = await run(['list'], { prefix: redis.freshPrefix(), env: { STORE: 'memory' } });
    expect(memory.code).toBe(1);
    expect(memory.stderr).toContain('STORE=memory');
    const invalid = await run(['list'], { prefix: redis.freshPrefix(), env: { ACCOUNT_TTL_DAYS: '0' } });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('ACCOUNT_TTL_DAYS');
  });
});

describe('npm run volunteer -- link-teams', () => {
  const aadObjectId = '0F8FAD5B-D9CB-469F-A165-70867728950E';

  test('links a Teams user to an existing account, with a TTL and without the id in any key', async () => {
    const prefix = redis.freshPrefix();
    expect((await run(['add', 'gijs'], { prefix, input: `${password}\n` })).code).toBe(0);
    const linked = await run(['link-teams', 'gijs', aadObjectId], { prefix, env: { ACCOUNT_TTL_DAYS: '30' } });
    expect(linked).toMatchObject({ code: 0, stderr: '' });
    expect(linked.stdout).toContain('Linked the Teams user to gijs');
    const teams = new RedisTeamsStore({ client: redis.client, keys: storeKeys(prefix), linkTtlSeconds: 60, ticketTtlSeconds: 60 });
    expect(await teams.volunteerOf(aadObjectId.toLowerCase())).toBe('gijs');
    const ttls = await redis.ttls(prefix);
    for (const [key, ttl] of ttls) {
      expect(key.toLowerCase()).not.toContain('0f8fad5b');
      expect(ttl).toBeGreaterThan(0);
    }
  });

  test('refuses an unknown account', async () => {
    const prefix = redis.freshPrefix();
    const result = await run(['link-teams', 'nobody', aadObjectId], { prefix });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No account nobody');
    expect(await redis.keys(prefix)).toEqual([]);
  });
});
