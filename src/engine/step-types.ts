import type { ActionRegistry } from './actions/action-registry.js';
import type { DialogSet } from './dialog-set.js';
import type { Effect } from './effects.js';
import type { Lexicon } from './lexicon.js';
import type { SessionState } from './session-state.js';

/** Things that happen to a conversation from outside: a volunteer joins, leaves, or the chat returns to the queue. */
export const humanEvents = ['human_joined', 'human_left', 'human_requeued'] as const;
export type HumanEvent = (typeof humanEvents)[number];

export type Input =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'payload'; readonly payload: string }
  | { readonly kind: 'event'; readonly name: HumanEvent };

/** Where the conversation stands with the volunteer queue, as the host knows it (the queue is the source of truth). */
export type HumanMode = 'none' | 'waiting' | 'claimed';

export interface StepContext {
  readonly dialogs: DialogSet;
  readonly lexicon: Lexicon;
  readonly actions: ActionRegistry;
  readonly now: Date;
  /** All label texts (every language) for a label key, to match typed answers to buttons. */
  readonly labelTexts: (ns: string, labelKey: string) => readonly string[];
  /** The volunteer queue's view of this conversation; 'none' when absent. */
  readonly human?: HumanMode;
  /** Facts from the host that dialogs may branch on, e.g. `volunteers_online`. Never stored. */
  readonly facts?: Readonly<Record<string, string | number | boolean | null>>;
  /** Injected randomness for reference codes (the engine never draws its own). */
  readonly newCode?: () => string;
  /** Called for every node the step passes through (transcript coverage); optional. */
  readonly onVisit?: (dialog: string, node: string) => void;
}

export interface StepResult {
  readonly state: SessionState;
  readonly effects: readonly Effect[];
  /** Set when the input was refused; the state is then unchanged. */
  readonly refused?: 'unknown_payload';
  /** The label key (ns:key) of the button the person chose, so the host can write it in the transcript. */
  readonly chose?: string;
}
