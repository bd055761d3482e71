import { IncomingMessage, ServerResponse, type OutgoingHttpHeader } from 'node:http';
import { Socket } from 'node:net';
import type { RequestHandler } from 'express';

type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** A response that only notes which headers were set, as they were written, and which removed. */
class HeaderRecorder extends ServerResponse {
  readonly headers = new Map<string, { readonly name: string; readonly value: OutgoingHttpHeader }>();

  override setHeader(name: string, value: OutgoingHttpHeader): this {
    this.headers.set(name.toLowerCase(), { name, value });
    return super.setHeader(name, value);
  }

  override removeHeader(name: string): void {
    this.headers.delete(name.toLowerCase());
    super.removeHeader(name);
  }
}

/**
 * The headers a header middleware sets on a response, worked out once at start on a response of our own, then set
 * on every response. Only for a middleware whose headers do not depend on the request, like our helmet setup (fixed
 * directives, no nonces): helmet still decides them, but once, not in 13 nested middleware calls with their closures
 * on every request (issue #12). It must run first, before anything sets a header, so what it removes on a response
 * (helmet: X-Powered-By, which the app also disables) is never there to remove.
 */
export function fixedHeaders(middleware: HeaderMiddleware): RequestHandler {
  const recorder = new HeaderRecorder(new IncomingMessage(new Socket()));
  let done = false;
  let failed: unknown;
  middleware(recorder.req, recorder, (err) => {
    done = true;
    failed = err;
  });
  if (failed !== undefined) throw failed instanceof Error ? failed : new Error(String(failed));
  // A middleware that finishes later would leave headers out without a word: refuse it, at start.
  if (!done) throw new Error('fixedHeaders: the header middleware must call next() at once, its headers cannot be worked out once.');
  const headers = [...recorder.headers.values()];
  return (_req, res, next) => {
    for (const { name, value } of headers) res.setHeader(name, value);
    next();
  };
}
