import type { CookieOptions, Request } from 'express';

/** The console session cookie; its value is the session id. */
export const consoleCookieName = 'hh_console';

/** `'auto'`: Secure exactly when the request came over https (behind a proxy: with TRUST_PROXY). */
export type CookieSecure = 'auto' | boolean;

export function consoleCookieOptions(req: Request, secure: CookieSecure): CookieOptions {
  // No maxAge: the browser forgets it when closed; the server ends it after the idle time anyway.
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: secure === 'auto' ? req.secure : secure };
}

/**
 * The value of cookie `name` in a Cookie header, or undefined. A tiny parser instead of a dependency:
 * session ids are base64url, so no decoding is needed, and a value that is not plain is ignored.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    return /^[A-Za-z0-9_-]{1,256}$/.test(value) ? value : undefined;
  }
  return undefined;
}
