import type { AskNode } from './dialog-schema.js';
import { askMessage, contentRef } from './ask-message.js';
import type { Input, StepContext, StepResult } from './step-types.js';

/** What a person sends (events come from the host). */
type UserInput = Exclude<Input, { kind: 'event' }>;
import { MENU_NODE, OFFLINE_DIALOG, START_DIALOG } from './dialog-set.js';
import type { Effect, MessageEffect, QuickReply } from './effects.js';
import { intentFromPayload, intentFromText, type Intent } from './detect-intent.js';
import { interpretAnswer } from './interpret-answer.js';
import { handoffPriority, summaryOf } from './handoff-priority.js';
import { humanStep, STOP_WAITING } from './human-mode.js';
import { numberedOptions, optionFromDigits } from './option-digits.js';
import { splitLabel } from './split-label.js';
import { runFrom } from './run-nodes.js';
import { newSessionState, type Locale, type SessionState } from './session-state.js';
import { locales, sourceLocale } from '../shared/locale-registry.js';
import { isoTime } from '../shared/iso-time.js';

export type { Input, StepContext, StepResult } from './step-types.js';

const MAX_HISTORY = 30;

function common(key: string, quickReplies: readonly QuickReply[] = [], vars: MessageEffect['vars'] = {}): MessageEffect {
  return { type: 'message', ns: 'common', key, vars, quickReplies };
}

const yesNo: readonly QuickReply[] = [
  { payload: 'choice:yes', label: 'common:yes' },
  { payload: 'choice:no', label: 'common:no' },
];

/**
 * The engine: one pure step from (state, input) to (state, effects). No I/O, no clock reads, no randomness.
 * Global intents are checked before the current node on every input (DESIGN.md §3).
 */
export function step(prev: SessionState | null, typed: Input, ctx: StepContext, locale: Locale = sourceLocale): StepResult {
  const input = digitAsOption(prev, typed, ctx);
  const result = stepOnce(prev, input, ctx, locale);
  if (result.refused !== undefined) return result;
  // Remember what can be picked by number next time (a handoff's waiting room offers "stop waiting").
  // (A wiped state starts with nothing shown.)
  const before = result.state.shown ?? [];
  const shown = result.effects.some((e) => e.type === 'handoff') ? [STOP_WAITING.payload] : numberedOptions(result.effects, before);
  if (shown === before) return result;
  const { shown: _old, ...rest } = result.state;
  return { ...result, state: shown.length > 0 ? { ...rest, shown: [...shown] } : rest };
}

/**
 * A typed digit of an option that was shown becomes that option's payload. Only where the payload means something
 * now: never to a volunteer who holds the chat, "stop waiting" only while waiting, anything else only outside a wait.
 */
function digitAsOption(state: SessionState | null, input: Input, ctx: StepContext): Input {
  if (input.kind !== 'text' || state === null) return input;
  const payload = optionFromDigits(input.text, state.shown);
  if (payload === null) return input;
  const mode = ctx.human ?? 'none';
  const fits =
    mode === 'waiting'
      ? payload === STOP_WAITING.payload
      : mode === 'none' && (intentFromPayload(payload) !== null || payloadFits(state, payload, ctx));
  return fits ? { kind: 'payload', payload } : input;
}

function stepOnce(prev: SessionState | null, input: Input, ctx: StepContext, locale: Locale): StepResult {
  const state: SessionState = prev ?? newSessionState(locale, ctx.now);
  const base: SessionState = { ...state, turn: state.turn + 1, updatedAt: isoTime(ctx.now) };
  const withHuman = humanStep(base, input, ctx);
  if (withHuman !== null) return withHuman;
  if (input.kind === 'event') return { state, effects: [] };
  const intent = input.kind === 'payload' ? intentFromPayload(input.payload) : intentFromText(input.text, ctx.lexicon);

  if (input.kind === 'payload' && intent === null && !payloadFits(state, input.payload, ctx)) {
    return { state, effects: [], refused: 'unknown_payload' };
  }
  if (intent?.name === 'crisis' && input.kind === 'text' && base.pending === null && base.status === 'active' && currentAsk(base, ctx)?.input === 'text') {
    // Crisis words inside a free-text answer (e.g. "anything else we should know"): keep the answer, flag the risk,
    // and answer with the help lines at once; the dialog goes on.
    const answered = answerCurrent({ ...base, answers: { ...base.answers, risk_crisis: true } }, input, ctx);
    return { ...answered, effects: [common('crisis'), ...answered.effects] };
  }
  if (intent !== null && intent.name !== 'start') return handleIntent(base, intent, ctx);
  if (intent?.name === 'start' && base.status === 'active' && base.pending === null) return reask(base, ctx, []);
  if (base.pending !== null) return handlePending(base, input, ctx);
  if (base.status !== 'active' || base.at === null) return resumeOrStart(base, ctx, []);
  return answerCurrent(base, input, ctx);
}

