import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { z } from 'zod/v4';
import { createRenderer } from '../../src/content/create-renderer.js';
import { createTranslator } from '../../src/content/create-translator.js';
import { loadContent } from '../../src/content/load-content.js';
import { defaultActions } from '../../src/engine/actions/action-registry.js';
import type { DialogSet } from '../../src/engine/dialog-set.js';
import { localeSchema, migrateState } from '../../src/engine/session-state.js';
import { sourceLocale } from '../../src/shared/locale-registry.js';
import { createRuntime, type Runtime } from '../../src/runtime/handle-turn.js';
import { queueHandoffPort } from '../../src/runtime/queue-handoff-port.js';
import { createHandoff } from '../../src/handoff/create-handoff.js';
import { labelLookup, loadDialogs, rootDir } from '../../src/server.js';
import { createMemoryStores } from '../../src/store/create-stores.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { numberedText, plainWithButtons } from '../helpers/capabilities.js';

export const transcriptDir = path.join(rootDir, 'test', 'transcripts');

const messageSchema = z.strictObject({ text: z.string(), buttons: z.array(z.string()).optional(), input: z.string().optional() });
const stepSchema = z.strictObject({
  send: z.union([z.strictObject({ text: z.string() }), z.strictObject({ payload: z.string() })]),
  expect: z.array(messageSchema).optional(),
});
export const transcriptSchema = z.strictObject({
  description: z.string().optional(),
  /** Sentences the bot must say somewhere in this conversation: what the path is for (checked apart from `expect`). */
  key_sentences: z.array(z.string().min(10)).optional(),
  now: z.string(),
  locale: localeSchema.default(sourceLocale),
  /** Whether a volunteer can answer (opening hours and someone signed in); default true. */
  online: z.boolean().optional(),
  /** false: no reference codes can be drawn (the report cannot be sent), to cover that path. */
  codes: z.boolean().optional(),
  /** `sms`: rendered for a channel without buttons (numbered choices, answered by digit); default: buttons listed apart. */
  channel: z.enum(['sms']).optional(),
  steps: z.array(stepSchema).min(1),
  final: z
    .strictObject({ status: z.string(), at: z.string().nullable(), locale: z.string(), answers: z.record(z.string(), z.unknown()) })
    .optional(),
});
export type Transcript = z.infer<typeof transcriptSchema>;
export type TranscriptMessage = z.infer<typeof messageSchema>;

export interface Replayed {
  readonly steps: { send: Transcript['steps'][number]['send']; expect: TranscriptMessage[] }[];
  readonly final: NonNullable<Transcript['final']>;
}

export async function listTranscripts(): Promise<string[]> {
  return (await readdir(transcriptDir)).filter((f) => f.endsWith('.yaml')).sort();
}

export async function readTranscript(file: string): Promise<Transcript> {
  return transcriptSchema.parse(parseYaml(await readFile(path.join(transcriptDir, file), 'utf8')));
}

export async function writeTranscript(file: string, t: Transcript, replay: Replayed): Promise<void> {
  const doc = { ...(t.description ? { description: t.description } : {}), ...(t.key_sentences ? { key_sentences: t.key_sentences } : {}), now: t.now, locale: t.locale, ...(t.online !== undefined ? { online: t.online } : {}), ...(t.codes !== undefined ? { codes: t.codes } : {}), ...(t.channel !== undefined ? { channel: t.channel } : {}), steps: replay.steps, final: replay.final };
  await writeFile(path.join(transcriptDir, file), stringify(doc, { lineWidth: 0 }));
}

export interface Harness {
  readonly dialogs: DialogSet;
  readonly visited: Set<string>;
  replay(t: Transcript): Promise<Replayed>;
}

/** Replays recorded inputs through the real runtime (memory store, fixed clock), rendering as plain text. */
export async function createHarness(): Promise<Harness> {
  const [dialogs, bundle] = await Promise.all([loadDialogs(), loadContent(rootDir)]);
  const renderer = createRenderer(bundle, createTranslator(bundle));
  const visited = new Set<string>();
  return {
    dialogs,
    visited,
    async replay(t) {
      const clock = fixedClock(t.now);
      const stores = createMemoryStores({ clock, sessionTtlSeconds: 3600 });
      const handoff = createHandoff({ kind: 'memory', clock });
      let codes = 0;
      const runtime: Runtime = createRuntime({
        sessions: stores.sessions,
        turns: stores.turns,
        messages: stores.messages,
        transcripts: stores.transcripts,
        meldingen: stores.meldingen,
        statusAttempts: stores.statusAttempts,
        bus: stores.bus,
        // Reference codes are drawn from a fixed sequence, so transcripts are stable.
        ...(t.codes === false ? {} : { newCode: () => `HH-7K3M9${'ACDEFHJKMNPRTUVWXY'[codes++ % 18] ?? 'A'}` }),
        dialogs,
        lexicon: bundle.lexicon,
        actions: defaultActions,
        renderer,
        channelCapabilities: () => (t.channel === 'sms' ? numberedText : plainWithButtons),
        labelTexts: labelLookup(bundle),
        handoff: queueHandoffPort({ queue: handoff.queue, online: async () => t.online ?? true }),
        openingHours: 'ma-vr 09:00-17:00',
        clock,
        logger: createLogger('silent'),
        onVisit: (d, n) => visited.add(`${d}/${n}`),
      });
      const steps: Replayed['steps'] = [];
      for (const s of t.steps) {
        const input = 'text' in s.send ? { kind: 'text' as const, text: s.send.text } : { kind: 'payload' as const, payload: s.send.payload };
        const out = await runtime.handleTurn({ conversationId: 'transcript', input, channel: t.channel ?? 'web', locale: t.locale }).catch((e: unknown) => {
          throw new Error(`step ${steps.length + 1} (${JSON.stringify(s.send)}) failed: ${e instanceof Error ? e.message : String(e)}`);
        });
        steps.push({
          send: s.send,
          expect: out.messages.map((m) => ({ text: m.text, ...(m.quick_replies ? { buttons: m.quick_replies.map((q) => `${q.title} [${q.payload}]`) } : {}), ...(m.input ? { input: m.input } : {}) })),
        });
      }
      const stored = await stores.sessions.get('transcript');
      const state = stored ? migrateState(stored.doc) : null;
      await stores.close();
      await handoff.close();
      const final = state
        ? { status: state.status, at: state.at ? `${state.at.dialog}/${state.at.node}` : null, locale: state.locale, answers: state.answers }
        : { status: 'deleted', at: null, locale: t.locale, answers: {} };
      return { steps, final };
    },
  };
}
