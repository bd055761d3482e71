import type { HandoffEffect } from '../engine/effects.js';
import type { Locale } from '../engine/session-state.js';
import type { HumanMode } from '../engine/step-types.js';
import type { Melding } from '../domain/melding/melding.js';

export interface HandoffRequestResult {
  readonly status: 'created' | 'existing' | 'raised' | 'unavailable';
  readonly ticketId: string | null;
  /** 1-based place among waiting tickets; null when unknown. */
  readonly position: number | null;
  readonly waitSeconds: number | null;
}

/** What the runtime needs of the volunteer queue. The queue is the source of truth for "is a human involved". */
export interface HandoffPort {
  mode(conversationId: string): Promise<{ readonly mode: HumanMode; readonly ticketId: string | null }>;
  /** Opening hours and volunteers actually signed in. */
  online(now: Date): Promise<boolean>;
  request(conversationId: string, effect: HandoffEffect, meta: { channel: string; locale: Locale }): Promise<HandoffRequestResult>;
  cancel(conversationId: string): Promise<void>;
  /** Removes the conversation's open ticket and its summary entirely (data deletion on request). */
  erase(conversationId: string): Promise<void>;
  /** Puts a stored report in the queue as a ticket of kind `melding`. */
  requestMelding(melding: Melding, meta: { channel: string; locale: Locale }): Promise<void>;
}

/** No queue at all (tests of the bot alone): every handoff is `unavailable`, honestly. */
export const noVolunteerQueue: HandoffPort = {
  mode: async () => ({ mode: 'none', ticketId: null }),
  online: async () => false,
  request: async () => ({ status: 'unavailable', ticketId: null, position: null, waitSeconds: null }),
  cancel: async () => undefined,
  erase: async () => undefined,
  requestMelding: async () => undefined,
};
