import { MENU_NODE, START_DIALOG } from './dialog-set.js';
import type { Effect } from './effects.js';
import { evaluateCondition } from './evaluate-condition.js';
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
        effects.push({ type: 'message', ns, key, vars: { ...answers }, quickReplies: [] });
        at = { dialog: at.dialog, node: node.next };
        break;
      }
      case 'ask': {
        const known = node.save !== undefined && Object.hasOwn(answers, node.save) && answers[node.save] !== null;
        if (node.skip_if_known === true && known && node.save !== undefined) {
          const value = answers[node.save];
          const next = node.choices?.find((c) => c.value === value)?.next ?? node.next;
          if (next !== undefined) {
            at = { dialog: at.dialog, node: next };
            break;
          }
        }
        const next: SessionState = { ...state, status: 'active', at, answers };
        return { state: next, effects: [...effects, askMessage(node, at, next)] };
      }
      case 'branch': {
        const hit = node.cases.find((c) => evaluateCondition(c.if, answers));
        at = { dialog: at.dialog, node: hit?.next ?? node.else };
        break;
      }
      case 'action': {
        const action = ctx.actions.get(node.action);
        const result = action ? action.run(node.args ?? {}, answers, ctx.now) : { set: {}, outcome: 'unknown_action' };
        answers = { ...answers, ...result.set };
        at = { dialog: at.dialog, node: node.on?.[result.outcome] ?? node.next };
        break;
      }
      case 'handoff': {
        const summary = Object.fromEntries((node.summary ?? Object.keys(answers)).filter((k) => Object.hasOwn(answers, k)).map((k) => [k, answers[k] ?? null]));
        effects.push({ type: 'handoff', reason: node.reason, priority: node.priority, summary });
        at = { dialog: at.dialog, node: node.next };
        break;
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
