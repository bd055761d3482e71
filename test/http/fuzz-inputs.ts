import fc from 'fast-check';

/** Generators of hostile HTTP inputs for the fuzz test: strings, JSON values, raw bodies, content types, queries. */

/** Strings that have broken parsers, templates, logs and terminals before. */
const nasty = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '{{#each this}}{{/each}}',
  '${7*7}',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '\u0000',
  'a\u0000b',
  '\u202e\u2066evil\u2069',
  '\u202d',
  '\ufeff',
  '\u200b',
  '\ud800',
  '\udfff',
  '\u001b[31mred\u001b[0m',
  '\r\nX-Injected: 1',
  '../../../etc/passwd',
  "' OR 1=1 --",
  '%00%0d%0a',
  '\\',
  '9'.repeat(40),
  '99999999999999999999-0',
  '-1',
  '0-0',
  'NaN',
  'Infinity',
  'mens',
  'stop',
  'ja',
  'nee',
  'verwijder mijn gegevens',
  'taal',
  'terug',
  'opnieuw',
  'status HH-ABCD-1234',
  'ik wil dood',
  '€ 1.234,56',
  '31-12-2099',
  '1234 AB',
  'choice:ja',
  'intent:start',
  'intent:human',
  '🏠💶',
  'ﷺ',
  'ِ'.repeat(50),
] as const;

const controlUnit = fc.constantFrom('\u0000', '\u0007', '\u0008', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\u202e', '\u2066', '\u200f', '\ufffe', 'a', 'Z', '<', '>', '&', '"', "'", '\\', '/', ' ', 'é');

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...nasty), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: controlUnit, maxLength: 60 }), weight: 2 },
  // Around and over the 2,000-character text limit.
  { arbitrary: fc.integer({ min: 1990, max: 2100 }).map((n) => 'x'.repeat(n)), weight: 1 },
  { arbitrary: fc.integer({ min: 1000, max: 1400 }).map((n) => '€'.repeat(n)), weight: 1 },
);

/** Any JSON value, hostile strings included, with nesting. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(1e308, -0, 2 ** 53 + 1, -1),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'type', 'text', 'payload')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A valid example changed a little: a field dropped, added, given the wrong type or a hostile value. */
export function mutated(example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(example);
  const change = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...keys) }),
    fc.record({ kind: fc.constant('extra' as const), key: hostileString, value: hostileJson }),
    fc.record({ kind: fc.constant('replace' as const), key: fc.constantFrom(...keys), value: hostileJson }),
    fc.record({ kind: fc.constant('deepen' as const), key: fc.constantFrom(...keys), depth: fc.integer({ min: 1, max: 200 }) }),
  );
  return fc.array(change, { minLength: 0, maxLength: 3 }).map((changes) => {
    const body: Record<string, unknown> = structuredClone(example);
    for (const c of changes) {
      if (c.kind === 'drop') delete body[c.key];
      else if (c.kind === 'deepen') body[c.key] = deep(body[c.key], c.depth);
      else Object.defineProperty(body, c.key, { value: c.value, enumerable: true, writable: true, configurable: true });
    }
    return body;
  });
}

