import type { AnswerValue } from '../dialog-schema.js';
import type { Answers } from '../session-state.js';

export interface ActionResult {
  /** Answers to store. */
  readonly set: Readonly<Answers>;
  /** Chooses the continuation via the node's `on` map; the node's `next` otherwise. */
  readonly outcome: string;
}

/** A named pure function a dialog may call. It gets the node's args, the answers and the clock's reading. */
export type Action = (args: Readonly<Record<string, AnswerValue>>, answers: Readonly<Answers>, now: Date) => ActionResult;

/** Outcomes each action can return, so the dialog lint can check `on:` maps. */
export interface ActionDefinition {
  readonly run: Action;
  readonly outcomes: readonly string[];
}
