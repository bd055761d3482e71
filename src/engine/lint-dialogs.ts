import type { Dialog, DialogNode } from './dialog-schema.js';
import { MENU_NODE, OFFLINE_DIALOG, START_DIALOG, type DialogSet } from './dialog-set.js';
import { targetsOf } from './parse-dialogs.js';
import { splitLabel } from './split-label.js';
import { contentRef } from './ask-message.js';
import { sourceLocale } from '../shared/locale-registry.js';
import { relativeKey } from './relative-key.js';

/** Flattened texts per language and namespace: `texts[lng][ns][key]`. */
export type TextTable = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;

export interface LintInput {
  readonly dialogs: DialogSet;
  /** Message templates (content/<lng>/<ns>.yaml). */
  readonly content: TextTable;
  /** Button labels (locales/<lng>/<ns>.json). */
  readonly labels: TextTable;
  readonly languages: readonly string[];
}

/** Texts the engine itself sends; they must exist in every language. */
export const engineContentKeys = [
  'reprompt', 'paused', 'resumed', 'stopped', 'crisis', 'crisis_offer_human', 'handoff_offer', 'handoff_unavailable',
  'language_switched', 'language_choose', 'back_unavailable', 'restart', 'delete_confirm', 'deleted', 'delete_cancelled', 'error',
  'waiting_room', 'waiting_update', 'waiting_ack', 'waiting_stopped', 'human_joined', 'human_left', 'human_requeued',
  'callback_saved', 'message_saved', 'melding_status', 'melding_status_unknown', 'melding_status_limited',
] as const;
/** Engine texts that are sent with buttons (yes/no, continue), so only they may ask a question. */
export const engineKeysWithButtons: readonly string[] = ['crisis_offer_human', 'handoff_offer', 'delete_confirm', 'paused', 'language_choose'];
export const engineLabelKeys = ['yes', 'no', 'confirm_delete', 'cancel', 'continue', 'stop_waiting', 'minutes_one', 'minutes_other'] as const;

/** The dialog lint of DESIGN.md §3 and the structural stress-sensitive rules of §4. Returns one line per finding. */
export function lintDialogs(input: LintInput): string[] {
  const findings: string[] = [];
  const { dialogs } = input;
  const reachable = reachableNodes(dialogs);
  for (const dialog of dialogs.values()) {
    const d = `dialog[${dialog.id}]`;
    for (const [id, node] of Object.entries(dialog.nodes)) {
      const n = `${d} node[${id}]`;
      if (!reachable.has(`${dialog.id}/${id}`)) findings.push(`${n}: unreachable from the start`);
      for (const key of contentKeysOf(node)) {
        const [ns, k] = contentRef(dialog.id, key);
        for (const lng of input.languages) {
          if (input.content[lng]?.[ns]?.[k] === undefined) findings.push(`${n}: content "${ns}.${k}" is missing in ${lng}`);
        }
      }
      if (node.type === 'ask') {
        (node.choices ?? []).forEach((c, i) => {
          const { ns, key } = splitLabel(c.label, dialog.id);
          for (const lng of input.languages) {
            if (input.labels[lng]?.[ns]?.[key] === undefined) findings.push(`${n} choice[${i}]: label "${ns}:${key}" is missing in ${lng}`);
          }
        });
        if ((node.choices ?? []).length === 0) findings.push(`${n}: a question needs buttons`);
      }
      if (node.type === 'say' && saysInARow(dialog, id) > 2) findings.push(`${n}: more than two messages in a row`);
      for (const key of textsWithoutButtons(node)) {
        const [ns, k] = contentRef(dialog.id, key);
        for (const variant of [k, relativeKey(k)]) {
          if (asksQuestion(input.content[sourceLocale]?.[ns]?.[variant])) findings.push(`${n}: "${ns}.${variant}" asks a question but has no buttons`);
        }
      }
    }
  }
  findings.push(...loopsWithoutAsk(dialogs));
  for (const lng of input.languages) {
    for (const key of engineContentKeys) if (input.content[lng]?.['common']?.[key] === undefined) findings.push(`content[${lng}] common.${key}: missing (the engine sends it)`);
    for (const key of engineContentKeys) {
      if (lng === sourceLocale && !engineKeysWithButtons.includes(key) && asksQuestion(input.content[lng]?.['common']?.[key])) findings.push(`content[${lng}] common.${key}: asks a question but the engine sends it without buttons`);
    }
    for (const key of engineLabelKeys) if (input.labels[lng]?.['common']?.[key] === undefined) findings.push(`labels[${lng}] common:${key}: missing (the engine uses it)`);
  }
  return findings;
}