/** A message to a conversation that is not running: a paused one resumes where it was, any other starts (again). */
function resumeOrStart(state: SessionState, ctx: StepContext, before: Effect[]): StepResult {
  if (state.status === 'paused' && state.at !== null) return reask({ ...state, status: 'active' }, ctx, [...before, common('resumed')]);
  const restarted: SessionState = { ...state, status: 'active', at: null, history: [], answers: state.status === 'paused' ? state.answers : {} };
  return runFrom(restarted, { dialog: START_DIALOG, node: startOf(ctx, START_DIALOG) }, ctx, before);
}

function startOf(ctx: StepContext, dialogId: string): string {
  return ctx.dialogs.get(dialogId)?.start ?? MENU_NODE;
}

function currentAsk(state: SessionState, ctx: StepContext): AskNode | null {
  if (state.at === null) return null;
  const node = ctx.dialogs.get(state.at.dialog)?.nodes[state.at.node];
  return node?.type === 'ask' ? node : null;
}

/** A button payload is acceptable only when it belongs to the question on screen (or a pending yes/no). */
function payloadFits(state: SessionState, payload: string, ctx: StepContext): boolean {
  if (state.pending !== null) return payload === 'choice:yes' || payload === 'choice:no';
  if (state.status !== 'active') return false;
  const ask = currentAsk(state, ctx);
  return ask?.choices?.some((c) => `choice:${c.value}` === payload) ?? false;
}

function handleIntent(state: SessionState, intent: Exclude<Intent, { name: 'start' }>, ctx: StepContext): StepResult {
  switch (intent.name) {
    case 'crisis': {
      const answers = { ...state.answers, risk_crisis: true };
      const pending = { kind: 'confirm_handoff' as const, reason: 'crisis', priority: 'crisis' as const, then: null };
      return { state: { ...state, answers, pending }, effects: [common('crisis'), common('crisis_offer_human', yesNo)] };
    }
    case 'mens': {
      const pending = { kind: 'confirm_handoff' as const, reason: 'asked_for_human', priority: handoffPriority(state.answers), then: null };
      return { state: { ...state, pending }, effects: [common('handoff_offer', yesNo)] };
    }
    case 'stop':
      return { state: { ...state, status: 'ended', pending: null }, effects: [common('stopped'), { type: 'end' }] };
    case 'pauze':
      return { state: { ...state, status: state.at === null ? state.status : 'paused', pending: null }, effects: [common('paused', [{ payload: 'intent:start', label: 'common:continue' }])] };
    case 'taal': {
      // "taal" / "language" alone: the list of languages, each in its own name (numbered where there are no buttons).
      if (intent.locale === null) return { state, effects: [languageList()] };
      const locale: Locale = intent.locale;
      // A handoff consent stays open across a language switch; a delete confirmation never does (a later "ja" must not wipe).
      const pending = state.pending?.kind === 'confirm_handoff' ? state.pending : null;
      return reask({ ...state, locale, pending }, ctx, [common('language_switched')]);
    }
    case 'terug': {
      const previous = state.history[state.history.length - 1];
      if (previous === undefined) return reask({ ...state, pending: null }, ctx, [common('back_unavailable')]);
      return reask({ ...state, pending: null, status: 'active', at: previous, history: state.history.slice(0, -1) }, ctx, []);
    }
    case 'opnieuw': {
      const fresh: SessionState = { ...state, status: 'active', at: null, history: [], answers: {}, pending: null };
      return runFrom(fresh, { dialog: START_DIALOG, node: startOf(ctx, START_DIALOG) }, ctx, [common('restart')]);
    }
    case 'status':
      // The host looks the report up (only one this conversation made) and answers in place of this effect.
      return reask({ ...state, pending: null }, ctx, [{ type: 'status_lookup', code: intent.code }]);
    case 'verwijder':
      return {
        state: { ...state, pending: { kind: 'confirm_delete' } },
        effects: [common('delete_confirm', [{ payload: 'choice:yes', label: 'common:confirm_delete' }, { payload: 'choice:no', label: 'common:cancel' }])],
      };
  }
}

/** One button per shipped language; the label is the language's own name (the `languages` namespace). */
function languageList(): MessageEffect {
  return common('language_choose', locales.map((l) => ({ payload: `intent:taal:${l}`, label: `languages:${l}` })));
}

