/**
 * Contact details as people type them, checked and normalized. Pure: no lookups, no I/O.
 */

// Separators people put in phone numbers: spaces (also no-break), dashes, dots, slashes, brackets.
const phoneSeparators = /[\s\u00a0\-./()]/g;

/**
 * A phone number in E.164 (`+31612345678`), or null when it is not one.
 * Dutch numbers: `06-12345678`, `0612345678`, `020-1234567`, `+31 6 1234 5678`, `+31 (0)6 12345678`,
 * `0031 6 12345678`: a 0 and nine digits, the first of which is not 0. Numbers of 8 or 11 digits
 * (0800/0900 service lines) are not numbers to call a person back on and are refused.
 * Other countries (a relative in Belgium or Germany): `+` or `00`, a country code and 8..15 digits in all.
 */
export function normalizePhone(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 32) return null;
  // "(0)" is the trunk prefix written after a country code: +31 (0)6 ... means +31 6 ...
  const compact = trimmed.replace(/\(0\)/g, '').replace(phoneSeparators, '');
  let international: string;
  if (/^\+\d+$/.test(compact)) international = compact.slice(1);
  else if (/^00\d+$/.test(compact)) international = compact.slice(2);
  else if (/^0[1-9]\d{8}$/.test(compact)) return `+31${compact.slice(1)}`;
  else return null;

  if (international.startsWith('31')) {
    // "+31 06 12345678": a trunk 0 kept by mistake is dropped.
    const national = international.slice(2).replace(/^0(?=\d{9}$)/, '');
    return /^[1-9]\d{8}$/.test(national) ? `+31${national}` : null;
  }
  return /^[1-9]\d{7,14}$/.test(international) ? `+${international}` : null;
}

/** A Dutch mobile number (can get an SMS): +316 followed by 8 digits. */
export function isDutchMobile(e164: string): boolean {
  return /^\+316\d{8}$/.test(e164);
}

const maxEmailLength = 254;
const maxLocalLength = 64;
// Dot-atom local part (RFC 5322 without quoted strings, which nobody types into a chat).
const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const domainLabel = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const topLevel = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/**
 * The e-mail address with its domain in lower case, or null. Sane rather than complete: one `@`, a
 * dot-atom local part of at most 64 characters, a domain of at least two labels with a real-looking
 * top-level domain, 254 characters in all. No IP-address domains, no quoted local parts.
 */
export function normalizeEmail(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > maxEmailLength) return null;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return null;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (local.length > maxLocalLength || !localPart.test(local)) return null;
  const labels = domain.split('.');
  const tld = labels[labels.length - 1];
  if (labels.length < 2 || tld === undefined || !topLevel.test(tld) || !labels.every((l) => domainLabel.test(l))) return null;
  return `${local}@${domain}`;
}
