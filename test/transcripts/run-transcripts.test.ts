import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, listTranscripts, readTranscript, writeTranscript, type Harness } from './transcript-harness.js';

// Tests read the environment freely; UPDATE_TRANSCRIPTS=1 rewrites the expected outputs for review in the diff.
const update = process.env.UPDATE_TRANSCRIPTS === '1';
const files = await listTranscripts();
let harness: Harness;

beforeAll(async () => {
  harness = await createHarness();
});

describe('transcripts', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file, async () => {
      const t = await readTranscript(file);
      const replay = await harness.replay(t);
      // The key sentences hold in update mode too: a rewrite must never lose what the path is for.
      const said = replay.steps.flatMap((s) => s.expect.map((m) => m.text)).join('\n');
      for (const sentence of t.key_sentences ?? []) expect(said, `${file}: the bot never says "${sentence}"`).toContain(sentence);
      if (update) {
        await writeTranscript(file, t, replay);
        return;
      }
      t.steps.forEach((s, i) => {
        expect(s.expect, `${file} step ${i + 1} has no expected output; run UPDATE_TRANSCRIPTS=1`).toBeDefined();
      });
      expect(replay.steps.map((s) => s.expect)).toEqual(t.steps.map((s) => s.expect));
      expect(replay.final).toEqual(t.final);
    });
  }
});

describe('transcript coverage', () => {
  // Runs after the transcripts above (tests in a file run in order), so it sees every visit.
  it.skipIf(update)('visits every node of every dialog', () => {
    const missing: string[] = [];
    for (const dialog of harness.dialogs.values()) {
      for (const node of Object.keys(dialog.nodes)) if (!harness.visited.has(`${dialog.id}/${node}`)) missing.push(`${dialog.id}/${node}`);
    }
    expect(missing, `nodes no transcript visits:\n${missing.join('\n')}`).toEqual([]);
  });
});
