// Loads vitest's types so the ProvidedContext augmentation below can attach to them.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Redis for tests: REDIS_URL if set, else a throwaway redis-server started here. */
    redisUrl: string;
  }
}

/**
 * Vitest globalSetup: gives every test file a Redis URL through `inject('redisUrl')`.
 * Tests never touch keys outside their own random prefix, so a shared REDIS_URL is safe.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Tests are outside src/, so reading the environment here does not bypass src/config.ts.
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    project.provide('redisUrl', fromEnv);
    return async () => undefined;
  }
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  return server.stop;
}
