/**
 * The translation-faithfulness lint (DESIGN.md §9): a translated message keeps every number, amount, date, phone
 * number, web address, template placeholder and Dutch legal term of its Dutch source, so a person can match what
 * they read with their letters and with what a volunteer says. Pure: texts in, one line per finding out.
 */

/** Texts per namespace and key: `texts[ns][key]`. */
export type Messages = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface FaithfulInput {
  /** The language being checked (for the messages), e.g. "ar". */
  readonly lng: string;
  readonly source: Messages;
  readonly translation: Messages;
  /** Dutch legal and official words that stay visible (content/nl/legal-terms.yaml). */
  readonly legalTerms: readonly string[];
  /** Where the texts come from, for the messages: "content" or "labels". */
  readonly kind?: string;
  /** Whether every legal term of the Dutch message must stay visible (messages: yes; button labels: no). */
  readonly keepTerms?: boolean;
}

const placeholder = /\{\{[^}]*\}\}/g;
const url = /\b(?:https?:\/\/[^\s)]+|www\.[^\s)]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|com|org|eu|net)(?:\/[^\s)]*)?)/gi;
/** Digits of any script except ASCII: a translation keeps 0-9, as on the letters. */
const otherDigits = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]/;
/** A run of digits with the separators people write inside numbers ("1.250,50", "0800-0113", "30-11-2026"). */
const number = /\d+(?:[.,:/\- ]\d+)*/g;

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

function differs(a: readonly string[], b: readonly string[]): boolean {
  return a.length !== b.length || a.some((v, i) => v !== b[i]);
}

function show(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.map((v) => `"${v}"`).join(', ');
}

/** Placeholders as written, whitespace folded: `{{ euro x }}` and `{{euro x}}` are the same. */
function placeholders(text: string): string[] {
  return sorted((text.match(placeholder) ?? []).map((p) => p.replace(/\s+/g, ' ').replace(/\{\{ /, '{{').replace(/ \}\}/, '}}')));
}

/** Numbers by their digits only: "1.250,50" (Dutch) and "1,250.50" mean the same digits; "0800-0113" is "08000113". */
function numbers(text: string): string[] {
  const bare = text.replace(placeholder, ' ').replace(url, ' ');
  return sorted((bare.match(number) ?? []).map((n) => n.replace(/\D/g, '')));
}

/** Web addresses; an e-mail address is not one (its example domain may be the language's own). */
function urls(text: string): string[] {
  const bare = text.replace(placeholder, ' ').replace(/\S+@\S+/g, ' ');
  return sorted((bare.match(url) ?? []).map((u) => u.replace(/[.,;:]+$/, '').toLowerCase()));
}

/** A bracketed term belongs to the Dutch message when a Dutch word shares its stem ("(ontruiming)" for "ontruimd"). */
function sharesStem(dutch: string, term: string): boolean {
  const stem = term.toLowerCase().slice(0, Math.max(5, term.length - 3));
  return dutch.toLowerCase().split(/[^\p{L}]+/u).some((w) => w.startsWith(stem)) || containsWord(dutch, term);
}

function containsWord(text: string, term: string): boolean {
  const escaped = term.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(text.toLowerCase());
}

/** Bracketed texts of a translation: "(dagvaarding)", "(dagvaarding, a call to court)" -> their first part. */
function bracketed(text: string): string[] {
  return [...text.replace(placeholder, ' ').matchAll(/\(([^()]+)\)/g)].map((m) => (m[1] ?? '').split(/[,;:]/)[0]?.trim() ?? '');
}

export function lintFaithful(input: FaithfulInput): string[] {
  const findings: string[] = [];
  const kind = input.kind ?? 'content';
  const terms = [...new Set(input.legalTerms.map((t) => t.trim()).filter((t) => t.length > 0))];
  for (const [ns, keys] of Object.entries(input.translation)) {
    for (const [key, text] of Object.entries(keys)) {
      const dutch = input.source[ns]?.[key];
      if (dutch === undefined) continue; // a key the source lacks is the key lint's finding, not this one's
      const where = `${kind}[${input.lng}] ${ns}.${key}`;
      if (otherDigits.test(text.replace(placeholder, ' '))) findings.push(`${where}: uses digits other than 0-9; keep the digits as in the Dutch`);
      const [want, got] = [numbers(dutch), numbers(text)];
      if (differs(want, got)) findings.push(`${where}: numbers differ from the Dutch (Dutch: ${show(want)}; here: ${show(got)})`);
      const [wantUrls, gotUrls] = [urls(dutch), urls(text)];
      if (differs(wantUrls, gotUrls)) findings.push(`${where}: web addresses differ from the Dutch (Dutch: ${show(wantUrls)}; here: ${show(gotUrls)})`);
      const [wantVars, gotVars] = [placeholders(dutch), placeholders(text)];
      if (differs(wantVars, gotVars)) findings.push(`${where}: placeholders differ from the Dutch (Dutch: ${show(wantVars)}; here: ${show(gotVars)})`);
      for (const term of input.keepTerms === false ? [] : terms) {
        if (containsWord(dutch, term) && !containsWord(text, term)) findings.push(`${where}: keep the Dutch word "${term}" visible, in brackets the first time ("... (${term})")`);
      }
      for (const inBrackets of bracketed(text)) {
        const term = terms.find((t) => t.toLowerCase() === inBrackets.toLowerCase());
        if (term !== undefined && !sharesStem(dutch, term)) findings.push(`${where}: "(${inBrackets})" is not in the Dutch message`);
      }
    }
  }
  return findings;
}