function deep(value: unknown, depth: number): unknown {
  let v = value;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

export interface RawBody {
  readonly label: string;
  readonly body: string | Uint8Array<ArrayBuffer>;
  readonly contentType: string | null;
  readonly contentEncoding?: string;
}

const wrongTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=x-nope', 'application/JSON', 'application/merge-patch+json', 'application/vnd.api+json', '*/*', 'json', ';;;', ''];

/** A request body: usually JSON of a (mutated) value, else broken JSON, a wrong content type, deep nesting, too large. */
export function rawBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<RawBody> {
  const json = 'application/json';
  return fc.oneof(
    { arbitrary: value.map((v) => ({ label: 'json', body: JSON.stringify(v) ?? 'null', contentType: json })), weight: 6 },
    { arbitrary: hostileJson.map((v) => ({ label: 'any json', body: JSON.stringify(v) ?? 'null', contentType: json })), weight: 2 },
    { arbitrary: fc.tuple(value, fc.nat(), fc.constantFrom('', '}', ',', '"', '\\')).map(([v, cut, tail]) => { const s = JSON.stringify(v) ?? '{'; return { label: 'broken json', body: s.slice(0, cut % Math.max(1, s.length)) + tail, contentType: json }; }), weight: 2 },
    { arbitrary: fc.tuple(value, fc.constantFrom(...wrongTypes)).map(([v, t]) => ({ label: `type ${t}`, body: JSON.stringify(v) ?? '', contentType: t })), weight: 2 },
    { arbitrary: value.map((v) => ({ label: 'no content type', body: JSON.stringify(v) ?? '', contentType: null })), weight: 1 },
    { arbitrary: fc.integer({ min: 10, max: 2040 }).map((n) => ({ label: `nesting ${n}`, body: `${'['.repeat(n)}${']'.repeat(n)}`, contentType: json })), weight: 1 },
    { arbitrary: fc.integer({ min: 10, max: 1300 }).map((n) => ({ label: `object nesting ${n}`, body: `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`, contentType: json })), weight: 1 },
    { arbitrary: fc.integer({ min: 4000, max: 20000 }).map((n) => ({ label: `large ${n}`, body: JSON.stringify({ type: 'message', text: 'x'.repeat(n) }), contentType: json })), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => ({ label: 'bytes', body: new Uint8Array(b), contentType: json })), weight: 1 },
    { arbitrary: fc.tuple(value, fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'x-nope', 'gzip, gzip')).map(([v, e]) => ({ label: `encoding ${e}`, body: JSON.stringify(v) ?? '', contentType: json, contentEncoding: e })), weight: 1 },
    { arbitrary: fc.constantFrom('', 'null', '[]', '"x"', '0', 'true', '{}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '\ufeff{}', '{"a":1,"a":2}').map((b) => ({ label: `literal ${b}`, body: b, contentType: json })), weight: 1 },
  );
}

/** A query string: the known parameter with odd values, repeated or bracketed, plus junk. */
export function rawQuery(known: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...known), fc.constantFrom(...known).map((k) => `${k}[]`), fc.constantFrom(...known).map((k) => `${k}[x]`), hostileString);
  const pair = fc.tuple(name, fc.oneof(hostileString, fc.constantFrom('18446744073709551615-18446744073709551615', '1-1', '0', 'waiting', 'claimed', 'closed', 'nl', 'en', ''))).map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`);
  const rawJunk = fc.constantFrom('%', '%zz', '&&&', '=', '?', '#', '%00', 'a=%E0%A4%A', 'a[b][c][d][e][f][g]=1', `${'a[b]'.repeat(30)}=1`);
  return fc.array(fc.oneof({ arbitrary: pair, weight: 4 }, { arbitrary: rawJunk, weight: 1 }), { maxLength: 4 }).map((parts) => parts.join('&'));
}

/** Authorization headers that are not a valid token. */
export const badAuthorization: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', `Bearer ${'A'.repeat(600)}`, 'bearer x', 'Bearer ...', 'Bearer eyJhbGciOiJub25lIn0.e30.'),
  hostileString.map((s) => `Bearer ${s.replace(/[^\t\x20-\x7e]/g, '')}`),
);

/** X-Forwarded-For values (TRUST_PROXY=true): real addresses, so the per-address limits are not what answers, and junk. */
export const forwardedFor: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.ipV4(), weight: 6 },
  { arbitrary: fc.ipV6(), weight: 2 },
  { arbitrary: fc.constantFrom('unknown', '', ' , ', '999.999.999.999', '::ffff:1.2.3.4', 'fe80::1%eth0', '1.2.3.4, 5.6.7.8', '<script>'), weight: 1 },
);

/** A path segment for `:id` routes: real-looking ids and hostile ones, percent-encoded. */
export const idSegment: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  hostileString.filter((s) => s.length > 0 && s.length < 300).map((s) => encodeURIComponent(wellFormed(s))),
  fc.constantFrom('%', '%2e%2e', '..', '%2F', '%00', 'a%ZZ', '%E0%A4%A'),
);

/** A lone surrogate cannot be percent-encoded (encodeURIComponent throws): replaced by U+FFFD, as a browser does. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
