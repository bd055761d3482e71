import type { ConsoleStrings } from './console-strings.js';
import type { Urgency } from './console-data.js';
import { el, text } from './dom.js';
import { urgencyKey } from './format.js';

// A shape per urgency besides the colour and the word, so it never rests on colour alone.
const marks: Readonly<Record<Urgency, string>> = { crisis: '▲', urgent: '●', soon: '◆', normal: '○' };

export function urgencyBadge(strings: ConsoleStrings, urgency: Urgency): HTMLSpanElement {
  const badge = el('span', `c-badge c-u-${urgency}`, { 'data-urgency': urgency });
  badge.append(text(el('span', 'c-mark', { 'aria-hidden': 'true' }), marks[urgency]), document.createTextNode(strings.ui[urgencyKey[urgency]]));
  return badge;
}
