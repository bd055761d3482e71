import { foldNumerals } from './fold-text.js';
import { normalize, parseWords, type Lexicon } from './lexicon.js';

/**
 * Parses a euro amount as people type it: "1.250,50", "€ 700", "700 euro", "700,-", "1250.50", "1,250.50",
 * also in Arabic-Indic or Persian digits with Arabic separators ("١٬٢٥٠٫٥٠").
 * Dutch habits win on ambiguity: "1.250" is twelve hundred fifty. Returns the amount in euros
 * rounded to cents, or null when it is not an amount (negative amounts are not amounts here).
 */
export function parseAmount(text: string, lex: Lexicon): number | null {
  let s = foldNumerals(text).trim().toLowerCase().replace(/€/g, ' ');
  for (const word of parseWords(lex).currency) s = s.replace(new RegExp(`(^|\\s)${escapeRegExp(word)}(?=\\s|$)`, 'g'), ' ');
  s = s.replace(/,-$|\.-$|,--$/, '').replace(/\s+/g, '');
  if (!/^\d[\d.,]*$/.test(s) || s.length > 20) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    normalized = s.split(thousands).join('').replace(decimal, '.');
    if (!validGrouping(s, thousands, decimal)) return null;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    const tail = parts[parts.length - 1] ?? '';
    const isThousands = parts.length > 2 || (tail.length === 3 && (parts[0] ?? '').length <= 3 && (parts[0] ?? '') !== '0');
    if (isThousands) {
      if (!parts.slice(1).every((p) => p.length === 3)) return null;
      normalized = parts.join('');
    } else {
      if (parts.length !== 2 || tail.length === 0 || tail.length > 2) return null;
      normalized = `${parts[0] ?? ''}.${tail}`;
    }
  } else {
    normalized = s;
  }
  const value = Number(normalized);
  if (!Number.isFinite(value)) return null;
  return Math.round(value * 100) / 100;
}

function validGrouping(s: string, thousands: string, decimal: string): boolean {
  const [whole = '', frac = ''] = s.split(decimal);
  if (frac.length === 0 || frac.length > 2 || frac.includes(thousands)) return false;
  const groups = whole.split(thousands);
  return groups.slice(1).every((g) => g.length === 3) && (groups[0] ?? '').length <= 3 && (groups[0] ?? '').length > 0;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole non-negative numbers typed as digits or words ("3", "drie"). */
export function parseNumber(text: string, lex: Lexicon): number | null {
  const t = normalize(text);
  if (/^\d{1,9}$/.test(t)) return Number(t);
  // Own keys only: typed text such as "constructor" must not find Object.prototype members.
  const numbers = parseWords(lex).numbers;
  return Object.hasOwn(numbers, t) ? (numbers[t] ?? null) : null;
}

/** Dutch postcode "1234 AB" -> "1234AB". */
export function parsePostcode(text: string): string | null {
  const m = /^\s*([1-9]\d{3})\s?([a-zA-Z]{2})\s*$/.exec(foldNumerals(text));
  return m ? `${m[1] ?? ''}${(m[2] ?? '').toUpperCase()}` : null;
}

export function parseYesNo(text: string, lex: Lexicon): boolean | null {
  const t = normalize(text);
  if (parseWords(lex).yes.includes(t)) return true;
  if (parseWords(lex).no.includes(t)) return false;
  return null;
}
