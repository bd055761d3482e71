import { digitSets } from '../shared/locale-registry.js';

// Every non-ASCII digit of every registered script, to its ASCII digit: people type what their keyboard gives,
// whatever language the conversation is in (an Arabic keyboard in a Dutch chat still types ٧٠٠).
const digitMap: ReadonlyMap<string, string> = new Map(
  Object.values(digitSets).flatMap((set) => [...set].map((ch, i): [string, string] => [ch, String(i)])).filter(([ch, d]) => ch !== d),
);
const foreignDigits = new RegExp(`[${[...digitMap.keys()].join('')}]`, 'g');

/** Bidi marks and isolates that pasted right-to-left text carries; invisible, and in the way of every parser. */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Digits of any registered script to ASCII, the Arabic decimal separator (٫) to a comma and the Arabic thousands
 * separator (٬) to a dot, so the amount and date parsers (Dutch habits: "1.250,50") read "١٬٢٥٠٫٥٠" as 1250.50.
 * The Arabic comma (،) between two digits is a decimal comma too: many Arabic keyboards have no ٫ ("٦٥٠،٥٠").
 * Bidi controls go; nothing else changes.
 */
export function foldNumerals(text: string): string {
  return text
    .replace(bidiControls, '')
    .replace(foreignDigits, (ch) => digitMap.get(ch) ?? ch)
    .replace(/\u066b/g, ',')
    .replace(/\u066c/g, '.')
    .replace(/(?<=[0-9])\u060c(?=[0-9])/g, ',');
}

/**
 * An apostrophe between two letters ("п'ять", "п’ять", "пʼять", "don't"): Ukrainian writes it inside words, and
 * people type any of these forms or none ("пять"), so it goes; elsewhere it stays punctuation ("'s ochtends").
 */
const apostropheInWord = /(?<=\p{L})['\u2018\u2019\u02bc`\u00b4](?=\p{L})/gu;

/**
 * The comparison key of typed text, for every script: case folded (with the language's casefolding locale when
 * known), accents and Arabic harakat removed, Arabic tatweel removed and alef forms (أ إ آ ٱ) made one, alef
 * maqsura (ى) read as ya, ta marbuta (ة) read as ha (informal Arabic writes "خايفه" for "خايفة"), Turkish dotless ı read as i, so I/ı/İ/i all meet (the lexicon is shared by every
 * language, so a Turkish "HAYIR" must match in any conversation and a Dutch "IK" must never become "ık"), and
 * Polish ł read as l: it has no decomposition, and many people type Polish without diacritics ("czlowiek"); an
 * apostrophe inside a word goes (see apostropheInWord).
 */
export function foldText(text: string, casefold?: string): string {
  return foldNumerals(text)
    .toLocaleLowerCase(casefold)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\u0640/g, '')
    .replace(/[\u0671-\u0673\u0675]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0131/g, 'i')
    .replace(/\u0142/g, 'l')
    .replace(apostropheInWord, '')
    .toLowerCase();
}
