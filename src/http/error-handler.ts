import type { ErrorRequestHandler } from 'express';
import { HuurhulpError, errorCodes, type ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

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
    } else {
      code = 'INTERNAL';
      message = errorCodes.INTERNAL.message;
      logger.error({ err, method: req.method, path: req.path }, 'request failed');
    }
    if (res.headersSent) return;
    res.status(errorCodes[code].status).json({ error: { code, message, ...(fields.length > 0 ? { fields } : {}) } });
  };
}
