import { sourceLocale } from '../shared/locale-registry.js';

/**
 * B1 readability lint over the Dutch source texts (DESIGN.md §4). Measures per message: number of sentences,
 * average and longest sentence length in words, and the share of long words (13+ letters) that are not in the
 * glossary of explained domain words. Thresholds fit B1 guidance: short sentences, few long words. Per dialog, the
 * average sentence stays short too (issue #10: every sentence at most 20 words, at most 12 on average per dialog).
 */
export const readabilityLimits = {
  maxSentences: 4,
  maxAverageWords: 15,
  maxSentenceWords: 20,
  /** Over all Dutch messages of one dialog (one content file): words per sentence on average. */
  maxDialogAverageWords: 12,
  longWordLetters: 13,
  maxLongWordShare: 0.1,
  maxQuestions: 1,
} as const;

export interface ReadabilityStats {
  readonly sentences: number;
  readonly averageWords: number;
  readonly longestSentence: number;
  readonly longWords: readonly string[];
  readonly longWordShare: number;
  readonly questions: number;
}

const tagsOut = (t: string): string => t.replace(/\{\{[#/^][^}]*\}\}/g, ' ').replace(/\{\{[^}]*\}\}/g, 'X');
const sentencesOf = (t: string): string[] =>
  t
    .split(/(?<=[.!?]['’"”]?)\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
const wordsOf = (s: string): string[] => s.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}-]/gu, '')).filter((w) => w.length > 0);

/** Every sentence a template can produce: both alternatives of an `{{#if}}…{{else}}…{{/if}}` are measured. */
function allSentences(text: string): string[] {
  return sentencesOf(tagsOut(text.replace(/\{\{else\}\}/g, '\n')));
}

/** Words per sentence, over every sentence the template can produce. */
export function sentenceLengths(text: string): number[] {
  return allSentences(text).map((s) => wordsOf(s).length);
}

/**
 * Handlebars tags count as one word; lines (e.g. a list of phone numbers) end sentences. In `{{#if}}A{{else}}B{{/if}}`
 * A and B are alternatives: each is measured for length, but sentences and questions count the first one only.
 */
export function measure(text: string, glossary: ReadonlySet<string>): ReadabilityStats {
  const primary = tagsOut(text.replace(/\{\{else\}\}[\s\S]*?\{\{\/if\}\}/g, ' '));
  const counts = sentenceLengths(text);
  const all = allSentences(text).flatMap(wordsOf);
  const longWords = all.filter((w) => w.replace(/-/g, '').length >= readabilityLimits.longWordLetters && !glossary.has(w.toLowerCase()) && !/\d/.test(w));
  return {
    sentences: sentencesOf(primary).length,
    averageWords: counts.length === 0 ? 0 : counts.reduce((a, b) => a + b, 0) / counts.length,
    longestSentence: Math.max(0, ...counts),
    longWords,
    longWordShare: all.length === 0 ? 0 : longWords.length / all.length,
    questions: (primary.match(/\?/g) ?? []).length,
  };
}

/** One finding per message that breaks a limit, e.g. `content[nl] phase_guide.what: sentence of 27 words; at most 25`. */
export function lintReadability(texts: Readonly<Record<string, Readonly<Record<string, string>>>>, glossaryWords: readonly string[], lng: string = sourceLocale): string[] {
  const glossary = new Set(glossaryWords.map((w) => w.toLowerCase()));
  const findings: string[] = [];
  const L = readabilityLimits;
  for (const [ns, keys] of Object.entries(texts)) {
    for (const [key, text] of Object.entries(keys)) {
      const where = `content[${lng}] ${ns}.${key}`;
      const s = measure(text, glossary);
      if (s.sentences > L.maxSentences) findings.push(`${where}: ${s.sentences} sentences; at most ${L.maxSentences} per message`);
      if (s.averageWords > L.maxAverageWords) findings.push(`${where}: average sentence length ${s.averageWords.toFixed(1)} words; at most ${L.maxAverageWords}`);
      if (s.longestSentence > L.maxSentenceWords) findings.push(`${where}: sentence of ${s.longestSentence} words; at most ${L.maxSentenceWords}`);
      if (s.longWordShare > L.maxLongWordShare) findings.push(`${where}: ${Math.round(s.longWordShare * 100)}% long words (${s.longWords.join(', ')}); at most ${L.maxLongWordShare * 100}% (add explained domain words to content/${lng}/glossary.yaml)`);
      if (s.questions > L.maxQuestions) findings.push(`${where}: ${s.questions} questions; one question per message`);
    }
  }
  return findings;
}

/** The per-dialog average: all sentences of one content file (namespace) together. */
export function lintDialogAverages(texts: Readonly<Record<string, Readonly<Record<string, string>>>>, lng: string = sourceLocale): string[] {
  const findings: string[] = [];
  for (const [ns, keys] of Object.entries(texts)) {
    let sentences = 0;
    let words = 0;
    for (const text of Object.values(keys)) {
      const lengths = sentenceLengths(text);
      sentences += lengths.length;
      words += lengths.reduce((a, b) => a + b, 0);
    }
    const average = sentences === 0 ? 0 : words / sentences;
    if (average > readabilityLimits.maxDialogAverageWords) {
      findings.push(`content[${lng}] ${ns}: average sentence length over the dialog ${average.toFixed(1)} words; at most ${readabilityLimits.maxDialogAverageWords}`);
    }
  }
  return findings;
}
