import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Field names that may carry what a person typed or who they are. Redacted wherever they appear, so a
 * careless `log.info({ body })` cannot leak a message (DESIGN.md §6).
 */
export const redactedFields = [
  'text', 'payload', 'message', 'body', 'answers', 'summary', 'vars', 'phone', 'email', 'name', 'address', 'postcode',
  'token', 'authorization', 'password', 'cookie', 'note', 'notes', 'quick_replies',
] as const;

const paths = redactedFields.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'huurhulp' },
    redact: { paths: [...paths, 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    // Errors keep type and stack, never a message that could contain input.
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}
