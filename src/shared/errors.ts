/**
 * Every error code the code can return, with its HTTP status and a safe message.
 * The README's error table is checked against this registry by a test.
 */
export const errorCodes = {
  CONFIG_INVALID: { status: 500, message: 'The configuration is invalid.' },
  DIALOG_INVALID: { status: 500, message: 'A dialog file is invalid.' },
  CONTENT_INVALID: { status: 500, message: 'A content or locale file is invalid.' },
  BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  VALIDATION_FAILED: { status: 400, message: 'The request body has invalid fields.' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request line or headers are too large.' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json.' },
  UNKNOWN_PAYLOAD: { status: 400, message: 'That button is not available at this point of the conversation.' },
  TOKEN_MISSING: { status: 401, message: 'A session token is required.' },
  TOKEN_INVALID: { status: 401, message: 'The session token is invalid or has expired.' },
  ORIGIN_NOT_ALLOWED: { status: 403, message: 'This site may not use the chat. Add it to WIDGET_ORIGINS.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Please wait a moment.' },
  STORE_CONFLICT: { status: 409, message: 'The conversation changed at the same time. Please try again.' },
  STORE_UNAVAILABLE: { status: 503, message: 'The store is not reachable right now.' },
  TICKET_NOT_FOUND: { status: 404, message: 'That ticket does not exist (any more).' },
  TICKET_CLAIMED: { status: 409, message: 'Another volunteer has already taken this ticket.' },
  TICKET_NOT_HELD: { status: 409, message: 'You do not hold this ticket (any more).' },
  TICKET_CLOSED: { status: 409, message: 'This ticket is already closed.' },
  LOGIN_FAILED: { status: 401, message: 'The username or password is wrong.' },
  CONSOLE_UNAUTHENTICATED: { status: 401, message: 'Sign in to the volunteer console first.' },
  CSRF_FAILED: { status: 403, message: 'The CSRF token is missing or wrong. Reload the console.' },
  FORBIDDEN_ROLE: { status: 403, message: 'Your role does not allow this.' },
  SIGNATURE_INVALID: { status: 403, message: 'The webhook signature is missing or wrong.' },
  ACCOUNT_EXISTS: { status: 409, message: 'An account with that username already exists.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** Base class: a stable code, an HTTP status and optional structured details (never personal data). */
export class HuurhulpError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message?: string, details: readonly string[] = [], options?: { cause?: unknown }) {
    super(message ?? errorCodes[code].message, options);
    this.name = 'HuurhulpError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.details = details;
  }
}

export class ConfigError extends HuurhulpError {
  constructor(details: readonly string[]) {
    super('CONFIG_INVALID', `Invalid configuration:\n  ${details.join('\n  ')}`, details);
    this.name = 'ConfigError';
  }
}

export class DialogError extends HuurhulpError {
  constructor(details: readonly string[]) {
    super('DIALOG_INVALID', `Invalid dialogs:\n  ${details.join('\n  ')}`, details);
    this.name = 'DialogError';
  }
}

export class ContentError extends HuurhulpError {
  constructor(details: readonly string[]) {
    super('CONTENT_INVALID', `Invalid content:\n  ${details.join('\n  ')}`, details);
    this.name = 'ContentError';
  }
}

export class RequestError extends HuurhulpError {
  constructor(code: ErrorCode, message?: string, details: readonly string[] = []) {
    super(code, message, details);
    this.name = 'RequestError';
  }
}

export class StoreError extends HuurhulpError {
  constructor(code: 'STORE_CONFLICT' | 'STORE_UNAVAILABLE', message?: string, options?: { cause?: unknown }) {
    super(code, message, [], options);
    this.name = 'StoreError';
  }
}
