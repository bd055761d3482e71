import { describe, expect, it } from 'vitest';
import { hasCrisisWords, intentFromText } from '../../src/engine/detect-intent.js';
import { foldNumerals, foldText } from '../../src/engine/fold-text.js';
import { lexiconSchema, normalize, type Lexicon } from '../../src/engine/lexicon.js';
import { parseAmount, parseNumber, parseYesNo } from '../../src/engine/parse-amount.js';
import { parseDate } from '../../src/engine/parse-date.js';
import { testIntents, testLexicon } from '../helpers/test-lexicon.js';

const lex = testLexicon();
const now = new Date('2026-11-20T10:00:00Z');

/** The test lexicon plus a few Arabic and Turkish words, written the way a dictionary writes them. */
function withWords(): Lexicon {
  return lexiconSchema.parse({
    intents: { ...testIntents, stop: [...testIntents.stop, 'تَوَقَّفْ', 'dur'], crisis: [...testIntents.crisis, 'أريد أن أموت', 'intihar'], mens: [...testIntents.mens, 'İnsan'] },
    parse: { ...lex.parse, yes: [...lex.parse.yes, 'نعم', 'evet'], no: [...lex.parse.no, 'لا', 'hayır'], months: lex.parse.months.map((m, i) => (i === 1 ? [...m, 'Şubat'] : m)) },
  });
}

describe('digits and separators of other scripts (Arabic-Indic, Eastern Arabic / Persian)', () => {
  it.each([
    ['٧٠٠', 700],
    ['۷۰۰', 700],
    ['١٬٢٥٠٫٥٠', 1250.5],
    ['€ ١٢٥٠٫٥', 1250.5],
    ['٦٥٠ euro', 650],
    ['۱۲۵۰,۵۰', 1250.5],
    ['\u200f٧٠٠\u200f', 700],
  ])('%j is the amount %d', (typed, amount) => {
    expect(parseAmount(typed, lex)).toBe(amount);
  });

  it.each([
    ['٣٠/١١/٢٠٢٦', '2026-11-30'],
    ['۳۰-۱۱-۲۰۲۶', '2026-11-30'],
    ['٢٠٢٦-١٢-٠١', '2026-12-01'],
    ['٣٠ november', '2026-11-30'],
  ])('%j is the date %s', (typed, day) => {
    expect(parseDate(typed, now, lex)).toBe(day);
  });

  it('whole numbers too', () => {
    expect(parseNumber('٣', lex)).toBe(3);
    expect(parseNumber('۱۲', lex)).toBe(12);
  });

  it('leaves other text alone', () => {
    expect(foldNumerals('HH-7K3M9P')).toBe('HH-7K3M9P');
    expect(parseAmount('٧٠٠ أ', lex)).toBeNull();
  });
});

describe('Arabic normalisation for matching', () => {
  it('removes harakat and tatweel and makes the alef forms one', () => {
    expect(foldText('تَوَقَّفْ')).toBe(foldText('توقف'));
    expect(foldText('تـــوقف')).toBe(foldText('توقف'));
    expect(['أريد', 'إريد', 'آريد', 'ٱريد', 'اريد'].map((w) => foldText(w))).toEqual(Array(5).fill(foldText('اريد')));
  });

  it('finds intents and crisis words written with or without harakat, tatweel or hamza', () => {
    const words = withWords();
    expect(intentFromText('توقف', words)).toEqual({ name: 'stop' });
    expect(intentFromText('تــوقــف', words)).toEqual({ name: 'stop' });
    expect(hasCrisisWords('اريد ان اموت', words)).toBe(true);
    expect(hasCrisisWords('أُرِيدُ أَنْ أَمُوتَ!', words)).toBe(true);
    expect(parseYesNo('نَعَم', words)).toBe(true);
  });
});

describe('Turkish casefolding (I/ı, İ/i)', () => {
  it('matches Turkish words in any case, in any conversation', () => {
    const words = withWords();
    expect(parseYesNo('HAYIR', words)).toBe(false);
    expect(parseYesNo('hayir', words)).toBe(false);
    expect(parseYesNo('EVET', words)).toBe(true);
    expect(intentFromText('İNSAN', words)).toEqual({ name: 'mens' });
    expect(intentFromText('insan', words)).toEqual({ name: 'mens' });
    expect(hasCrisisWords('İNTİHAR', words)).toBe(true);
    expect(parseDate('3 ŞUBAT 2027', now, words)).toBe('2027-02-03');
  });

  it('with the Turkish casefolding locale, and never turns a Dutch "IK" into "ık"', () => {
    expect(normalize('HAYIR', 'tr')).toBe(normalize('hayır'));
    expect(normalize('İPTAL', 'tr')).toBe('iptal');
    expect(normalize('IK WIL STOPPEN', 'tr')).toBe('ik wil stoppen');
    expect(intentFromText('STOPPEN', withWords())).toEqual({ name: 'stop' });
  });
});

