import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { lintDialogAverages, lintReadability, measure } from '../../src/content/lint-readability.js';

async function brokenTexts(): Promise<Record<string, string>> {
  const raw: unknown = parseYaml(await readFile(new URL('../fixtures/content/b1-broken.yaml', import.meta.url), 'utf8'));
  return z.record(z.string(), z.string()).parse(raw);
}

/** The exact finding per fixture key (each key is named after the rule it breaks). */
const expected: Record<string, string> = {
  too_many_sentences: 'content[nl] fixture.too_many_sentences: 5 sentences; at most 4 per message',
  average_too_long: 'content[nl] fixture.average_too_long: average sentence length 17.0 words; at most 15',
  one_long_sentence: 'content[nl] fixture.one_long_sentence: sentence of 37 words; at most 20',
  too_many_long_words:
    'content[nl] fixture.too_many_long_words: 33% long words (betalingsregeling, schuldhulpverlening); at most 10% (add explained domain words to content/nl/glossary.yaml)',
  two_questions: 'content[nl] fixture.two_questions: 2 questions; one question per message',
};

describe('lintReadability', () => {
  it('the fixture has exactly the keys of the expectations', async () => {
    expect(Object.keys(await brokenTexts()).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s breaks only its own rule', async (key, line) => {
    const text = (await brokenTexts())[key] ?? '';
    expect(lintReadability({ fixture: { [key]: text } }, [])).toEqual([line]);
  });

  it('long words in the glossary are allowed (in any case)', async () => {
    const text = (await brokenTexts())['too_many_long_words'] ?? '';
    expect(lintReadability({ fixture: { text } }, ['Betalingsregeling', 'schuldhulpverlening'])).toEqual([]);
    expect(lintReadability({ fixture: { text } }, ['betalingsregeling'])).toEqual([
      'content[nl] fixture.text: 17% long words (schuldhulpverlening); at most 10% (add explained domain words to content/nl/glossary.yaml)',
    ]);
  });

  it('a clean B1 message passes', () => {
    const clean = 'Veel mensen krijgen zo een brief. Dat is schrikken, maar er is nog veel mogelijk. Wil je weten wat je vandaag kunt doen?';
    expect(lintReadability({ start: { clean } }, [])).toEqual([]);
  });

  it('names the language it lints', () => {
    expect(lintReadability({ ns: { two: 'Ja? Nee?' } }, [], 'en')).toEqual(['content[en] ns.two: 2 questions; one question per message']);
  });
});

describe('lintDialogAverages', () => {
  it('fails a dialog whose sentences are over 12 words on average, over all its messages', () => {
    // 14 words, then 10 words: 12.0 on average passes; a third sentence of 17 words makes it 13.7.
    const a = 'Je verhuurder stuurt je eerst een brief met het bedrag dat nog open staat.';
    const b = 'Daarna kun je samen met iemand van de gemeente kijken.';
    expect(lintDialogAverages({ ok: { a, b } })).toEqual([]);
    const c = 'Je kunt ook de schuldhulp van je gemeente bellen, die helpt gratis en kijkt met je mee.';
    expect(lintDialogAverages({ long: { a, b, c } })).toEqual(['content[nl] long: average sentence length over the dialog 13.7 words; at most 12']);
  });

  it('measures both alternatives of an if/else', () => {
    expect(measure('{{#if x}}Een twee drie.{{else}}Een twee drie vier vijf.{{/if}} Zes?', new Set())).toMatchObject({ sentences: 2, longestSentence: 5, questions: 1 });
  });
});

describe('measure', () => {
  it('counts a Handlebars tag as one word and a line break as the end of a sentence', () => {
    const s = measure('Je huur is {{euro rent}} per maand\nBel 0800-8115 nu\nOf bel 113', new Set());
    expect(s).toEqual({ sentences: 3, averageWords: 4, longestSentence: 6, longWords: [], longWordShare: 0, questions: 0 });
  });

  it('does not count numbers and phone numbers as long words', () => {
    expect(measure('Bel 0800-0113 of 0900-1234567890.', new Set()).longWords).toEqual([]);
  });

  it('an empty text has no sentences', () => {
    expect(measure('', new Set())).toEqual({ sentences: 0, averageWords: 0, longestSentence: 0, longWords: [], longWordShare: 0, questions: 0 });
  });
});
