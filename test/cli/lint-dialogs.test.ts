import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { checkContent } from '../../src/cli/check-content.js';
import { pluralFormsOf } from '../../src/content/lint-locale-keys.js';
import { engineContentKeys, engineLabelKeys } from '../../src/engine/lint-dialogs.js';
import { localeInfo, locales } from '../../src/shared/locale-registry.js';
import { testIntents, realParseFile } from '../helpers/test-lexicon.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

const startDialog = `
id: start
version: 1
start: welcome
nodes:
  welcome: { type: say, text: welcome, next: menu }
  menu:
    type: ask
    text: menu
    choices:
      - { value: more, label: menu.more, next: more }
      - { value: stop, label: common:stop, next: bye }
  more: { type: say, text: more, next: menu }
  bye: { type: end, text: common.bye }
`;

/** A sentence of exactly 30 words, between short ones so that only the longest-sentence rule trips. */
const longSentence =
  'Dat is normaal. Als je een brief van de deurwaarder hebt gekregen en je weet niet goed wat er nu gaat gebeuren, dan kun je gewoon bellen met het nummer uit de brief. Bel vandaag. Dat helpt.';

type Files = Record<string, string>;

/** The engine's label keys with the plural forms a language needs ("minutes_one" -> "minutes_few", … in Ukrainian). */
function labelKeysOf(tag: string): string[] {
  const plurals = [...new Set(engineLabelKeys.filter((k) => k.endsWith('_one')).map((k) => k.slice(0, -'_one'.length)))];
  const plain = engineLabelKeys.filter((k) => !plurals.some((p) => k.startsWith(`${p}_`)));
  return [...plain, ...plurals.flatMap((p) => pluralFormsOf(tag).map((form) => `${p}_${form}`))];
}

/** Every shipped language: a language is only shipped with all its content, so the tree must hold it too. */
function validTree(): Files {
  const files: Files = { 'dialogs/start.yaml': startDialog };
  for (const lng of locales) {
    // Short, plain texts: the Dutch ones also pass the B1 readability lint.
    const common = Object.fromEntries([...engineContentKeys, 'bye'].map((k) => [k, `${lng === 'nl' ? 'Tekst' : 'Text'}: ${k.replace(/_/g, ' ')}.`]));
    files[`content/${lng}/common.yaml`] = toYaml(common);
    files[`content/${lng}/start.yaml`] = toYaml(
      lng === 'nl'
        ? { welcome: 'Hoi, ik help je graag.', menu: 'Wat wil je doen?', more: 'Hier lees je meer.' }
        : { welcome: 'Hi, I am glad to help.', menu: 'What would you like to do?', more: 'Here you can read more.' },
    );
    const labels = Object.fromEntries([...labelKeysOf(localeInfo(lng).tag), 'stop'].map((k) => [k, `${lng} ${k}`]));
    files[`locales/${lng}/common.json`] = JSON.stringify(labels);
    files[`locales/${lng}/start.json`] = JSON.stringify({ menu: { more: lng === 'nl' ? 'Meer' : 'More' } });
    files[`locales/${lng}/parse.json`] = realParseFile(lng === 'nl' ? 'nl' : 'en');
    files[`locales/${lng}/intents.json`] = JSON.stringify(testIntents);
    files[`content/${lng}/demo-page.html`] = '<!doctype html>';
  }
  return files;
}

function brokenTree(): Files {
  const files = validTree();
  files['dialogs/start.yaml'] = `${startDialog}  orphan: { type: end }\n`;
  files['content/nl/start.yaml'] = toYaml({ welcome: 'Hoi, ik help je graag.', menu: 'Wat wil je doen?', more: longSentence });
  return files;
}

const brokenFindings = ['dialog[start] node[orphan]: unreachable from the start', 'content[nl] start.more: sentence of 30 words; at most 20'];

let base = '';

