import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCannedDefaults } from '../../src/console/canned-defaults.js';
import { createConsoleStores } from '../../src/console/create-console-stores.js';
import { rootDir } from '../../src/server.js';
import { ContentError } from '../../src/shared/errors.js';
import { manualClock } from '../helpers/manual-clock.js';
import { consoleStoresContract } from './console-stores.contract.js';

const defaults = await loadCannedDefaults(rootDir);

consoleStoresContract('memory', async () => {
  const stores = createConsoleStores({ kind: 'memory', clock: manualClock(), ticketTtlSeconds: 3600, cannedDefaults: defaults });
  return { ...stores, defaults };
});

describe('memory console stores', () => {
  test('notes expire the ticket TTL after the last note; canned lists after their own TTL', async () => {
    const clock = manualClock();
    const { notes, canned } = createConsoleStores({ kind: 'memory', clock, ticketTtlSeconds: 60, cannedDefaults: defaults, cannedTtlSeconds: 120 });
    await notes.add('t', { by: 'anna', text: 'een' });
    await canned.set('nl', [], 'coco');
    clock.advance(50_000);
    await notes.add('t', { by: 'anna', text: 'twee' });
    clock.advance(50_000);
    expect(await notes.list('t')).toHaveLength(2);
    clock.advance(10_000);
    expect(await notes.list('t')).toEqual([]);
    expect((await canned.get('nl')).source).toBe('stored');
    clock.advance(10_000);
    expect((await canned.get('nl')).source).toBe('default');
  });
});

describe('loadCannedDefaults', () => {
  test('ships five replies in Dutch and English, with the same ids in the same order', () => {
    expect(defaults.nl).toHaveLength(5);
    expect(defaults.en.map((r) => r.id)).toEqual(defaults.nl.map((r) => r.id));
    for (const reply of [...defaults.nl, ...defaults.en]) expect(reply.text.length).toBeLessThan(300);
  });

  test('a broken file stops the start, naming the file and the fault', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'canned-'));
    for (const lng of ['nl', 'en']) await mkdir(path.join(root, 'content', lng), { recursive: true });
    await writeFile(path.join(root, 'content', 'nl', 'canned-replies.yaml'), 'hallo:\n  title: Hallo\n');
    const error = await loadCannedDefaults(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    const details = error instanceof ContentError ? error.details.join('\n') : '';
    expect(details).toContain('content/nl/canned-replies.yaml hallo.text');
    expect(details).toContain('content/en/canned-replies.yaml: ENOENT');
  });
});
