import { z } from 'zod/v4';

import { locales, type Locale } from '../shared/locale-registry.js';

export { locales, type Locale };
/** A shipped locale code (the registry decides which). */
export const localeSchema = z.enum(locales as readonly [Locale, ...Locale[]]);

const answerValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
const position = z.strictObject({ dialog: z.string().max(64), node: z.string().max(64) });
export type Position = z.infer<typeof position>;

/** Version 1 of the stored conversation state. Bump `v` and add a migration in migrateState when the shape changes. */
export const sessionStateV1Schema = z.strictObject({
  v: z.literal(1),
  locale: localeSchema,
  /** `new`: nothing said yet; `active`: waiting at `at`; `paused`/`ended`: the next message resumes or restarts. */
  status: z.enum(['new', 'active', 'paused', 'ended']),
  at: position.nullable(),
  /** Earlier ask positions, for "terug" (bounded). */
  history: z.array(position).max(30),
  answers: z.record(z.string().max(64), answerValue),
  /** A question of the engine itself that waits for yes/no (e.g. confirm delete). */
  pending: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('confirm_delete') }),
      z.strictObject({
        kind: z.literal('confirm_handoff'),
        reason: z.string().max(64),
        priority: z.enum(['crisis', 'urgent', 'soon', 'normal']),
        /** Where the dialog goes on after the answer (a dialog's handoff node); null: back to the current question. */
        then: position.nullable().default(null),
        /** Answer names for the volunteer's summary; all answers when absent. */
        summary: z.array(z.string().max(64)).max(50).optional(),
      }),
    ])
    .nullable(),
  /** Payloads of the options last shown, in order, so a typed "2" picks the second (channels without buttons number them). */
  shown: z.array(z.string().max(128)).max(10).optional(),
  /** Counts turns; useful in logs and to spot replays. */
  turn: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SessionState = z.infer<typeof sessionStateV1Schema>;
export type Answers = SessionState['answers'];
export type Pending = NonNullable<SessionState['pending']>;

/** Any stored version we can still read. */
const storedStateSchema = z.discriminatedUnion('v', [sessionStateV1Schema]);

/** Parses a stored document, migrating older versions forward. Returns null for anything unreadable. */
export function migrateState(doc: unknown): SessionState | null {
  const parsed = storedStateSchema.safeParse(doc);
  return parsed.success ? parsed.data : null;
}

export function newSessionState(locale: Locale, now: Date): SessionState {
  const iso = now.toISOString();
  return { v: 1, locale, status: 'new', at: null, history: [], answers: {}, pending: null, turn: 0, createdAt: iso, updatedAt: iso };
}
