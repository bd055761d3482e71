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
  /** The reference code the engine drew (from the injected id source) and already told the person. */
  readonly code: string;
  readonly answers: Readonly<Answers>;
}

/** A line from the person for the volunteer who holds (or will take) the chat. */
export interface RelayEffect {
  readonly type: 'relay';
  readonly text: string;
}

/** Crisis words while a volunteer holds or is about to take the chat: alert the console at once. */
export interface CrisisAlertEffect {
  readonly type: 'crisis_alert';
}

/** The person stops waiting for a volunteer. */
export interface CancelHandoffEffect {
  readonly type: 'cancel_handoff';
}

/** "status HH-…": the host looks the report up, for this conversation only. */
export interface StatusLookupEffect {
  readonly type: 'status_lookup';
  readonly code: string;
}

export interface DeleteDataEffect {
  readonly type: 'delete_data';
}

export interface EndEffect {
  readonly type: 'end';
}

export type Effect =
  | MessageEffect
  | HandoffEffect
  | StoreMeldingEffect
  | DeleteDataEffect
  | EndEffect
  | RelayEffect
  | CrisisAlertEffect
  | CancelHandoffEffect
  | StatusLookupEffect;
