import { webCapabilities } from '../../src/channels/web/web-channel.js';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createRenderer } from '../../src/content/create-renderer.js';
import { createTranslator } from '../../src/content/create-translator.js';
import { loadContent } from '../../src/content/load-content.js';
import { defaultActions } from '../../src/engine/actions/action-registry.js';
import { step } from '../../src/engine/step.js';
import type { Input } from '../../src/engine/step-types.js';
import { createRuntime, noVolunteerQueue } from '../../src/runtime/handle-turn.js';
import { labelLookup, loadDialogs, rootDir } from '../../src/server.js';
import { createMemoryStores } from '../../src/store/create-stores.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';

const script: Input[] = [
  { kind: 'payload', payload: 'intent:start' },
  { kind: 'payload', payload: 'choice:tenant' },
  { kind: 'payload', payload: 'choice:dagvaarding' },
  { kind: 'text', text: 'volgende week woensdag' },
];

/** Conversation turns per second: the pure engine step alone, and a full runtime turn (memory store + rendering). */
export async function benchTurns(): Promise<string[]> {
  const [dialogs, bundle] = await Promise.all([loadDialogs(), loadContent(rootDir)]);
  const renderer = createRenderer(bundle, createTranslator(bundle));
  const clock = fixedClock('2026-11-22T10:00:00+01:00');
  const ctx = { dialogs, lexicon: bundle.lexicon, actions: defaultActions, now: clock.now(), labelTexts: labelLookup(bundle) };
  const conversations = 5000;
  let t0 = performance.now();
  for (let i = 0; i < conversations; i++) {
    let state = null;
    for (const input of script) state = step(state, input, ctx).state;
  }
  const engineMs = performance.now() - t0;
  const stores = createMemoryStores({ clock, sessionTtlSeconds: 3600 });
  const runtime = createRuntime({ sessions: stores.sessions,
        turns: stores.turns, messages: stores.messages, transcripts: stores.transcripts,
        meldingen: stores.meldingen,
        statusAttempts: stores.statusAttempts, bus: stores.bus, dialogs, lexicon: bundle.lexicon, actions: defaultActions, renderer, channelCapabilities: () => webCapabilities, labelTexts: labelLookup(bundle), handoff: noVolunteerQueue, clock, logger: createLogger('silent') });
  const runtimeConversations = 2000;
  t0 = performance.now();
  for (let i = 0; i < runtimeConversations; i++) {
    for (const input of script) await runtime.handleTurn({ conversationId: `bench${i}`, input, channel: 'web' });
  }
  const runtimeMs = performance.now() - t0;
  await stores.close();
  const turns = conversations * script.length;
  const rturns = runtimeConversations * script.length;
  return [
    `engine step: ${Math.round(turns / (engineMs / 1000)).toLocaleString('en')} turns/s (${((engineMs * 1000) / turns).toFixed(1)} µs/turn, ${turns} turns)`,
    `runtime turn (memory store, render): ${Math.round(rturns / (runtimeMs / 1000)).toLocaleString('en')} turns/s (${((runtimeMs * 1000) / rturns).toFixed(1)} µs/turn)`,
    `runtime/engine cost ratio: ${(runtimeMs / rturns / (engineMs / turns)).toFixed(1)}x`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchTurns()) process.stdout.write(`${line}\n`);
}
