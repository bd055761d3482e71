import type { AnswerValue } from '../dialog-schema.js';
import type { Effect } from '../effects.js';
import type { Answers } from '../session-state.js';

export interface ActionResult {
  /** Answers to store. */
  readonly set: Readonly<Answers>;
  /** Chooses the continuation via the node's `on` map; the node's `next` otherwise. */
  readonly outcome: string;
  /** Effects for the host (e.g. store a report); most actions have none. */
  readonly effects?: readonly Effect[];
}

/** Injected sources an action may draw on; the engine never makes its own randomness. */
export interface ActionTools {
  readonly newCode?: () => string;
}

/** A named pure function a dialog may call. It gets the node's args, the answers, the clock's reading and the injected tools. */
export type Action = (args: Readonly<Record<string, AnswerValue>>, answers: Readonly<Answers>, now: Date, tools?: ActionTools) => ActionResult;

/** Outcomes each action can return, so the dialog lint can check `on:` maps. */
export interface ActionDefinition {
  readonly run: Action;
  readonly outcomes: readonly string[];
}
