import { MENU_NODE, START_DIALOG } from './dialog-set.js';
import type { Effect } from './effects.js';
import { evaluateCondition } from './evaluate-condition.js';
import { handoffPriority, summaryOf } from './handoff-priority.js';
import type { Position, SessionState } from './session-state.js';
import { askMessage, contentRef } from './ask-message.js';
import type { StepContext, StepResult } from './step-types.js';

/** Guards against a dialog that loops without asking; the lint refuses such dialogs, this is the runtime backstop. */
const MAX_NODES_PER_TURN = 200;

/**
 * Walks the dialog from `from` through say/branch/action/handoff/goto nodes until it reaches a question or an end.
 * A broken reference (not possible after the lint, but stored state may predate a dialog change) lands on the menu.
 */
export function runFrom(state: SessionState, from: Position, ctx: StepContext, before: readonly Effect[]): StepResult {
  const effects: Effect[] = [...before];
  let answers = { ...state.answers };
  let at: Position = from;
  for (let i = 0; i < MAX_NODES_PER_TURN; i++) {
    const dialog = ctx.dialogs.get(at.dialog);
    const node = dialog?.nodes[at.node];
    ctx.onVisit?.(at.dialog, at.node);
    if (dialog === undefined || node === undefined) {
      if (at.dialog === START_DIALOG && at.node === MENU_NODE) break;
      at = { dialog: START_DIALOG, node: MENU_NODE };
      continue;
    }
    switch (node.type) {
      case 'say': {
        const [ns, key] = contentRef(at.dialog, node.text);
        effects.push({ type: 'message', ns, key, vars: { ...answers, ...ctx.facts }, quickReplies: [] });
        at = { dialog: at.dialog, node: node.next };
        break;
      }
      case 'ask': {
        const known = node.save !== undefined && Object.hasOwn(answers, node.save) && answers[node.save] !== null;
        if (node.skip_if_known === true && known && node.save !== undefined) {
          const value = answers[node.save];
          const choice = node.choices?.find((c) => c.value === value);
          const next = choice?.next ?? node.next;
          if (next !== undefined) {
            // Skipped as if answered again: the choice's extra answers hold too (e.g. a fact copied from a report).
            if (choice?.set !== undefined) answers = { ...answers, ...choice.set };
            at = { dialog: at.dialog, node: next };
            break;
          }
        }
        const next: SessionState = { ...state, status: 'active', at, answers };
        // Host facts (e.g. whether volunteers are online) are readable in texts and choices, never stored.
        return { state: next, effects: [...effects, askMessage(node, at, next, ctx.facts)] };
      }
      case 'branch': {
        const view = ctx.facts ? { ...answers, ...ctx.facts } : answers;
        const hit = node.cases.find((c) => evaluateCondition(c.if, view));
        at = { dialog: at.dialog, node: hit?.next ?? node.else };
        break;
      }
      case 'action': {
        const action = ctx.actions.get(node.action);
        const tools = ctx.newCode ? { newCode: ctx.newCode } : {};
        const result = action ? action.run(node.args ?? {}, answers, ctx.now, tools) : { set: {}, outcome: 'unknown_action' };
        answers = { ...answers, ...result.set };
        if ('effects' in result && result.effects) effects.push(...result.effects);
        at = { dialog: at.dialog, node: node.on?.[result.outcome] ?? node.next };
        break;
      }
      case 'handoff': {
        const priority = node.priority ?? handoffPriority(answers);
        const then = { dialog: at.dialog, node: node.next };
        if (node.consent === false) {
          effects.push({ type: 'handoff', reason: node.reason, priority, summary: summaryOf(answers, node.summary) });
          at = then;
          break;
        }
        // Ask consent first (DESIGN.md §5); the answer is handled as a pending yes/no by step().
        const pending = { kind: 'confirm_handoff' as const, reason: node.reason, priority, then, ...(node.summary ? { summary: node.summary } : {}) };
        const quick = [{ payload: 'choice:yes', label: 'common:yes' }, { payload: 'choice:no', label: 'common:no' }];
        effects.push({ type: 'message', ns: 'common', key: 'handoff_offer', vars: {}, quickReplies: quick });
        return { state: { ...state, status: 'active', answers, pending }, effects };
      }
      case 'goto':
        at = { dialog: node.dialog, node: node.node ?? ctx.dialogs.get(node.dialog)?.start ?? MENU_NODE };
        break;
      case 'end': {
        if (node.text !== undefined) {
          const [ns, key] = contentRef(at.dialog, node.text);
          effects.push({ type: 'message', ns, key, vars: { ...answers }, quickReplies: [] });
        }
        effects.push({ type: 'end' });
        return { state: { ...state, status: 'ended', at: null, answers }, effects };
      }
    }
  }
  // Only reached when the menu itself is missing or a loop ran away: end calmly rather than crash.
  return { state: { ...state, status: 'ended', at: null, answers }, effects: [...effects, { type: 'message', ns: 'common', key: 'error', vars: {}, quickReplies: [] }, { type: 'end' }] };
}
