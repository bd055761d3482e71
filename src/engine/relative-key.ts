/**
 * A relative reads the same facts about the person: where the content has `relative.<key>`, the renderer shows it
 * instead of `<key>` when the conversation is a relative's (issue #10 §4), and the dialog lint holds it to the
 * same rules.
 */
export function relativeKey(key: string): string {
  return `relative.${key}`;
}
