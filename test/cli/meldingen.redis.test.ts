import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseStoredMelding } from '../../src/domain/melding/melding.js';
import { createMeldingStore } from '../../src/store/create-melding-store.js';
import { storeKeys } from '../../src/store/store-keys.js';
import type { MeldingStore } from '../../src/store/melding-store.js';
import { sampleMelding } from '../helpers/melding-fixture.js';
import { redisForTest, type RedisForTest } from '../helpers/redis-test-client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The compiled CLI (the tests' global setup runs `npm run build`): what `node dist/cli/meldingen.js` runs in the
// container, and it starts in a fraction of the time tsx needs on a busy machine.
const script = path.join(root, 'dist', 'cli', 'meldingen.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let redis: RedisForTest;

/** Runs the CLI as `npm run meldingen` would, against this test's Redis and prefix unless `env` says otherwise. */
function run(args: readonly string[], options: { env?: Record<string, string>; input?: string; prefix?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      STORE: undefined,
      REDIS_URL: redis.url,
      REDIS_PREFIX: options.prefix ?? redis.prefix,
      MELDING_TTL_DAYS: undefined,
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

const day = 86_400_000;

beforeAll(async () => {
  redis = await redisForTest();
});

afterAll(async () => {
  await redis.cleanup();
});

describe.concurrent('npm run meldingen: usage', () => {
  test.each([
    [[], /Name a command/],
    [['lijst'], /Unknown command "lijst"/],
    [['export'], /export needs one reference code/],
    [['export', 'HH-0000'], /export needs one reference code/],
    [['delete', 'HH-7K3M9P', 'HH-AAAAAA'], /delete needs one reference code/],
    [['list', '--status', 'open'], /--status must be one of: received, in_progress, closed/],
    [['list', '--limit', '0'], /--limit must be a whole number/],
    [['list', 'HH-7K3M9P'], /list takes no code/],
    [['export', 'HH-7K3M9P', '--status', 'closed'], /--status only goes with list/],
    [['export', 'HH-7K3M9P', '--yes'], /--yes only goes with delete/],
    [['list', '--all'], /Unknown option '--all'/],
  ])('%j exits 2 with the reason and the usage', async (args, reason) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain('Usage: npm run meldingen');
    expect(result.stdout).toBe('');
  });

  test('--help prints the usage and exits 0', async () => {
    const result = await run(['--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('export HH-XXXXXX');
  });
});

describe('npm run meldingen: with Redis', () => {
  let store: MeldingStore;
  const now = Date.now();

  beforeAll(async () => {
    store = createMeldingStore({ kind: 'redis', client: redis.client, prefix: redis.prefix, ttlSeconds: 3600 });
    await store.create(
      sampleMelding({
        code: 'HH-AAAAAA',
        now: new Date(now - 3 * day - 2 * 3_600_000),
        draft: { gemeente: "'s-Hertogenbosch\nCentrum\twijk", notes: 'GEHEIM-NOTITIE <script>x</script>' },
      }),
    );
    await store.create(sampleMelding({ code: 'HH-CCCCCC', now: new Date(now - 5 * 60_000), draft: { crisis: true, gemeente: null } }));
    await store.create(sampleMelding({ code: 'HH-DDDDDD', now: new Date(now - 7 * 3_600_000), draft: { phase: 4 } }));
    await store.setStatus('HH-DDDDDD', 'in_progress');
  });

  test('list: a table most urgent first, without contact details or notes', async () => {
    const result = await run(['list']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'CODE       STATUS       URGENCY  AGE    GEMEENTE',
      'HH-CCCCCC  received     crisis   5m     -',
      'HH-DDDDDD  in_progress  soon     7h 0m  Utrecht',
      "HH-AAAAAA  received     normal   3d 2h  's-Hertogenbosch Centrum wijk",
      '',
    ]);
    expect(result.stdout).not.toMatch(/\+316|06-|@example|GEHEIM|script|na 18 uur/);
  });

  test('list --status and --limit', async () => {
    const received = await run(['list', '--status', 'received', '--limit', '1']);
    expect(received.code).toBe(0);
    expect(received.stdout.trim().split('\n').map((line) => line.split(' ')[0])).toEqual(['CODE', 'HH-CCCCCC']);
    const closed = await run(['list', '--status', 'closed']);
    expect(closed).toMatchObject({ code: 0, stdout: 'No meldingen.\n' });
  });

  test('export: the full melding as JSON, any way the code is typed', async () => {
    const result = await run(['export', 'hh', 'aaaaaa']);
    expect(result.code).toBe(0);
    const exported = parseStoredMelding(JSON.parse(result.stdout));
    expect(exported).toEqual(await store.get('HH-AAAAAA'));
    expect(exported.notes).toBe('GEHEIM-NOTITIE <script>x</script>');
    expect(exported.reporterContact.phone).toBe('+31612345678');
  });

  test('export and delete of an unknown code exit 1', async () => {
    for (const command of ['export', 'delete']) {
      const result = await run([command, 'HH-YYYYYY', '--yes'].slice(0, command === 'delete' ? 3 : 2));
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toContain('No melding HH-YYYYYY');
    }
  });

  test('delete asks first: anything but yes keeps the melding', async () => {
    await store.create(sampleMelding({ code: 'HH-EEEEEE', now: new Date(now) }));
    for (const input of ['', 'n\n', 'nee\n', 'yesterday\n']) {
      const result = await run(['delete', 'HH-EEEEEE'], { input });
      expect({ input, code: result.code }).toEqual({ input, code: 1 });
      expect(result.stderr).toContain('Delete melding HH-EEEEEE (received, made ');
      expect(result.stderr).toContain('Not deleted');
    }
    expect(await store.get('HH-EEEEEE')).not.toBeNull();
    const confirmed = await run(['delete', 'HH-EEEEEE'], { input: 'yes\n' });
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toBe('Deleted melding HH-EEEEEE and its place in the lists.\n');
    expect(await store.get('HH-EEEEEE')).toBeNull();
    expect(await redis.client.zScore(storeKeys(redis.prefix).meldingIndex, 'HH-EEEEEE')).toBeNull();
  });

  test('delete --yes erases without asking', async () => {
    await store.create(sampleMelding({ code: 'HH-FFFFFF', now: new Date(now) }));
    const result = await run(['delete', 'hh-ffffff', '--yes']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(await redis.client.exists(storeKeys(redis.prefix).melding('HH-FFFFFF'))).toBe(0);
  });
});

describe.concurrent('npm run meldingen: without a usable store', () => {
  test('Redis not reachable: exit 1 with a clear reason, no stack', async () => {
    const port = await freePort();
    const result = await run(['list'], { env: { REDIS_URL: `redis://user:secret-pw@127.0.0.1:${port}` } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Redis at redis://127.0.0.1:${port} is not reachable`);
    expect(result.stderr).toContain('check that it runs and that REDIS_URL (or REDIS_CLUSTER_NODES) points to it');
    expect(result.stderr).not.toContain('secret-pw');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('STORE=memory: exit 1 explaining why the command cannot help', async () => {
    const result = await run(['list'], { env: { STORE: 'memory' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('STORE=memory keeps meldingen inside the running server');
  });

  test('invalid configuration: exit 1 naming the variable', async () => {
    const result = await run(['list'], { env: { REDIS_PREFIX: 'no spaces allowed', MELDING_TTL_DAYS: '0' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REDIS_PREFIX');
    expect(result.stderr).toContain('MELDING_TTL_DAYS');
    expect(result.stderr).not.toContain('no spaces allowed');
  });
});