/** Messages that reach the person without buttons: say and end texts, and the reprompt sent before a question. */
function textsWithoutButtons(node: DialogNode): string[] {
  if (node.type === 'say') return [node.text];
  if (node.type === 'end') return node.text === undefined ? [] : [node.text];
  if (node.type === 'ask' && node.reprompt !== undefined) return [node.reprompt];
  return [];
}

/** A question mark outside Handlebars tags and outside a quoted example of what to say ('Mag ik ...?'). */
function asksQuestion(text: string | undefined): boolean {
  return text !== undefined && text.replace(/\{\{[^}]*\}\}/g, '').replace(/'[^']*'/g, '').includes('?');
}

function contentKeysOf(node: DialogNode): string[] {
  switch (node.type) {
    case 'say':
      return [node.text];
    case 'ask':
      return node.reprompt === undefined ? [node.text] : [node.text, node.reprompt];
    case 'end':
      return node.text === undefined ? [] : [node.text];
    default:
      return [];
  }
}

type Edge = { dialog: string; node: string };

function successors(dialogs: DialogSet, dialog: Dialog, node: DialogNode): Edge[] {
  if (node.type === 'goto') {
    const other = dialogs.get(node.dialog);
    return other ? [{ dialog: node.dialog, node: node.node ?? other.start }] : [];
  }
  return targetsOf(node)
    .map(([, t]) => t)
    .filter((t): t is string => t !== undefined)
    .map((t) => ({ dialog: dialog.id, node: t }));
}

/** Roots: the start dialog's start and its menu (global intents jump there), and the offline handoff dialog. Other dialogs are reached by goto. */
function reachableNodes(dialogs: DialogSet): Set<string> {
  const seen = new Set<string>();
  const start = dialogs.get(START_DIALOG);
  const queue: Edge[] = start ? [{ dialog: START_DIALOG, node: start.start }, { dialog: START_DIALOG, node: MENU_NODE }] : [];
  // The engine itself jumps to the offline handoff dialog when nobody can answer.
  const offline = dialogs.get(OFFLINE_DIALOG);
  if (offline) queue.push({ dialog: OFFLINE_DIALOG, node: offline.start });
  while (queue.length > 0) {
    const e = queue.pop();
    if (e === undefined) break;
    const key = `${e.dialog}/${e.node}`;
    const dialog = dialogs.get(e.dialog);
    const node = dialog?.nodes[e.node];
    if (seen.has(key) || dialog === undefined || node === undefined) continue;
    seen.add(key);
    queue.push(...successors(dialogs, dialog, node));
  }
  return seen;
}

function saysInARow(dialog: Dialog, id: string): number {
  let count = 0;
  let node = dialog.nodes[id];
  const visited = new Set<string>();
  let current = id;
  while (node?.type === 'say' && !visited.has(current)) {
    visited.add(current);
    count++;
    current = node.next;
    node = dialog.nodes[current];
  }
  return count;
}

/** A cycle made only of nodes that do not wait for the person would spin forever. */
function loopsWithoutAsk(dialogs: DialogSet): string[] {
  const findings: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const visit = (e: Edge, path: string[]): void => {
    const key = `${e.dialog}/${e.node}`;
    const dialog = dialogs.get(e.dialog);
    const node = dialog?.nodes[e.node];
    if (dialog === undefined || node === undefined || node.type === 'ask') return;
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'open') {
      const cycle = [...path.slice(path.indexOf(key)), key];
      const first = cycle[0] ?? key;
      if (!reported.has(first)) {
        reported.add(first);
        const [fd, fn] = first.split('/');
        findings.push(`dialog[${fd ?? ''}] node[${fn ?? ''}]: loop without an ask (${cycle.join(' -> ')})`);
      }
      return;
    }
    state.set(key, 'open');
    for (const next of successors(dialogs, dialog, node)) visit(next, [...path, key]);
    state.set(key, 'done');
  };
  for (const dialog of dialogs.values()) for (const id of Object.keys(dialog.nodes)) visit({ dialog: dialog.id, node: id }, []);
  return findings;
}
