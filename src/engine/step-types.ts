import type { ActionRegistry } from './actions/action-registry.js';
import type { DialogSet } from './dialog-set.js';
import type { Effect } from './effects.js';
import type { Lexicon } from './lexicon.js';
import type { SessionState } from './session-state.js';

export type Input = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'payload'; readonly payload: string };

export interface StepContext {
  readonly dialogs: DialogSet;
  readonly lexicon: Lexicon;
  readonly actions: ActionRegistry;
  readonly now: Date;
  /** All label texts (every language) for a label key, to match typed answers to buttons. */
  readonly labelTexts: (ns: string, labelKey: string) => readonly string[];
  /** Called for every node the step passes through (transcript coverage); optional. */
  readonly onVisit?: (dialog: string, node: string) => void;
}

export interface StepResult {
  readonly state: SessionState;
  readonly effects: readonly Effect[];
  /** Set when the input was refused; the state is then unchanged. */
  readonly refused?: 'unknown_payload';
}
