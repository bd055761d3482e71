import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { hasCrisisWords, intentFromText } from '../../src/engine/detect-intent.js';
import { foldText } from '../../src/engine/fold-text.js';
import { parseAmount, parseNumber, parseYesNo } from '../../src/engine/parse-amount.js';
import { parseDate } from '../../src/engine/parse-date.js';
import { rootDir } from '../../src/server.js';

// The lexicon as the app loads it: the shipped words of every language merged, Arabic among them.
const lex = (await loadContent(rootDir)).lexicon;
/** Sunday 22 November 2026, 10:00 in Amsterdam. */
const sunday = new Date('2026-11-22T10:00:00+01:00');

describe('amounts typed in Arabic', () => {
  it.each([
    ['٦٥٠', 650],
    ['٦٥٠ يورو', 650],
    ['٦٥٠ اليورو', 650],
    ['€ ٦٥٠٫٥٠', 650.5],
    ['٦٥٠,٥٠', 650.5],
    ['٦٥٠،٥٠', 650.5],
    ['٦٥٠،٥٠ يورو', 650.5],
    ['٢٤٬٠٠٠', 24000],
    ['٢٤.٠٠٠', 24000],
    ['۲۴۰۰۰', 24000],
  ])('%j is %d euro', (typed, amount) => {
    expect(parseAmount(typed, lex)).toBe(amount);
  });

  it.each([
    ['٣', 3],
    ['ثلاثة', 3],
    ['ثلاثه', 3],
    ['اثنين', 2],
    ['لا أحد', 0],
    ['عشرون', 20],
  ])('%j is the number %d', (typed, n) => {
    expect(parseNumber(typed, lex)).toBe(n);
  });
});

describe('dates typed in Arabic', () => {
  it.each([
    ['٣٠ نوفمبر', '2026-11-30'],
    ['30 نوفمبر', '2026-11-30'],
    ['٣٠ تشرين الثاني', '2026-11-30'],
    ['١٢ ديسمبر ٢٠٢٦', '2026-12-12'],
    ['١٢ كانون الثاني', '2027-01-12'],
    ['الخميس ٣ ديسمبر', '2026-12-03'],
    ['يوم ٣٠ نوفمبر', '2026-11-30'],
    ['٣٠/١١', '2026-11-30'],
    ['غدًا', '2026-11-23'],
    ['بكرة', '2026-11-23'],
    ['بعد غد', '2026-11-24'],
    ['بعد ٥ أيام', '2026-11-27'],
    ['بعد أسبوع', '2026-11-29'],
    ['الأسبوع القادم', '2026-11-29'],
    ['يوم الاثنين', '2026-11-23'],
    ['الإثنين القادم', '2026-11-23'],
    ['الجمعة', '2026-11-27'],
  ])('%j is %s', (typed, day) => {
    expect(parseDate(typed, sunday, lex)).toBe(day);
  });

  it.each(['نوفمبر', 'بعد', 'القادم', '٣٠ شيء'])('%j is no date', (typed) => {
    expect(parseDate(typed, sunday, lex)).toBeNull();
  });

  it('still reads the Dutch order and words', () => {
    expect(parseDate('volgende week', sunday, lex)).toBe('2026-11-29');
    expect(parseDate('maandag 30 november', sunday, lex)).toBe('2026-11-30');
  });
});

describe('Arabic yes, no and global intents, with and without harakat', () => {
  it.each([
    ['نعم', true],
    ['نَعَمْ', true],
    ['أيوه', true],
    ['لا', false],
    ['كلا', false],
  ])('%j is %s', (typed, value) => {
    expect(parseYesNo(typed, lex)).toBe(value);
  });

  it('folds ta marbuta, harakat, tatweel and alef forms alike', () => {
    expect(foldText('خائفة')).toBe(foldText('خائفه'));
    expect(foldText('أُرِيـــدُ')).toBe(foldText('اريد'));
  });

  it.each([
    'أريد أن أموت',
    'أُرِيدُ أَنْ أَمُوتَ',
    'اريد ان اموت',
    'بدي انتحر',
    'أفكر في الانتحار كل يوم',
    'لا أريد أن أعيش بعد الآن',
    'سأقتل نفسي',
    'أجرح نفسي',
    'زوجي يضربني',
    'انا خايفه منه',
    'هناك عنف أسري في البيت',
    'يهددني كل يوم',
  ])('%j reaches the crisis answer', (typed) => {
    expect(hasCrisisWords(typed, lex)).toBe(true);
    expect(intentFromText(typed, lex)).toEqual({ name: 'crisis' });
  });

  // Money trouble and eviction threats are not crisis words: they have their own answers.
  it.each(['الإيجار متأخر', 'لا أعرف', 'أريد أن أدفع', 'البلدية اتصلت بي', 'ما عدت اقدر ادفع الايجار', 'أنا مهدد بالإخلاء', 'انا مهددة بالطرد'])('%j is no crisis', (typed) => {
    expect(hasCrisisWords(typed, lex)).toBe(false);
  });

  it.each([
    ['احذف بياناتي', { name: 'verwijder' }],
    ['أريد التحدث مع إنسان', { name: 'mens' }],
    ['توقف', { name: 'stop' }],
    ['لاحقًا', { name: 'pauze' }],
    ['رجوع', { name: 'terug' }],
    ['ابدأ من جديد', { name: 'opnieuw' }],
    ['العربية', { name: 'taal', locale: 'ar' }],
    ['بالعربي', { name: 'taal', locale: 'ar' }],
    ['arabic', { name: 'taal', locale: 'ar' }],
    ['بالهولندية', { name: 'taal', locale: 'nl' }],
    ['الإنجليزية', { name: 'taal', locale: 'en' }],
    ['بالتركي', { name: 'taal', locale: 'tr' }],
    ['لغة', { name: 'taal', locale: null }],
    ['حالة HH-7K3M9P', { name: 'status', code: 'HH-7K3M9P' }],
  ])('%j is %o', (typed, intent) => {
    expect(intentFromText(typed, lex)).toEqual(intent);
  });
});
