/** The GSM 03.38 basic character set (one septet each). */
const BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: each costs two septets (escape + character). */
const EXTENSION = new Set('^{}\\[~]|€\f');

/** Characters our texts and Intl formatting produce that GSM-7 lacks, with the plain character a phone shows. */
const PLAIN: Readonly<Record<string, string>> = {
  '\u00a0': ' ', // no-break space (Intl: "€ 212")
  '\u202f': ' ', // narrow no-break space
  '\u2009': ' ', // thin space
  '\u2007': ' ', // figure space
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '-',
  '\u00b7': '-',
  '\u00ad': '',
  '\u200b': '',
  '\t': ' ',
};

function isGsmChar(c: string): boolean {
  return BASIC.has(c) || EXTENSION.has(c);
}

/**
 * Text made GSM-7 where a plain character exists: spaces, quotes, dashes and the ellipsis by a table, and accented
 * letters GSM-7 lacks (ë, ï, ô) by their letter without the accent. One character outside GSM-7 would make the
 * whole SMS UCS-2: 70 characters a part instead of 160, so two to three times the cost.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const c of text) {
    if (isGsmChar(c)) out += c;
    else if (c in PLAIN) out += PLAIN[c];
    else {
      const stripped = c.normalize('NFD').replace(/\p{M}/gu, '');
      out += [...stripped].every(isGsmChar) ? stripped : c;
    }
  }
  return out;
}

export function isGsm7(text: string): boolean {
  return [...text].every(isGsmChar);
}

/** How many SMS parts a text costs: GSM-7 160 (153 per part when split), otherwise UCS-2 70 (67). */
export function smsSegments(text: string): { readonly encoding: 'GSM-7' | 'UCS-2'; readonly segments: number } {
  if (isGsm7(text)) {
    const septets = [...text].reduce((n, c) => n + (EXTENSION.has(c) ? 2 : 1), 0);
    return { encoding: 'GSM-7', segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  }
  const units = text.length;
  return { encoding: 'UCS-2', segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
