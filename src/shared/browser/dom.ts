/**
 * DOM helpers shared by the two browser bundles (the person's widget and the volunteer console). Text is only ever
 * added as a text node (`text()`), never parsed as HTML.
 */

/** Creates an element with a class and attributes. */
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
