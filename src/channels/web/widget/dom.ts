/** Creates an element with a class and attributes. Text is only ever added with `text()` (a text node). */
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

/** One <p> per non-empty line, so newlines in bot text become paragraphs without any HTML parsing. */
export function paragraphs(parent: HTMLElement, value: string): void {
  for (const line of value.split(/\r?\n/)) {
    if (line.trim() !== '') parent.appendChild(text(el('p', 'hh-p'), line));
  }
}
