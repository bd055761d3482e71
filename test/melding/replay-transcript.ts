import { readTranscript, type Transcript } from '../transcripts/transcript-harness.js';
import { newSession, turn, type BotMessage, type WebSession } from '../channels/web/web-client.js';

export type Send = Transcript['steps'][number]['send'];

export interface ReplayOptions {
  /** Typed texts of the transcript (matched exactly) to send as something else, e.g. `{ Utrecht: 'Zwolle' }`. */
  readonly replace?: Readonly<Record<string, string>>;
  /** Stop after the step that sends this payload (e.g. `choice:send`); default: every step. */
  readonly through?: string;
}

export interface ReplayedTranscript {
  readonly session: WebSession;
  readonly transcript: Transcript;
  /** What was sent at each step and the bot's answer, as the web API returned it. */
  readonly turns: readonly { readonly send: Send; readonly replies: readonly BotMessage[] }[];
}

/**
 * Plays the `send` steps of a recorded transcript (test/transcripts/<file>) in a new web session of a running
 * app, through POST /api/messages, so a test follows the dialog as the transcripts record it. The recorded
 * answers are not compared (the transcripts test does that); a step the dialog refuses fails the replay.
 */
export async function replayTranscript(url: string, file: string, options: ReplayOptions = {}): Promise<ReplayedTranscript> {
  const transcript = await readTranscript(file);
  const replace = new Map(Object.entries(options.replace ?? {}));
  const steps = stepsThrough(transcript, options.through, file);
  const unused = [...replace.keys()].filter((text) => !steps.some((s) => 'text' in s.send && s.send.text === text));
  // A replacement that matches nothing would silently test the recorded text instead.
  if (unused.length > 0) throw new Error(`${file}: no step types ${unused.map((t) => JSON.stringify(t)).join(', ')}`);

  const session = await newSession(url, { locale: transcript.locale });
  const turns: { send: Send; replies: BotMessage[] }[] = [];
  for (const [i, { send }] of steps.entries()) {
    const sent: Send = 'text' in send ? { text: replace.get(send.text) ?? send.text } : send;
    const replies = await turn(url, session.token, sent).catch((e: unknown) => {
      throw new Error(`${file} step ${i + 1} (${JSON.stringify(send)}): ${e instanceof Error ? e.message : String(e)}`);
    });
    turns.push({ send: sent, replies });
  }
  return { session, transcript, turns };
}

function stepsThrough(t: Transcript, payload: string | undefined, file: string): Transcript['steps'] {
  if (payload === undefined) return t.steps;
  const last = t.steps.findIndex((s) => 'payload' in s.send && s.send.payload === payload);
  if (last < 0) throw new Error(`${file}: no step sends ${payload}`);
  return t.steps.slice(0, last + 1);
}
