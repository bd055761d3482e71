import type { AskNode, Choice } from './dialog-schema.js';
import type { MessageEffect } from './effects.js';
import type { Position, SessionState } from './session-state.js';
import { splitLabel } from './split-label.js';

/** The message for a question: its text and one quick reply per choice. */
export function askMessage(ask: AskNode, at: Position, state: SessionState): MessageEffect {
  const quickReplies = (ask.choices ?? []).map((c: Choice) => ({ payload: `choice:${c.value}`, label: qualified(c.label, at.dialog) }));
  const [ns, key] = contentRef(at.dialog, ask.text);
  return { type: 'message', ns, key, vars: { ...state.answers }, quickReplies, ...(ask.input ? { input: ask.input } : {}) };
}

function qualified(label: string, dialogId: string): string {
  const { ns, key } = splitLabel(label, dialogId);
  return `${ns}:${key}`;
}

/** `common.x` points into the shared content file; anything else into the dialog's own. */
export function contentRef(dialogId: string, key: string): [string, string] {
  return key.startsWith('common.') ? ['common', key.slice('common.'.length)] : [dialogId, key];
}
