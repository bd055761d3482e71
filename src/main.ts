import { startCompileCache } from './shared/compile-cache.js';
import { holdYoungGeneration } from './shared/young-generation.js';

// Before the server's modules load (hence the dynamic imports below): see compile-cache.ts and young-generation.ts.
const writeCompileCache = startCompileCache();
const releaseYoungGeneration = holdYoungGeneration();
const [{ randomBytes }, { loadConfig }, { startHuurhulp }, { systemClock }, { HuurhulpError }, { createLogger }, { trimMemoryWhenIdle }] = await Promise.all([
  import('node:crypto'),
  import('./config.js'),
  import('./server.js'),
  import('./shared/clock.js'),
  import('./shared/errors.js'),
  import('./shared/logger.js'),
  import('./shared/idle-memory-trim.js'),
]);

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, () => randomBytes(32).toString('base64url'));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (config.sessionSecretGenerated) logger.warn('SESSION_SECRET is not set: a random one is kept in Redis (or, on the in-memory store, in this process only). Set SESSION_SECRET (32+ characters) in production.');
  try {
    const app = await startHuurhulp({ config, logger, clock: systemClock });
    releaseYoungGeneration();
    writeCompileCache();
    const stopTrim = trimMemoryWhenIdle({
      onTrim: (bytes, tookMs) => logger.debug({ youngGenerationMb: Math.round(bytes / 1048576), tookMs: Math.round(tookMs) }, 'quiet: memory given back'),
    });
    logger.info(`huurhulp is running: open ${config.PUBLIC_URL ?? app.url.replace('127.0.0.1', 'localhost')} for the demo page`);
    const stop = (signal: string): void => {
      logger.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_S }, 'shutting down');
      stopTrim();
      app.shutdown(config.SHUTDOWN_GRACE_S * 1000).then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  } catch (e) {
    logger.fatal({ err: e, code: e instanceof HuurhulpError ? e.code : 'INTERNAL' }, e instanceof Error ? e.message : 'startup failed');
    process.exit(1);
  }
}

void main();
