import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { yamlOptions } from '../shared/yaml-options.js';
import { defaultActions, type ActionRegistry } from './actions/action-registry.js';
import { dialogSchema, type Dialog, type DialogNode } from './dialog-schema.js';
import type { DialogSet } from './dialog-set.js';

export interface DialogSource {
  /** File name, e.g. "phase_guide.yaml"; the dialog id must equal its base name. */
  readonly name: string;
  readonly text: string;
  /** The text's YAML value when already known (the build's parsed-YAML cache); else the text is parsed here. */
  readonly parsed?: unknown;
}

// Loaded on first use: when every dialog comes with its parsed value (the build's cache), a start never loads the
// YAML parser (issue #12).
const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
const parseYaml = (text: string): unknown => (yaml ??= require('yaml') as typeof Yaml).parse(text, yamlOptions);

export type ParseResult = { readonly ok: true; readonly dialogs: DialogSet } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Parses and validates dialog files (YAML or JSON text, no I/O). Every fault is reported with the path to it,
 * e.g. `dialog[phase_guide] node[court_days] on[urgent]: target "x" is not a known node`. A broken set refuses to boot.
 */
export function parseDialogs(sources: readonly DialogSource[], actions: ActionRegistry = defaultActions): ParseResult {
  const errors: string[] = [];
  const dialogs = new Map<string, Dialog>();
  for (const source of sources) {
    const where = `file[${source.name}]`;
    let raw: unknown = source.parsed;
    try {
      if (raw === undefined) raw = parseYaml(source.text);
    } catch (e) {
      errors.push(`${where}: not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : 'parse error'}`);
      continue;
    }
    const parsed = dialogSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${where} ${formatPath(issue.path)}: ${issue.message}`);
      continue;
    }
    const baseName = source.name.replace(/\.(ya?ml|json)$/, '');
    if (parsed.data.id !== baseName) errors.push(`${where}: id "${parsed.data.id}" must equal the file name "${baseName}"`);
    if (dialogs.has(parsed.data.id)) errors.push(`${where}: dialog id "${parsed.data.id}" is used twice`);
    dialogs.set(parsed.data.id, parsed.data);
  }
  for (const dialog of dialogs.values()) errors.push(...checkReferences(dialog, dialogs, actions));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, dialogs };
}

function formatPath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (seg === 'nodes' && path[i + 1] !== undefined) {
      parts.push(`node[${String(path[i + 1])}]`);
      i++;
    } else if (typeof seg === 'number') {
      parts.push(`[${seg}]`);
    } else {
      parts.push(String(seg));
    }
  }
  return parts.length > 0 ? parts.join(' ').replace(/ \[/g, '[') : '(root)';
}

/** Structural checks the schema cannot express: targets, dialogs and actions must exist. */
function checkReferences(dialog: Dialog, all: ReadonlyMap<string, Dialog>, actions: ActionRegistry): string[] {
  const errors: string[] = [];
  const d = `dialog[${dialog.id}]`;
  const known = (target: string): boolean => Object.hasOwn(dialog.nodes, target);
  const target = (where: string, t: string | undefined): void => {
    if (t !== undefined && !known(t)) errors.push(`${d} ${where}: target "${t}" is not a known node`);
  };
  if (!known(dialog.start)) errors.push(`${d}: start "${dialog.start}" is not a known node`);
  for (const [id, node] of Object.entries(dialog.nodes)) {
    const n = `node[${id}]`;
    for (const [label, t] of targetsOf(node)) target(label ? `${n} ${label}` : n, t);
    if (node.type === 'ask') {
      if ((node.choices ?? []).length === 0 && node.input === undefined) errors.push(`${d} ${n}: an ask needs choices or an input`);
      if (node.input !== undefined && node.next === undefined) errors.push(`${d} ${n}: an ask with input needs a next`);
      const values = (node.choices ?? []).map((c) => c.value);
      const dup = values.find((v, i) => values.indexOf(v) !== i);
      if (dup !== undefined) errors.push(`${d} ${n}: choice value "${dup}" is used twice`);
      (node.choices ?? []).forEach((c, i) => {
        if (c.next === undefined && node.next === undefined) errors.push(`${d} ${n} choice[${i}]: no next and the ask has no next`);
      });
    }
    if (node.type === 'action') {
      const def = actions.get(node.action);
      if (def === undefined) errors.push(`${d} ${n}: unknown action "${node.action}"`);
      for (const outcome of Object.keys(node.on ?? {})) {
        if (def !== undefined && !def.outcomes.includes(outcome)) errors.push(`${d} ${n} on[${outcome}]: action "${node.action}" has no outcome "${outcome}"`);
      }
    }
    if (node.type === 'goto') {
      const other = all.get(node.dialog);
      if (other === undefined) errors.push(`${d} ${n}: dialog "${node.dialog}" does not exist`);
      else if (node.node !== undefined && !Object.hasOwn(other.nodes, node.node)) errors.push(`${d} ${n}: node "${node.node}" does not exist in dialog "${node.dialog}"`);
    }
  }
  return errors;
}

/** Every continuation of a node with a label for error messages. */
export function targetsOf(node: DialogNode): Array<[string, string | undefined]> {
  switch (node.type) {
    case 'say':
    case 'handoff':
      return [['', node.next]];
    case 'ask':
      return [['', node.next], ...(node.choices ?? []).map((c, i): [string, string | undefined] => [`choice[${i}]`, c.next])];
    case 'branch':
      return [...node.cases.map((c, i): [string, string | undefined] => [`case[${i}]`, c.next]), ['else', node.else]];
    case 'action':
      return [['', node.next], ...Object.entries(node.on ?? {}).map(([k, v]): [string, string | undefined] => [`on[${k}]`, v])];
    case 'goto':
    case 'end':
      return [];
  }
}
