import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDialogs, type DialogSource } from '../../src/engine/parse-dialogs.js';

const brokenDir = new URL('../fixtures/dialogs/broken/', import.meta.url);

/** One broken file per structural rule, with the exact line the loader must report (goflow style). */
const expected: Record<string, string> = {
  'invalid_yaml.yaml': 'file[invalid_yaml.yaml]: not valid YAML: Flow map in block collection must be sufficiently indented and end with a } at line 6, column 1:',
  'unknown_node_type.yaml': 'file[unknown_node_type.yaml] node[hello] type: Invalid input',
  'missing_field.yaml': 'file[missing_field.yaml] node[hello] next: Invalid input: expected string, received undefined',
  'unknown_key.yaml': 'file[unknown_key.yaml] node[hello]: Unrecognized key: "txt"',
  'wrong_version.yaml': 'file[wrong_version.yaml] version: Invalid input: expected 1',
  'id_not_file_name.yaml': 'file[id_not_file_name.yaml]: id "some_other_name" must equal the file name "id_not_file_name"',
  'unknown_target_node.yaml': 'dialog[unknown_target_node] node[hello]: target "nowhere" is not a known node',
  'unknown_start.yaml': 'dialog[unknown_start]: start "begin" is not a known node',
  'unknown_action.yaml': 'dialog[unknown_action] node[check]: unknown action "read_minds"',
  'unknown_action_outcome.yaml': 'dialog[unknown_action_outcome] node[days] on[soon]: action "days_until" has no outcome "soon"',
  'goto_unknown_dialog.yaml': 'dialog[goto_unknown_dialog] node[jump]: dialog "nowhere" does not exist',
  'goto_unknown_node.yaml': 'dialog[goto_unknown_node] node[jump]: node "nowhere" does not exist in dialog "goto_unknown_node"',
  'ask_without_choices_or_input.yaml': 'dialog[ask_without_choices_or_input] node[question]: an ask needs choices or an input',
  'ask_input_without_next.yaml': 'dialog[ask_input_without_next] node[rent]: an ask with input needs a next',
  'duplicate_choice_value.yaml': 'dialog[duplicate_choice_value] node[who]: choice value "tenant" is used twice',
  'choice_without_next.yaml': 'dialog[choice_without_next] node[who] choice[1]: no next and the ask has no next',
};

async function brokenSource(name: string): Promise<DialogSource> {
  return { name, text: await readFile(new URL(name, brokenDir), 'utf8') };
}

describe('parseDialogs: broken fixtures', () => {
  it('every fixture file has an expected line, and every expected line a fixture', async () => {
    const files = (await readdir(brokenDir)).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', async (name, line) => {
    const result = parseDialogs([await brokenSource(name)]);
    expect(result).toEqual({ ok: false, errors: [line] });
  });

  it('all broken files at once: every fault is listed, none hides another', async () => {
    const sources = await Promise.all(Object.keys(expected).map(brokenSource));
    const result = parseDialogs(sources);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : [...result.errors].sort()).toEqual(Object.values(expected).sort());
  });
});

describe('parseDialogs: valid input', () => {
  const start = `
id: start
version: 1
start: menu
nodes:
  menu:
    type: ask
    text: menu
    choices:
      - { value: guide, label: menu.guide, next: to_guide }
  to_guide: { type: goto, dialog: guide, node: intro }
`;
  const guideJson = JSON.stringify({ id: 'guide', version: 1, start: 'intro', nodes: { intro: { type: 'say', text: 'intro', next: 'bye' }, bye: { type: 'end' } } });

  it('accepts YAML and JSON files that reference each other', () => {
    const result = parseDialogs([
      { name: 'start.yaml', text: start },
      { name: 'guide.json', text: guideJson },
    ]);
    expect(result.ok).toBe(true);
    expect(result.ok ? [...result.dialogs.keys()] : []).toEqual(['start', 'guide']);
  });

  it('a goto to a dialog that is not loaded is an error (the set is checked as a whole)', () => {
    expect(parseDialogs([{ name: 'start.yaml', text: start }])).toEqual({ ok: false, errors: ['dialog[start] node[to_guide]: dialog "guide" does not exist'] });
  });

  it('the same dialog id in two files is an error', () => {
    const result = parseDialogs([
      { name: 'guide.json', text: guideJson },
      { name: 'guide.yaml', text: guideJson },
    ]);
    expect(result).toEqual({ ok: false, errors: ['file[guide.yaml]: dialog id "guide" is used twice'] });
  });

  it('refuses YAML aliases (no billion laughs)', () => {
    const text = 'id: start\nversion: 1\nstart: a\nnodes:\n  a: &n { type: end }\n  b: *n\n';
    const result = parseDialogs([{ name: 'start.yaml', text }]);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors[0]).toMatch(/^file\[start\.yaml\]: not valid YAML: /);
  });
});
