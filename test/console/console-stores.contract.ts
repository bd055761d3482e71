import { describe, expect, test } from 'vitest';
import type { CannedDefaults, CannedReplyStore } from '../../src/console/canned-reply-store.js';
import { maxNotesPerTicket, type NoteStore } from '../../src/console/note-store.js';

export interface ConsoleStoresUnderTest {
  readonly notes: NoteStore;
  readonly canned: CannedReplyStore;
  readonly defaults: CannedDefaults;
}

/** What every NoteStore and CannedReplyStore must do, whatever it keeps its data in. */
export function consoleStoresContract(name: string, make: () => Promise<ConsoleStoresUnderTest>): void {
  describe(`${name} note store`, () => {
    test('keeps notes per ticket, oldest first; delete removes them', async () => {
      const { notes } = await make();
      const first = await notes.add('t-1', { by: 'anna', text: 'Eerste notitie' }, new Date('2026-01-05T09:00:00Z'));
      const second = await notes.add('t-1', { by: 'bram', text: 'Tweede "notitie" € \n met regel' }, new Date('2026-01-05T09:01:00Z'));
      await notes.add('t-2', { by: 'anna', text: 'Ander ticket' });
      expect(first).toEqual({ id: expect.any(String), at: '2026-01-05T09:00:00.000Z', by: 'anna', text: 'Eerste notitie' });
      expect(first.id).not.toBe(second.id);
      expect(await notes.list('t-1')).toEqual([first, second]);
      expect((await notes.list('t-2')).map((n) => n.text)).toEqual(['Ander ticket']);
      expect(await notes.list('t-none')).toEqual([]);
      expect(await notes.delete('t-1')).toBe(true);
      expect(await notes.delete('t-1')).toBe(false);
      expect(await notes.list('t-1')).toEqual([]);
      expect(await notes.list('t-2')).toHaveLength(1);
    });

    test(`keeps the newest ${maxNotesPerTicket} notes of a ticket`, async () => {
      const { notes } = await make();
      for (let i = 0; i < maxNotesPerTicket + 2; i++) await notes.add('t-many', { by: 'anna', text: `n${i}` });
      const kept = await notes.list('t-many');
      expect(kept).toHaveLength(maxNotesPerTicket);
      expect(kept[0]?.text).toBe('n2');
      expect(kept.at(-1)?.text).toBe(`n${maxNotesPerTicket + 1}`);
    });

    test('refuses ids that are not usable key parts', async () => {
      const { notes } = await make();
      await expect(notes.add('a b', { by: 'anna', text: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });

  describe(`${name} canned reply store`, () => {
    test('the shipped set until a list is saved; each language on its own', async () => {
      const { canned, defaults } = await make();
      expect(await canned.get('nl')).toEqual({ locale: 'nl', replies: defaults.nl, source: 'default', updatedBy: null, updatedAt: null });
      const replies = [{ id: 'kort', title: 'Kort', text: 'Ik ben er zo.' }];
      const saved = await canned.set('nl', replies, 'coco', new Date('2026-01-05T10:00:00Z'));
      expect(saved).toEqual({ locale: 'nl', replies, source: 'stored', updatedBy: 'coco', updatedAt: '2026-01-05T10:00:00.000Z' });
      expect(await canned.get('nl')).toEqual(saved);
      expect((await canned.get('en')).replies).toEqual(defaults.en);
      // An empty list is a choice, not "use the defaults".
      expect((await canned.set('en', [], 'coco')).replies).toEqual([]);
      expect(await canned.get('en')).toMatchObject({ source: 'stored', replies: [] });
    });

    test('refuses an invalid list and keeps the old one', async () => {
      const { canned } = await make();
      const replies = [{ id: 'a', title: 'A', text: 'Tekst' }];
      await canned.set('nl', replies, 'coco');
      await expect(canned.set('nl', [...replies, ...replies], 'coco')).rejects.toThrow();
      expect((await canned.get('nl')).replies).toEqual(replies);
    });
  });
}
