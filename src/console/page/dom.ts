import { el, text } from '../../shared/browser/dom.js';

export { el, text };

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function button(label: string, className = 'c-btn', attributes: Readonly<Record<string, string>> = {}): HTMLButtonElement {
  return text(el('button', className, { type: 'button', ...attributes }), label);
}

/** A labelled field: returns the wrapper and the control (ids must be unique on the page). */
export function labelled<T extends HTMLElement>(id: string, label: string, control: T, className = 'c-field'): { wrap: HTMLDivElement; control: T } {
  const wrap = el('div', className);
  control.id = id;
  wrap.append(text(el('label', '', { for: id }), label), control);
  return { wrap, control };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
