import type { ErrorRequestHandler } from 'express';
import { HuurhulpError, errorCodes, type ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';

/** body-parser's error types, mapped to our codes. */
const parserErrors: Record<string, ErrorCode> = {
  'entity.too.large': 'BODY_TOO_LARGE',
  'entity.parse.failed': 'BAD_REQUEST',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'request.aborted': 'BAD_REQUEST',
};

/** The one error middleware: every error becomes `{ error: { code, message, fields? } }`; stack traces stay in the log. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const parserType = typeof err === 'object' && err !== null && 'type' in err && typeof err.type === 'string' ? parserErrors[err.type] : undefined;
    const clientStatus = clientErrorStatus(err);
    let code: ErrorCode;
    let message: string;
    let fields: readonly string[] = [];
    if (err instanceof HuurhulpError) {
      code = err.code;
      message = err.message;
      fields = err.details;
    } else if (parserType !== undefined) {
      code = parserType;
      message = errorCodes[parserType].message;
    } else if (isStoreUnavailable(err)) {
      // A Redis outage is answered fast and honestly (DESIGN.md §6); it is worth a warning, not a stack per request.
      code = 'STORE_UNAVAILABLE';
      message = errorCodes.STORE_UNAVAILABLE.message;
      logger.warn({ method: req.method, path: req.path, reason: err instanceof Error ? err.name : 'unknown' }, 'store unavailable');
    } else if (clientStatus !== undefined) {
      // body-parser wraps what it cannot read (a corrupt gzip, deflate or br body) as a 4xx without a type.
      code = clientStatus === 413 ? 'BODY_TOO_LARGE' : clientStatus === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      message = errorCodes[code].message;
    } else {
      code = 'INTERNAL';
      message = errorCodes.INTERNAL.message;
      logger.error({ err, method: req.method, path: req.path }, 'request failed');
    }
    if (res.headersSent) return;
    // Same shape as the huurtoeslag API: fields: [{ path, message }].
    const named = fields.map((f) => {
      const i = f.indexOf(': ');
      return i < 0 ? { path: '(body)', message: f } : { path: f.slice(0, i), message: f.slice(i + 2) };
    });
    res.status(errorCodes[code].status).json({ error: { code, message, ...(named.length > 0 ? { fields: named } : {}) } });
  };
}

/**
 * The status of an http-errors client error (400..499, marked safe to expose), else undefined. Express's router
 * throws a plain URIError with status 400 for a path parameter it cannot decode (`/tickets/a%ZZ`): a client error too.
 */
function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  const { status } = err;
  const safe = ('expose' in err && err.expose === true) || err instanceof URIError;
  return typeof status === 'number' && status >= 400 && status < 500 && safe ? status : undefined;
}
