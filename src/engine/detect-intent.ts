import { findReferenceCode } from '../domain/melding/reference-code.js';
import { normalize, type IntentName, type Lexicon } from './lexicon.js';
import { isLocale, localeDefinitions, locales, type Locale } from '../shared/locale-registry.js';

export type Intent =
  | { readonly name: Exclude<IntentName, 'taal' | 'status'> }
  | { readonly name: 'taal'; readonly locale: Locale | null }
  | { readonly name: 'start' }
  | { readonly name: 'status'; readonly code: string };

const payloadIntents: Record<string, Intent> = {
  ...Object.fromEntries(locales.map((locale) => [`intent:taal:${locale}`, { name: 'taal', locale }])),
  'intent:start': { name: 'start' },
  'intent:stop': { name: 'stop' },
  'intent:pauze': { name: 'pauze' },
  'intent:mens': { name: 'mens' },
  'intent:terug': { name: 'terug' },
  'intent:opnieuw': { name: 'opnieuw' },
  'intent:verwijder': { name: 'verwijder' },
};

export function intentFromPayload(payload: string): Intent | null {
  // Own keys only: a payload such as "constructor" from a channel must not find Object.prototype members.
  return Object.hasOwn(payloadIntents, payload) ? (payloadIntents[payload] ?? null) : null;
}

type NormalizedIntents = { readonly [K in IntentName]: ReadonlySet<string> } & {
  /** Crisis phrases padded with a space each side, ready for a whole-word search. */
  readonly crisisPadded: readonly string[];
  /** Status words followed by a space ("status "). */
  readonly statusPrefixes: readonly string[];
};

// The lexicon is immutable after loading: normalise its phrases once, not on every message.
const cache = new WeakMap<Lexicon, NormalizedIntents>();

function normalizedIntents(lex: Lexicon): NormalizedIntents {
  const hit = cache.get(lex);
  if (hit) return hit;
  const set = (words: readonly string[]): ReadonlySet<string> => new Set(words.map((w) => normalize(w)).filter((w) => w.length > 0));
  const i = lex.intents;
  const built: NormalizedIntents = {
    stop: set(i.stop), pauze: set(i.pauze), mens: set(i.mens), crisis: set(i.crisis), taal: set(i.taal),
    terug: set(i.terug), opnieuw: set(i.opnieuw), verwijder: set(i.verwijder), status: set(i.status),
    crisisPadded: [...set(i.crisis)].map((p) => ` ${p} `),
    statusPrefixes: [...set(i.status)].map((w) => `${w} `),
  };
  cache.set(lex, built);
  return built;
}

/** Crisis words match as whole words or phrases anywhere in the message. */
export function hasCrisisWords(text: string, lex: Lexicon): boolean {
  const padded = ` ${normalize(text)} `;
  return normalizedIntents(lex).crisisPadded.some((p) => padded.includes(p));
}

/** Other intents need the whole message to be one of their phrases, so answers that merely contain "stop" are not intents. */
export function intentFromText(text: string, lex: Lexicon): Intent | null {
  if (hasCrisisWords(text, lex)) return { name: 'crisis' };
  const t = normalize(text);
  if (t.length === 0) return null;
  // "status HH-7K3M9P": a status word first, then a reference code anywhere.
  const code = findReferenceCode(text);
  const n = normalizedIntents(lex);
  if (code !== null && n.statusPrefixes.some((w) => t.startsWith(w))) return { name: 'status', code };
  const order = ['verwijder', 'mens', 'stop', 'pauze', 'terug', 'opnieuw'] as const;
  for (const name of order) {
    if (n[name].has(t)) return { name };
  }
  // A language's own name alone ("English", "Türkçe") also asks for it, even when no lexicon lists it.
  if (n.taal.has(t) || languageNames().has(t)) return { name: 'taal', locale: localeNamed(t) };
  return null;
}

// Registry names normalised once: native names and aliases, each pointing at its locale.
let names: ReadonlyMap<string, Locale> | null = null;
function languageNames(): ReadonlyMap<string, Locale> {
  if (names !== null) return names;
  const map = new Map<string, Locale>();
  for (const def of localeDefinitions()) {
    if (!isLocale(def.code)) continue;
    for (const name of [def.nativeName, ...def.aliases]) map.set(normalize(name, def.casefold), def.code);
  }
  names = map;
  return map;
}

/**
 * The language a "taal" phrase names ("in het engels" -> en, "english please" -> en), by whole words of the
 * normalised text (Unicode-aware, not ASCII \b); null for a bare "taal", which then shows the list of languages.
 * A code alone ("en") is no language name: in Dutch "en" means "and".
 */
function localeNamed(t: string): Locale | null {
  const all = languageNames();
  if (all.has(t)) return all.get(t) ?? null;
  const words = t.split(' ');
  for (let size = Math.min(3, words.length); size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const hit = all.get(words.slice(i, i + size).join(' '));
      if (hit !== undefined) return hit;
    }
  }
  return null;
}
