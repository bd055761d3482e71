import { afterAll, afterEach, beforeAll } from 'vitest';
import { redisForTest, type RedisForTest } from '../../helpers/redis-test-client.js';
import type { StartedApp } from '../../helpers/start-app.js';
import type { TestSocket } from './socket-client.js';

/** Registers the hooks of a test file that runs app instances on real Redis: apps and sockets are closed after each test. */
export function redisAppsFixture(): { redis(): RedisForTest; readonly apps: StartedApp[]; readonly sockets: TestSocket[] } {
  let redis: RedisForTest | undefined;
  const apps: StartedApp[] = [];
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    redis = await redisForTest();
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });
  afterAll(async () => {
    await redis?.cleanup();
  });
  return {
    redis() {
      if (redis === undefined) throw new Error('redis is set up in beforeAll');
      return redis;
    },
    apps,
    sockets,
  };
}
