import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTemplate, readCheckedTemplates, templateKey, writeCheckedTemplates } from '../../src/content/checked-templates.js';
import { createRenderer } from '../../src/content/create-renderer.js';
import { createTranslator } from '../../src/content/create-translator.js';
import { loadContent, type ContentBundle } from '../../src/content/load-content.js';
import { ContentError } from '../../src/shared/errors.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const allTemplates = (b: ContentBundle): string[] => Object.values(b.content).flatMap((nss) => Object.values(nss).flatMap((keys) => Object.values(keys)));

describe('templates checked by the build', () => {
  let dir: string;
  let file: URL;
  let shipped: ContentBundle;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hh-templates-'));
    file = pathToFileURL(path.join(dir, 'prebuilt', 'checked-templates.json'));
    shipped = await loadContent(repoRoot);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The shipped bundle with one broken template added in Dutch. */
  const withBroken = (source: string): ContentBundle => ({ ...shipped, content: { ...shipped.content, nl: { ...shipped.content['nl'], broken: { text: source } } } });

  it('lists every shipped template, and leaves out one that does not compile', async () => {
    const broken = 'Hoi {{#if naam}} zonder einde';
    await writeCheckedTemplates(withBroken(broken), file);
    const checked = await readCheckedTemplates(file);
    for (const source of allTemplates(shipped)) expect(checked.has(templateKey(source))).toBe(true);
    expect(checked.has(templateKey(broken))).toBe(false);
  });

  it('a template the build did not check is still checked at start: a broken one stops the renderer', async () => {
    const broken = 'Bel {{onbekend_hulpje 1}} nu';
    await writeCheckedTemplates(withBroken(broken), file);
    const b = withBroken(broken);
    expect(() => createRenderer(b, createTranslator(b), { checked: new Set() })).toThrow(ContentError);
    const checked = await readCheckedTemplates(file);
    expect(() => createRenderer(b, createTranslator(b), { checked })).toThrow(/content\/nl\/broken text/);
  });

  it('the build list spares the renderer the check, and the texts render the same', async () => {
    await writeCheckedTemplates(shipped, file);
    const checked = await readCheckedTemplates(file);
    // Proof that the list is used: a key in the list is taken as checked (the build never lists a broken text).
    const broken = 'Hoi {{#if naam}} zonder einde';
    const b = withBroken(broken);
    expect(() => createRenderer(b, createTranslator(b), { checked: new Set([...checked, templateKey(broken)]) })).not.toThrow();
    const plain = { buttons: null, list: null, format: 'plain', typing: false, maxMessageLength: 1600, replyWindowHours: null } as const;
    const effect = { type: 'message', ns: 'common', key: 'deleted', vars: { reports: 2 }, quickReplies: [] } as const;
    const fast = createRenderer(shipped, createTranslator(shipped), { checked }).render(effect, 'nl', plain);
    const full = createRenderer(shipped, createTranslator(shipped)).render(effect, 'nl', plain);
    expect(fast).toEqual(full);
    expect(fast.text.length).toBeGreaterThan(10);
  });

  it('npm run build lists every shipped template (the compiled server reads this file)', async () => {
    const built = await readCheckedTemplates(new URL('dist/prebuilt/checked-templates.json', pathToFileURL(repoRoot)));
    const sources = allTemplates(shipped);
    expect(sources.length).toBeGreaterThan(1000);
    for (const source of sources) expect(built.has(templateKey(source))).toBe(true);
  });

  it('a missing or unreadable list checks everything', async () => {
    expect((await readCheckedTemplates(file)).size).toBe(0);
    await writeCheckedTemplates(shipped, file);
    await writeFile(file, '{"format":2,"checked":["x"]}');
    expect((await readCheckedTemplates(file)).size).toBe(0);
    await writeFile(file, 'not json');
    expect((await readCheckedTemplates(file)).size).toBe(0);
  });

  it('a key is a SHA-256 that tells texts apart, even by one space', () => {
    expect(templateKey('Hoi')).not.toBe(templateKey('Hoi '));
    expect(templateKey('Hoi')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a key does not change once templates were checked (Handlebars writes into the options it is given)', () => {
    const before = templateKey('Hoi {{naam}}');
    checkTemplate('Hoi {{naam}}');
    expect(templateKey('Hoi {{naam}}')).toBe(before);
  });
});
