import { el, text } from '../../../shared/browser/dom.js';

export { el, text };

/** One <p> per non-empty line, so newlines in bot text become paragraphs without any HTML parsing. */
export function paragraphs(parent: HTMLElement, value: string): void {
  for (const line of value.split(/\r?\n/)) {
    if (line.trim() !== '') parent.appendChild(text(el('p', 'hh-p'), line));
  }
}
