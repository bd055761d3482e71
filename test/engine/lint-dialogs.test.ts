import { describe, expect, it } from 'vitest';
import type { DialogSet } from '../../src/engine/dialog-set.js';
import { engineContentKeys, engineLabelKeys, lintDialogs } from '../../src/engine/lint-dialogs.js';
import { parseDialogs } from '../../src/engine/parse-dialogs.js';

type Table = Record<string, Record<string, Record<string, string>>>;

const startYaml = `
id: start
version: 1
start: welcome
nodes:
  welcome: { type: say, text: welcome, next: menu }
  menu:
    type: ask
    text: menu
    choices:
      - { value: tenant, label: who.tenant, next: rent }
      - { value: stop, label: common:stop, next: bye }
  rent:
    type: ask
    text: rent
    input: amount
    next: bye
    choices:
      - { value: dont_know, label: common:dont_know, next: bye }
  bye: { type: end, text: common.bye }
`;

function dialogsFrom(sources: Record<string, string>): DialogSet {
  const parsed = parseDialogs(Object.entries(sources).map(([id, text]) => ({ name: `${id}.yaml`, text })));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.dialogs;
}

/** Complete texts for `startYaml` in both languages (the words do not matter to this lint). */
function baseTables(): { content: Table; labels: Table } {
  const content: Table = {};
  const labels: Table = {};
  for (const lng of ['nl', 'en']) {
    content[lng] = {
      common: { ...Object.fromEntries(engineContentKeys.map((k) => [k, `${lng} ${k}`])), bye: `${lng} bye` },
      start: { welcome: `${lng} welcome`, menu: `${lng} menu`, rent: `${lng} rent`, more: `${lng} more`, most: `${lng} most` },
    };
    labels[lng] = {
      common: { ...Object.fromEntries(engineLabelKeys.map((k) => [k, `${lng} ${k}`])), stop: `${lng} stop`, dont_know: `${lng} ?` },
      start: { 'who.tenant': `${lng} tenant` },
    };
  }
  return { content, labels };
}

interface Case {
  readonly name: string;
  /** Replaces the start dialog's YAML text (string replace on `startYaml`), or adds dialogs. */
  readonly start?: (yaml: string) => string;
  readonly extra?: Record<string, string>;
  readonly edit?: (t: { content: Table; labels: Table }) => void;
  readonly expected: readonly string[];
}

function lintCase(c: Omit<Case, 'name' | 'expected'>): string[] {
  const tables = baseTables();
  c.edit?.(tables);
  const dialogs = dialogsFrom({ start: c.start ? c.start(startYaml) : startYaml, ...c.extra });
  return lintDialogs({ dialogs, content: tables.content, labels: tables.labels, languages: ['nl', 'en'] });
}