describe('Unicode-aware words', () => {
  it('a language name must be a whole word in any script (ASCII \\b took "englishи" for "english")', () => {
    const words = lexiconSchema.parse({ intents: { ...testIntents, taal: [...testIntents.taal, 'мова englishи', 'мова english'] }, parse: lex.parse });
    expect(intentFromText('мова englishи', words)).toEqual({ name: 'taal', locale: null });
    expect(intentFromText('мова english', words)).toEqual({ name: 'taal', locale: 'en' });
  });

  it('crisis words match as whole words in Cyrillic, with punctuation around them', () => {
    const words = lexiconSchema.parse({ intents: { ...testIntents, crisis: [...testIntents.crisis, 'хочу вмерти'] }, parse: lex.parse });
    expect(hasCrisisWords('Я хочу вмерти!', words)).toBe(true);
    expect(hasCrisisWords('Я хочу вмертии', words)).toBe(false);
  });

  it("an apostrophe inside a word is part of it, in any of its forms (' ’ ʼ) or left out", () => {
    const forms = ["п'ять", 'п’ять', 'пʼять', 'пять', 'П’ЯТЬ'].map((w) => normalize(w));
    expect(forms).toEqual(Array(5).fill('пять'));
    const words = lexiconSchema.parse({ intents: { ...testIntents, crisis: [...testIntents.crisis, "я вб'ю себе"] }, parse: lex.parse });
    expect(hasCrisisWords('я вбʼю себе', words)).toBe(true);
    expect(hasCrisisWords('я вб’ю себе', words)).toBe(true);
    expect(hasCrisisWords('я вб ю себе', words)).toBe(false);
    // Outside a word it stays punctuation: "'s ochtends" keeps its two words.
    expect(normalize("'s ochtends")).toBe('s ochtends');
  });
});

describe('Polish typed with or without diacritics', () => {
  /** The test lexicon plus a few Polish words, written with diacritics as the locale files write them. */
  const polish = lexiconSchema.parse({
    intents: { ...testIntents, mens: [...testIntents.mens, 'człowiek'], crisis: [...testIntents.crisis, 'chcę się zabić', 'mąż mnie bije'] },
    parse: { ...lex.parse, yes: [...lex.parse.yes, 'tak'], months: lex.parse.months.map((m, i) => (i === 0 ? [...m, 'styczeń', 'stycznia'] : i === 10 ? [...m, 'listopad', 'listopada'] : m)) },
  });

  it('ł, which has no decomposition, meets l; the other letters lose their marks', () => {
    expect(foldText('CZŁOWIEK')).toBe('czlowiek');
    expect(foldText('źdźbło żółć ąę ćń ś')).toBe('zdzblo zolc ae cn s');
  });

  it('finds intents and crisis words however they are typed', () => {
    expect(intentFromText('czlowiek', polish)).toEqual({ name: 'mens' });
    expect(intentFromText('Człowiek!', polish)).toEqual({ name: 'mens' });
    expect(hasCrisisWords('chce sie zabic', polish)).toBe(true);
    expect(hasCrisisWords('Naprawdę CHCĘ SIĘ ZABIĆ.', polish)).toBe(true);
    expect(hasCrisisWords('maz mnie bije', polish)).toBe(true);
    expect(hasCrisisWords('chcę się zabawić', polish)).toBe(false);
  });

  it('reads a date with the month in the genitive, as Polish writes it', () => {
    expect(parseDate('12 stycznia', now, polish)).toBe('2027-01-12');
    expect(parseDate('12 STYCZNIA 2027', now, polish)).toBe('2027-01-12');
    expect(parseDate('30 listopada', now, polish)).toBe('2026-11-30');
    expect(parseDate('styczeń 12', now, polish)).toBe('2027-01-12');
  });

  it('reads amounts with a space (also a no-break space) between thousands and a decimal comma', () => {
    expect(parseAmount('650,50', polish)).toBe(650.5);
    expect(parseAmount('28 000', polish)).toBe(28000);
    expect(parseAmount('28\u00a0000', polish)).toBe(28000);
    expect(parseAmount('28\u202f000,00 euro', polish)).toBe(28000);
    expect(parseYesNo('Tak', polish)).toBe(true);
  });
});

describe('the merged lexicon of every language', () => {
  it('holds hundreds of crisis words (six languages together pass 200)', () => {
    const many = Array.from({ length: 600 }, (_, i) => `crisis word ${i}`);
    expect(lexiconSchema.safeParse({ intents: { ...testIntents, crisis: many }, parse: lex.parse }).success).toBe(true);
  });
});
