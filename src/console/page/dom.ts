/** Creates an element with a class and attributes. Text is only ever added as a text node (`text()`). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  attributes: Readonly<Record<string, string>> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function text<T extends Node>(parent: T, value: string): T {
  parent.appendChild(document.createTextNode(value));
  return parent;
}

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