const cases: readonly Case[] = [
  {
    name: 'unreachable node',
    start: (y) => `${y}  orphan: { type: end }\n`,
    expected: ['dialog[start] node[orphan]: unreachable from the start'],
  },
  {
    name: 'a dialog no goto leads to',
    extra: { lonely: 'id: lonely\nversion: 1\nstart: only\nnodes:\n  only: { type: end }\n' },
    expected: ['dialog[lonely] node[only]: unreachable from the start'],
  },
  {
    name: 'loop without an ask',
    start: (y) =>
      y.replace('    input: amount\n    next: bye', '    input: amount\n    next: loop_a') +
      [
        '  loop_a: { type: branch, cases: [ { if: { answer: rent, gt: 5000 }, next: bye } ], else: loop_b }',
        '  loop_b: { type: action, action: set, args: { seen: true }, next: loop_a }',
        '',
      ].join('\n'),
    expected: ['dialog[start] node[loop_a]: loop without an ask (start/loop_a -> start/loop_b -> start/loop_a)'],
  },
  {
    name: 'content key missing in a language',
    edit: (t) => delete t.content['en']?.['start']?.['rent'],
    expected: ['dialog[start] node[rent]: content "start.rent" is missing in en'],
  },
  {
    name: 'a `common.` content key missing in a language',
    edit: (t) => delete t.content['nl']?.['common']?.['bye'],
    expected: ['dialog[start] node[bye]: content "common.bye" is missing in nl'],
  },
  {
    name: 'a reprompt key missing',
    start: (y) => y.replace('    input: amount\n', '    input: amount\n    reprompt: rent_help\n'),
    edit: (t) => {
      const nl = t.content['nl']?.['start'];
      if (nl) nl['rent_help'] = 'nl help';
    },
    expected: ['dialog[start] node[rent]: content "start.rent_help" is missing in en'],
  },
  {
    name: 'label key missing in a language',
    edit: (t) => delete t.labels['en']?.['start']?.['who.tenant'],
    expected: ['dialog[start] node[menu] choice[0]: label "start:who.tenant" is missing in en'],
  },
  {
    name: 'a `common:` label key missing in a language',
    edit: (t) => delete t.labels['nl']?.['common']?.['stop'],
    expected: ['dialog[start] node[menu] choice[1]: label "common:stop" is missing in nl'],
  },
  {
    name: 'a question without buttons (input only)',
    start: (y) => y.replace('    choices:\n      - { value: dont_know, label: common:dont_know, next: bye }\n', ''),
    expected: ['dialog[start] node[rent]: a question needs buttons'],
  },
  {
    name: 'more than two messages in a row',
    start: (y) => y.replace('welcome: { type: say, text: welcome, next: menu }', 'welcome: { type: say, text: welcome, next: more }\n  more: { type: say, text: more, next: most }\n  most: { type: say, text: most, next: menu }'),
    expected: ['dialog[start] node[welcome]: more than two messages in a row'],
  },
  {
    name: 'two messages in a row are fine',
    start: (y) => y.replace('welcome: { type: say, text: welcome, next: menu }', 'welcome: { type: say, text: welcome, next: more }\n  more: { type: say, text: more, next: menu }'),
    expected: [],
  },
  {
    name: 'a say text that asks a question (no buttons to answer it)',
    edit: (t) => {
      const nl = t.content['nl']?.['start'];
      if (nl) nl['welcome'] = 'Hoi. Heb je een brief gekregen?';
    },
    expected: ['dialog[start] node[welcome]: "start.welcome" asks a question but has no buttons'],
  },
  {
    name: "a relative's variant of a say text that asks a question (it replaces the text, so the same rule holds)",
    edit: (t) => {
      const nl = t.content['nl']?.['start'];
      if (nl) nl['relative.welcome'] = 'Hoi. Heeft hij of zij een brief gekregen?';
    },
    expected: ['dialog[start] node[welcome]: "start.relative.welcome" asks a question but has no buttons'],
  },
  {
    name: 'an end text or a reprompt that asks a question',
    start: (y) => y.replace('    input: amount\n', '    input: amount\n    reprompt: rent_help\n'),
    edit: (t) => {
      for (const lng of ['nl', 'en']) {
        const start = t.content[lng]?.['start'];
        if (start) start['rent_help'] = lng === 'nl' ? 'Welk bedrag bedoel je?' : 'Which amount?';
      }
      const common = t.content['nl']?.['common'];
      if (common) common['bye'] = 'Tot ziens. Kom je terug?';
    },
    expected: ['dialog[start] node[rent]: "start.rent_help" asks a question but has no buttons', 'dialog[start] node[bye]: "common.bye" asks a question but has no buttons'],
  },
  {
    name: 'a question inside a quoted example, or inside a template tag, is no question',
    edit: (t) => {
      const nl = t.content['nl']?.['start'];
      if (nl) nl['welcome'] = "Zeg bijvoorbeeld: 'Mag ik je helpen?' {{t \"x?\"}}";
    },
    expected: [],
  },
  {
    name: 'an engine text sent without buttons that asks a question',
    edit: (t) => {
      const common = t.content['nl']?.['common'];
      if (common) {
        common['resumed'] = 'Welkom terug. Zullen we verder gaan?';
        common['handoff_offer'] = 'Mag ik je gesprek doorgeven?';
      }
    },
    expected: ['content[nl] common.resumed: asks a question but the engine sends it without buttons'],
  },
  {
    name: 'an engine content key missing',
    edit: (t) => delete t.content['en']?.['common']?.['reprompt'],
    expected: ['content[en] common.reprompt: missing (the engine sends it)'],
  },
  {
    name: 'an engine label key missing',
    edit: (t) => delete t.labels['nl']?.['common']?.['continue'],
    expected: ['labels[nl] common:continue: missing (the engine uses it)'],
  },
];

describe('lintDialogs', () => {
  it('the base set is clean', () => {
    expect(lintCase({})).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(lintCase(c)).toEqual(c.expected);
  });

  it('a language missing entirely is reported for every key', () => {
    const tables = baseTables();
    const findings = lintDialogs({ dialogs: dialogsFrom({ start: startYaml }), content: tables.content, labels: tables.labels, languages: ['nl', 'en', 'fy'] });
    expect(findings.filter((f) => f.includes(' fy') || f.includes('[fy]'))).toHaveLength(
      4 /* content keys: welcome, menu, rent, bye */ + 3 /* labels */ + engineContentKeys.length + engineLabelKeys.length,
    );
    expect(findings.every((f) => f.includes(' fy') || f.includes('[fy]'))).toBe(true);
  });
});
