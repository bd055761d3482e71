import type { AnswerValue, InputKind, Priority } from './dialog-schema.js';
import type { Answers } from './session-state.js';

/** A quick reply: the payload the client sends back, and the label's i18next key (namespace included). */
export interface QuickReply {
  readonly payload: string;
  readonly label: string;
}

/** A message as data: the renderer turns `ns`/`key` into text in the conversation's language. */
export interface MessageEffect {
  readonly type: 'message';
  /** Content namespace: a dialog id, or 'common'. */
  readonly ns: string;
  readonly key: string;
  readonly vars: Readonly<Record<string, AnswerValue>>;
  readonly quickReplies: readonly QuickReply[];
  readonly input?: InputKind;
}

/** Ask the host to put the conversation in the volunteer queue. */
export interface HandoffEffect {
  readonly type: 'handoff';
  readonly reason: string;
  readonly priority: Priority;
  /** What the bot knows, so the volunteer never asks twice. */
  readonly summary: Readonly<Answers>;
}

/** Designed for the relative's report (zorgmelding): the host stores it and queues it. */
export interface StoreMeldingEffect {
  readonly type: 'store_melding';
  readonly answers: Readonly<Answers>;
}

export interface DeleteDataEffect {
  readonly type: 'delete_data';
}

export interface EndEffect {
  readonly type: 'end';
}

export type Effect = MessageEffect | HandoffEffect | StoreMeldingEffect | DeleteDataEffect | EndEffect;
