import type { AnswerValue, AskNode, Choice } from './dialog-schema.js';
import type { MessageEffect } from './effects.js';
import { evaluateCondition } from './evaluate-condition.js';
import type { Position, SessionState } from './session-state.js';
import { splitLabel } from './split-label.js';

type Facts = Readonly<Record<string, AnswerValue>>;

/** The message for a question: its text (answers and host facts readable) and one quick reply per shown choice. */
export function askMessage(ask: AskNode, at: Position, state: SessionState, facts: Facts = {}): MessageEffect {
  const view = { ...state.answers, ...facts };
  const quickReplies = visibleChoices(ask, view).map((c: Choice) => ({ payload: `choice:${c.value}`, label: qualified(c.label, at.dialog) }));
  const [ns, key] = contentRef(at.dialog, ask.text);
  return { type: 'message', ns, key, vars: view, quickReplies, ...(ask.input ? { input: ask.input } : {}) };
}

/** The choices whose `show_if` holds (all of them when none has one). */
export function visibleChoices(ask: AskNode, view: Readonly<Record<string, AnswerValue>>): Choice[] {
  return (ask.choices ?? []).filter((c) => c.show_if === undefined || evaluateCondition(c.show_if, view));
}

function qualified(label: string, dialogId: string): string {
  const { ns, key } = splitLabel(label, dialogId);
  return `${ns}:${key}`;
}

/** `common.x` points into the shared content file; anything else into the dialog's own. */
export function contentRef(dialogId: string, key: string): [string, string] {
  return key.startsWith('common.') ? ['common', key.slice('common.'.length)] : [dialogId, key];
}
