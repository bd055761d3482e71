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

/**
 * Phone numbers in any field, at any depth, in messages and error texts: international (+31 6 …, 0031…, whatsapp:+…)
 * and Dutch national (06-12345678, 020 123 4567). Not preceded by a letter, digit, dot or dash, so ids, timestamps
 * and version numbers stay readable.
 */
const phoneNumber = /(?<![\w.-])(?:(?:\+|00)\d(?:[ -]?\d){6,14}|0\d(?:[ -]?\d){8})(?!\w)/g;

/** Applied to every finished log line, so no field name or nesting can let a number through. */
export function redactPhoneNumbers(line: string): string {
  return line.replace(phoneNumber, '[phone]');
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'huurhulp' },
    redact: { paths: [...paths, 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    // Errors keep type and stack, never a message that could contain input.
    serializers: { err: pino.stdSerializers.err },
    hooks: { streamWrite: redactPhoneNumbers },
  };
  return destination ? pino(options, destination) : pino(options);
}
