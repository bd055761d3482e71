import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueToken, verifyToken, type TokenClaims } from '../../../src/channels/web/session-token.js';

const secret = 'a-test-secret-of-enough-length-0123456789';
const nowMs = Date.parse('2026-11-22T09:00:00Z');
const claims: TokenClaims = { conversationId: 'conv_ABC-123xyz', locale: 'nl', exp: nowMs / 1000 + 3600 };

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const mac = (body: string, key = secret): string => createHmac('sha256', key).update(body).digest('base64url');

describe('session token', () => {
  it('round trip: a fresh token gives back its claims', () => {
    const token = issueToken(secret, claims);
    expect(verifyToken(secret, token, nowMs)).toEqual(claims);
    expect(verifyToken(secret, issueToken(secret, { ...claims, locale: 'en' }), nowMs)).toEqual({ ...claims, locale: 'en' });
  });

  it('is body.signature with the HMAC-SHA256 of the body', () => {
    const token = issueToken(secret, claims);
    const [body, sig] = token.split('.');
    expect(body).toBe(b64({ c: claims.conversationId, l: 'nl', exp: claims.exp }));
    expect(sig).toBe(mac(body ?? ''));
  });

  it('a token signed with another secret is refused', () => {
    expect(verifyToken(secret, issueToken('another-secret', claims), nowMs)).toBeNull();
  });

  it('a token checked once (and remembered) is still refused under another secret', () => {
    const token = issueToken(secret, claims);
    expect(verifyToken(secret, token, nowMs)).toEqual(claims);
    expect(verifyToken('a-different-secret-of-enough-length-0000', token, nowMs)).toBeNull();
    expect(verifyToken(secret, token, nowMs)).toEqual(claims);
  });

  it('a forged signature is refused (same length, one character changed)', () => {
    const token = issueToken(secret, claims);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyToken(secret, `${token.slice(0, -1)}${last}`, nowMs)).toBeNull();
  });

  it('a tampered body with the old signature is refused', () => {
    const [, sig] = issueToken(secret, claims).split('.');
    const other = b64({ c: 'someone_elses_conv', l: 'nl', exp: claims.exp });
    expect(verifyToken(secret, `${other}.${sig}`, nowMs)).toBeNull();
  });

  it('expires at exp (exclusive) and stays valid just before', () => {
    const token = issueToken(secret, claims);
    expect(verifyToken(secret, token, claims.exp * 1000 - 1)).toEqual(claims);
    expect(verifyToken(secret, token, claims.exp * 1000)).toBeNull();
    expect(verifyToken(secret, token, claims.exp * 1000 + 86_400_000)).toBeNull();
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['no dot', 'abcdef'],
    ['three parts', `${b64({ c: 'conv_ABC-123xyz', l: 'nl', exp: 9e9 })}.x.y`],
    ['signature only', `.${mac('')}`],
  ])('%s -> null', (_name, token) => {
    expect(verifyToken(secret, token, nowMs)).toBeNull();
  });

  it('an over-long token is refused before any work, even when it is correctly signed', () => {
    // JSON allows trailing spaces: without the length cap this padded token would verify.
    const padded = Buffer.from(`${JSON.stringify({ c: claims.conversationId, l: 'nl', exp: claims.exp })}${' '.repeat(400)}`).toString('base64url');
    expect(verifyToken(secret, `${padded}.${mac(padded)}`, nowMs)).toBeNull();
    const shortPadded = Buffer.from(`${JSON.stringify({ c: claims.conversationId, l: 'nl', exp: claims.exp })}${' '.repeat(10)}`).toString('base64url');
    expect(verifyToken(secret, `${shortPadded}.${mac(shortPadded)}`, nowMs)).toEqual(claims);
  });

  it.each([
    ['not JSON', Buffer.from('not json').toString('base64url')],
    ['bad conversation id', b64({ c: 'x', l: 'nl', exp: 9e9 })],
    ['unknown locale', b64({ c: 'conv_ABC-123xyz', l: 'fr', exp: 9e9 })],
    ['extra claim', b64({ c: 'conv_ABC-123xyz', l: 'nl', exp: 9e9, admin: true })],
    ['exp not a whole number', b64({ c: 'conv_ABC-123xyz', l: 'nl', exp: 'soon' })],
  ])('a correctly signed but malformed body (%s) -> null', (_name, body) => {
    expect(verifyToken(secret, `${body}.${mac(body)}`, nowMs)).toBeNull();
  });
});
