import type { RequestHandler } from 'express';
import { RequestError } from '../../shared/errors.js';

/**
 * Which sites may run the widget (WIDGET_ORIGINS). The widget works with a bearer token and never with
 * cookies, so CORS here never allows credentials; the exact origin is echoed, never `*`.
 */
export interface WidgetOrigins {
  /** Exact origins (`https://www.gemeente.nl`) of the sites that embed the widget; empty = same origin only. */
  readonly allowed: readonly string[];
  /** The address people use (PUBLIC_URL), which always counts as our own origin. */
  readonly publicUrl?: string | undefined;
}

/** How a request's `Origin` relates to us: none (not a browser, or a same-origin GET), ours, an allowed site, or refused. */
export type OriginVerdict = 'none' | 'same' | 'allowed' | 'refused';

export function judgeOrigin(policy: WidgetOrigins, origin: string | undefined, host: string | undefined): OriginVerdict {
  if (origin === undefined) return 'none';
  if (policy.allowed.includes(origin)) return 'allowed';
  let parsed: URL;
  try {
    // "null" (a sandboxed frame, a file://) does not parse as a URL and is refused.
    parsed = new URL(origin);
  } catch {
    return 'refused';
  }
  if (host !== undefined && parsed.host === host.toLowerCase()) return 'same';
  if (policy.publicUrl !== undefined && new URL(policy.publicUrl).origin === parsed.origin) return 'same';
  return 'refused';
}

/** Headers a cross-origin widget may read (rate-limit feedback). */
const exposed = 'RateLimit, RateLimit-Policy, Retry-After';
const methods = 'GET, POST';
const preflightMaxAgeSeconds = 600;

/**
 * CORS for the widget's API: the exact allowed origin is echoed (with `Vary: Origin`), preflights are
 * answered here, and a request from any other site is refused with 403 ORIGIN_NOT_ALLOWED before it
 * reaches a route, so nothing is created or read on its behalf.
 */
export function widgetCors(policy: WidgetOrigins): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    const verdict = judgeOrigin(policy, req.get('origin'), req.get('host'));
    if (verdict === 'refused') return next(new RequestError('ORIGIN_NOT_ALLOWED'));
    if (verdict === 'allowed') {
      res.set('Access-Control-Allow-Origin', req.get('origin'));
      res.set('Access-Control-Expose-Headers', exposed);
      if (req.method === 'OPTIONS') {
        const asked = req.get('access-control-request-headers');
        res.set('Access-Control-Allow-Methods', methods);
        if (asked !== undefined) res.set('Access-Control-Allow-Headers', asked);
        res.set('Access-Control-Max-Age', String(preflightMaxAgeSeconds));
        res.status(204).end();
        return;
      }
    }
    next();
  };
}
