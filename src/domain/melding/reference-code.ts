/**
 * Reference codes like `HH-7K3M9P`: read out over the phone, typed on a phone keyboard, written on a
 * note. The alphabet leaves out look-alikes (0/O/Q, 1/I/L, 2/Z, 5/S, B next to 8, G next to 6), so
 * whatever one of the 24 characters someone reads is the one they type. 24^6 is about 191 million codes.
 */
export const referenceCodeAlphabet = '346789ACDEFHJKMNPRTUVWXY';
export const referenceCodeLength = 6;
const prefix = 'HH-';

/** The canonical form only: `HH-` and six alphabet characters, upper case. */
export const referenceCodePattern = new RegExp(`^HH-[${referenceCodeAlphabet}]{${referenceCodeLength}}$`);

/**
 * A fresh code. `random` returns a number in [0, 1) like Math.random; pass a cryptographic source in
 * production (e.g. `() => crypto.randomInt(2 ** 32) / 2 ** 32`) so codes cannot be predicted.
 */
export function newReferenceCode(random: () => number): string {
  let code = prefix;
  for (let i = 0; i < referenceCodeLength; i++) {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${r}.`);
    code += referenceCodeAlphabet[Math.floor(r * referenceCodeAlphabet.length)];
  }
  return code;
}

// "HH-7K3M9P", "hh 7k3m9p", "HH7K3M9P", "hh - 7k3 m9p": spaces and dashes anywhere, any case.
const looseCode = new RegExp(`^hh[\\s-]*((?:[${referenceCodeAlphabet}][\\s-]*){${referenceCodeLength}})$`, 'i');

/** `HH-XXXXXX` for text that is exactly one code (see `looseCode`), else null. */
export function normalizeReferenceCode(text: string): string | null {
  const match = looseCode.exec(text.trim());
  if (!match?.[1]) return null;
  return prefix + match[1].replace(/[\s-]/g, '').toUpperCase();
}

export function isReferenceCode(text: string): boolean {
  return normalizeReferenceCode(text) !== null;
}

// Inside a sentence ("status HH-7K3M9P graag"): word-bounded, dashes and single spaces inside.
const codeInText = new RegExp(
  `(?<![\\p{L}\\p{N}])hh[ -]*((?:[${referenceCodeAlphabet}][ -]?){${referenceCodeLength - 1}}[${referenceCodeAlphabet}])(?![\\p{L}\\p{N}])`,
  'iu',
);

/** The first reference code in a message such as "status hh-7k3m9p", normalized, or null. */
export function findReferenceCode(text: string): string | null {
  const match = codeInText.exec(text);
  return match?.[1] ? normalizeReferenceCode(`HH${match[1]}`) : null;
}