function handlePending(state: SessionState, input: UserInput, ctx: StepContext): StepResult {
  const pending = state.pending;
  const yes = input.kind === 'payload' ? input.payload === 'choice:yes' : interpretYes(input.text, ctx);
  const cleared: SessionState = { ...state, pending: null };
  if (pending === null) return answerCurrent(cleared, input, ctx);
  if (yes === null && pending.kind === 'confirm_handoff' && pending.then !== null) {
    return { state, effects: [common('reprompt'), common('handoff_offer', yesNo)] };
  }
  if (yes === null) {
    // Not a yes or no: drop the side question and treat the text as an answer to the dialog.
    return state.status === 'active' && state.at !== null ? answerCurrent(cleared, input, ctx) : reask(cleared, ctx, []);
  }
  if (pending.kind === 'confirm_delete') {
    if (!yes) return reask(cleared, ctx, [common('delete_cancelled')]);
    const wiped: SessionState = { ...newSessionState(state.locale, ctx.now), turn: state.turn };
    return { state: wiped, effects: [{ type: 'delete_data' }, common('deleted')] };
  }
  if (!yes) return pending.then === null ? reask(cleared, ctx, []) : runFrom(cleared, pending.then, ctx, []);
  const summary = summaryOf(state.answers, pending.summary);
  if (ctx.facts?.['volunteers_online'] === false) {
    const offline = ctx.dialogs.get(OFFLINE_DIALOG);
    if (offline !== undefined) {
      // Nobody can answer now: offer a callback or a message instead (the dialog ends in a handoff without consent).
      const answers = { ...state.answers, handoff_reason: pending.reason, handoff_priority: pending.priority };
      return runFrom({ ...cleared, status: 'active', answers }, { dialog: OFFLINE_DIALOG, node: offline.start }, ctx, []);
    }
  }
  // The person now waits; the host renders the waiting room. Where the dialog resumes if they stop waiting:
  const at = pending.then ?? state.at;
  return { state: { ...cleared, status: 'active', at }, effects: [{ type: 'handoff', reason: pending.reason, priority: pending.priority, summary }] };
}

function interpretYes(text: string, ctx: StepContext): boolean | null {
  const parsed = interpretAnswer({ type: 'ask', text: 'x', input: 'yes_no' }, 'common', text, ctx);
  return parsed !== null && typeof parsed.value === 'boolean' ? parsed.value : null;
}

/**
 * Sends the current question again (after a side step), or the menu when there is none. A conversation that is not
 * running continues as after any message, so a side step (e.g. "no" to a human before the first question) never
 * leaves the person without an answer.
 */
function reask(state: SessionState, ctx: StepContext, before: Effect[]): StepResult {
  // An open consent question of a dialog's handoff node is what is on screen: ask that again, not the question before it.
  if (state.pending?.kind === 'confirm_handoff' && state.pending.then !== null) return { state, effects: [...before, common('handoff_offer', yesNo)] };
  if (state.status !== 'active' || state.at === null) return resumeOrStart(state, ctx, before);
  const ask = currentAsk(state, ctx);
  // Not at a question (e.g. where a dialog goes on after a handoff): continue the dialog from there.
  if (ask === null) return runFrom(state, state.at, ctx, before);
  return { state, effects: [...before, askMessage(ask, state.at, state, ctx.facts)] };
}

function answerCurrent(state: SessionState, input: UserInput, ctx: StepContext): StepResult {
  const at = state.at;
  const ask = currentAsk(state, ctx);
  if (at === null || ask === null) return runFrom(state, { dialog: START_DIALOG, node: MENU_NODE }, ctx, []);
  const answer =
    input.kind === 'payload'
      ? (() => {
          const choice = ask.choices?.find((c) => `choice:${c.value}` === input.payload);
          return choice ? { value: choice.value, choice } : null;
        })()
      : interpretAnswer(ask, at.dialog, input.text, ctx);
  if (answer === null) {
    const [ns, key] = ask.reprompt ? contentRef(at.dialog, ask.reprompt) : ['common', 'reprompt'];
    return { state, effects: [{ type: 'message', ns, key, vars: { ...state.answers, ...ctx.facts }, quickReplies: [] }, askMessage(ask, at, state, ctx.facts)] };
  }
  const answers = { ...state.answers, ...(answer.choice?.set ?? {}) };
  if (ask.save !== undefined) answers[ask.save] = answer.value;
  const next = answer.choice?.next ?? ask.next;
  const history = [...state.history, at].slice(-MAX_HISTORY);
  const moved: SessionState = { ...state, answers, history };
  const result = runFrom(moved, next === undefined ? { dialog: START_DIALOG, node: MENU_NODE } : { dialog: at.dialog, node: next }, ctx, []);
  if (answer.choice === undefined) return result;
  const { ns, key } = splitLabel(answer.choice.label, at.dialog);
  return { ...result, chose: `${ns}:${key}` };
}
