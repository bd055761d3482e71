import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod/v4';
import { localeSchema, type Locale } from '../../engine/session-state.js';

export interface TokenClaims {
  /** The conversation this token speaks for; the server never takes a user id from the client. */
  readonly conversationId: string;
  readonly locale: Locale;
  /** Expiry, seconds since epoch. */
  readonly exp: number;
}

const claimsSchema = z.strictObject({ c: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), l: localeSchema, exp: z.number().int() });

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/** `<base64url(claims)>.<hmac>`: small, stateless, and checked in constant time. */
export function issueToken(secret: string, claims: TokenClaims): string {
  const body = Buffer.from(JSON.stringify({ c: claims.conversationId, l: claims.locale, exp: claims.exp })).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

/**
 * Tokens that passed the check lately, with their claims: a person sends the same token with every turn, and the
 * HMAC, base64, JSON and schema check cost more than the rest of the token path (issue #12). Only valid tokens are
 * kept (a forged one never is), keyed by the whole token and the secret it was checked with; expiry is still
 * checked on every use. Bounded: the whole memory is dropped when it is full.
 */
const verified = new Map<string, { readonly secret: string; readonly claims: TokenClaims }>();
const MAX_VERIFIED = 4096;

/** The claims of a valid, unexpired token; null for anything else (missing, malformed, forged, expired). */
export function verifyToken(secret: string, token: string | undefined, nowMs: number): TokenClaims | null {
  if (token === undefined || token.length > 512) return null;
  const hit = verified.get(token);
  if (hit !== undefined && hit.secret === secret) return hit.claims.exp * 1000 <= nowMs ? null : hit.claims;
  const claims = checkToken(secret, token, nowMs);
  if (claims !== null) {
    if (verified.size >= MAX_VERIFIED) verified.clear();
    verified.set(token, { secret, claims });
  }
  return claims;
}

function checkToken(secret: string, token: string, nowMs: number): TokenClaims | null {
  const [body, mac, extra] = token.split('.');
  if (body === undefined || mac === undefined || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp * 1000 <= nowMs) return null;
  return { conversationId: parsed.data.c, locale: parsed.data.l, exp: parsed.data.exp };
}