async function writeTree(name: string, files: Files): Promise<string> {
  const root = path.join(base, name);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
  return root;
}

async function cli(root: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'src/cli/lint-dialogs.ts', root], { cwd: repoRoot });
    return { code: 0, stdout };
  } catch (e) {
    const failed = execFailure(e);
    return { code: failed.code, stdout: failed.stdout };
  }
}

/** execFile rejects with the exit code and output on the error object. */
function execFailure(e: unknown): { code: number; stdout: string } {
  if (typeof e === 'object' && e !== null && 'code' in e && 'stdout' in e && typeof e.code === 'number' && typeof e.stdout === 'string') return { code: e.code, stdout: e.stdout };
  throw e;
}

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'huurhulp-lint-'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('checkContent', () => {
  it('a small valid tree has no findings', async () => {
    expect(await checkContent(await writeTree('valid', validTree()))).toEqual([]);
  });

  it('the broken tree gives exactly its two findings', async () => {
    expect(await checkContent(await writeTree('broken', brokenTree()))).toEqual(brokenFindings);
  });

  it('a Dutch message with a number or a listed organisation and no source fails; content/sources.yaml fixes it', async () => {
    const files = validTree();
    files['content/nl/start.yaml'] = toYaml({ welcome: 'Hoi, ik help je graag.', menu: 'Wat wil je doen?', more: 'Bel Geldfit: 0800-8115.' });
    // Every translation keeps the same number, or the translation lint would (rightly) report it too.
    for (const lng of locales.filter((l) => l !== 'nl')) files[`content/${lng}/start.yaml`] = toYaml({ welcome: 'Hi, glad to help.', menu: 'What do you want to do?', more: 'Call Geldfit: 0800-8115.' });
    expect(await checkContent(await writeTree('unsourced', files))).toEqual(['content[nl] start.more: states a number but has no source in content/sources.yaml']);
    const source = { title: 'Hulplijn', publisher: 'Geldfit', url: 'https://www.geldfit.nl/', date: 'ongedateerd', evidence: '[E49]' };
    files['content/sources.yaml'] = toYaml({ organisations: ['Geldfit'], sources: { E49: source }, messages: {} });
    expect(await checkContent(await writeTree('unsourced-org', files))).toEqual([
      'content[nl] start.more: states a number, Geldfit but has no source in content/sources.yaml',
    ]);
    files['content/sources.yaml'] = toYaml({ organisations: ['Geldfit'], sources: { E49: source }, messages: { 'start.more': ['E49'] } });
    expect(await checkContent(await writeTree('sourced', files))).toEqual([]);
  });

  it('a schema fault stops before the content checks and names the file', async () => {
    const files = validTree();
    files['dialogs/start.yaml'] = startDialog.replace('type: say, text: more, next: menu', 'type: say, text: more');
    expect(await checkContent(await writeTree('schema', files))).toEqual(['file[start.yaml] node[more] next: Invalid input: expected string, received undefined']);
  });

  it('a template that does not compile is reported with its file and key', async () => {
    const files = validTree();
    files['content/en/start.yaml'] = toYaml({ welcome: 'Hi {{#if}}', menu: 'Menu?', more: 'More.' });
    const findings = await checkContent(await writeTree('template', files));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^content\/en\/start welcome: /);
  });
});

describe('npm run lint:dialogs (the CLI)', () => {
  it('exits 0 on the valid tree', async () => {
    const { code, stdout } = await cli(await writeTree('cli-valid', validTree()));
    expect(code).toBe(0);
    expect(stdout).toBe('lint:dialogs: dialogs and content are fine\n');
  });

  it('exits 1 on the broken tree and prints each finding on its own line', async () => {
    const { code, stdout } = await cli(await writeTree('cli-broken', brokenTree()));
    expect(code).toBe(1);
    expect(stdout).toBe(`${brokenFindings.join('\n')}\nlint:dialogs: 2 finding(s)\n`);
  });
});
