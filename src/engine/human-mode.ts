import { MENU_NODE, START_DIALOG } from './dialog-set.js';
import type { Effect, MessageEffect, QuickReply } from './effects.js';
import { intentFromPayload, intentFromText } from './detect-intent.js';
import { parseYesNo } from './parse-amount.js';
import { runFrom } from './run-nodes.js';
import type { SessionState } from './session-state.js';
import type { HumanEvent, Input, StepContext, StepResult } from './step-types.js';

function common(key: string, quickReplies: readonly QuickReply[] = []): MessageEffect {
  return { type: 'message', ns: 'common', key, vars: {}, quickReplies };
}

export const STOP_WAITING: QuickReply = { payload: 'intent:stop_waiting', label: 'common:stop_waiting' };

/** Intents the normal step handles even while a volunteer is involved (data rights and language never wait). */
const passThrough = new Set(['verwijder', 'taal', 'status']);

/**
 * Turns while a volunteer holds the chat or the person waits for one (DESIGN.md §5): the bot stays silent except for
 * crisis words, and what the person types goes to the volunteer. Returns null when the normal step should handle it.
 */
export function humanStep(current: SessionState, input: Input, ctx: StepContext): StepResult | null {
  if (input.kind === 'event') return humanEvent(current, input.name, ctx);
  const mode = ctx.human ?? 'none';
  if (mode === 'none') return null;
  const intent = input.kind === 'payload' ? intentFromPayload(input.payload) : intentFromText(input.text, ctx.lexicon);
  const stopWaiting = input.kind === 'payload' && input.payload === 'intent:stop_waiting';
  if (intent !== null && passThrough.has(intent.name)) return null;
  // "verwijder" passed through and asked to confirm: its yes/no belongs to the bot as well. Anything else drops that
  // question, so a later "ja" meant for the volunteer never deletes the conversation.
  const deleteAsked = current.pending?.kind === 'confirm_delete';
  if (deleteAsked && intent?.name !== 'crisis' && answersYesNo(input, ctx)) return null;
  const state: SessionState = deleteAsked ? { ...current, pending: null } : current;
  if (intent?.name === 'crisis') {
    const answers = { ...state.answers, risk_crisis: true };
    const text = input.kind === 'text' ? input.text : '';
    const effects: Effect[] = [common('crisis'), { type: 'crisis_alert' }, { type: 'relay', text }];
    // A waiting ticket moves to the front: the same conversation's ticket is raised, never duplicated.
    if (mode === 'waiting') effects.push({ type: 'handoff', reason: 'crisis', priority: 'crisis', summary: answers });
    return { state: { ...state, answers }, effects };
  }
  if (mode === 'claimed') {
    // Buttons of an earlier bot question mean nothing to the volunteer: ignore them quietly.
    return { state, effects: input.kind === 'text' ? [{ type: 'relay', text: input.text }] : [] };
  }
  if (stopWaiting || intent?.name === 'stop' || intent?.name === 'pauze' || intent?.name === 'opnieuw') {
    // Back to where the conversation was (its current question), or the menu.
    const effects: Effect[] = [{ type: 'cancel_handoff' }, common('waiting_stopped')];
    return runFrom({ ...state, status: 'active' }, state.at ?? { dialog: START_DIALOG, node: MENU_NODE }, ctx, effects);
  }
  if (input.kind === 'payload' && intent === null) return { state, effects: [common('waiting_ack', [STOP_WAITING])] };
  const effects: Effect[] = input.kind === 'text' ? [{ type: 'relay', text: input.text }] : [];
  return { state, effects: [...effects, common('waiting_ack', [STOP_WAITING])] };
}

function answersYesNo(input: Exclude<Input, { kind: 'event' }>, ctx: StepContext): boolean {
  if (input.kind === 'payload') return input.payload === 'choice:yes' || input.payload === 'choice:no';
  return parseYesNo(input.text, ctx.lexicon) !== null;
}

function humanEvent(state: SessionState, event: HumanEvent, ctx: StepContext): StepResult {
  switch (event) {
    case 'human_joined':
      return { state, effects: [common('human_joined')] };
    case 'human_requeued':
      return { state, effects: [common('human_requeued', [STOP_WAITING])] };
    case 'human_left':
      // The volunteer closed: the bot takes over again with a goodbye and the menu.
      return runFrom({ ...state, status: 'active', pending: null }, { dialog: START_DIALOG, node: MENU_NODE }, ctx, [common('human_left')]);
  }
}
