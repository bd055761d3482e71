import { randomUUID } from 'node:crypto';
import type { RenderedMessage } from '../../content/create-renderer.js';
import type { Locale } from '../../engine/session-state.js';
import type { Input } from '../../engine/step-types.js';
import type { ConversationReference } from '../../runtime/channel-port.js';
import { conversationIdFor } from '../../runtime/conversation-id-for.js';
import type { TeamsStore } from '../../store/teams-store.js';
import type { TeamsActivity } from './teams-activity.js';
import { questionCard, type TeamsText } from './teams-cards.js';
import type { TeamsConnector, TeamsMessage } from './teams-connector.js';

/** One turn of the runtime, as the channel edge offers it. */
export type TeamsTurn = (conversationId: string, input: Input, locale: Locale) => Promise<{ readonly messages: readonly RenderedMessage[]; readonly deleted: boolean }>;

export interface TeamsPeopleDeps {
  readonly turn: TeamsTurn;
  /** Keeps the person's reference so volunteers and the waiting room reach them later (the reference store). */
  readonly saveReference: (reference: ConversationReference) => Promise<void>;
  /** "verwijder mijn gegevens": the reference goes too. */
  readonly eraseReference: (conversationId: string) => Promise<void>;
  readonly store: TeamsStore;
  readonly connector: TeamsConnector;
  readonly t: TeamsText;
  /** The server secret: Teams conversation ids become our conversation ids by a keyed hash. */
  readonly secret: string;
  readonly now: () => Date;
}

/** Our conversation id for a Teams conversation: the edge's keyed hash, so the Teams id never appears in keys or logs. */
export function teamsConversationId(secret: string, teamsConversation: string): string {
  return conversationIdFor(secret, 'teams', teamsConversation);
}

/** A rendered bot message as a Teams message: choices become a card with Action.Submit buttons. */
export function toTeamsMessage(message: RenderedMessage, cardId: string): TeamsMessage {
  return (message.quick_replies?.length ?? 0) > 0 ? { card: questionCard(message, cardId) } : { text: message.text, format: 'markdown' };
}

/**
 * People in a 1:1 chat: every message is one runtime turn, like on the web. A press on a card that is not the last
 * question card gets a kind word and the current question again, instead of answering a question that has passed.
 */
export function createTeamsPeople(deps: TeamsPeopleDeps) {
  const { store, connector } = deps;

  const sendTurn = async (activity: TeamsActivity, conversationId: string, messages: readonly RenderedMessage[], cardId: string): Promise<void> => {
    for (const message of messages) await connector.send(activity.address, toTeamsMessage(message, cardId));
  };

  return {
    async message(activity: TeamsActivity, input: Extract<TeamsActivity['inbound'], { kind: 'text' } | { kind: 'answer' }>): Promise<void> {
      const conversationId = teamsConversationId(deps.secret, activity.address.conversationId);
      await deps.saveReference({ conversationId, channel: 'teams', address: { ...activity.address, userId: activity.user.id }, lastInboundAt: deps.now().toISOString() });
      if (input.kind === 'answer') {
        const last = await store.lastCard(conversationId);
        if (last !== null && last.cardId !== input.cardId) {
          await connector.send(activity.address, { text: deps.t('teams:person.old_card', activity.locale), format: 'plain' });
          await sendTurn(activity, conversationId, last.messages, last.cardId);
          return;
        }
      }
      const turnInput: Input = input.kind === 'answer' ? { kind: 'payload', payload: input.payload } : { kind: 'text', text: input.text };
      const outcome = await deps.turn(conversationId, turnInput, activity.locale);
      if (outcome.deleted) {
        await Promise.all([store.forgetLastCard(conversationId), deps.eraseReference(conversationId)]);
        await sendTurn(activity, conversationId, outcome.messages, randomUUID());
        return;
      }
      const cardId = randomUUID();
      // Every turn is the current question, with buttons or numbered: a press on any earlier card is old.
      await store.setLastCard(conversationId, { cardId, messages: outcome.messages });
      await sendTurn(activity, conversationId, outcome.messages, cardId);
    },
  };
}

export type TeamsPeople = ReturnType<typeof createTeamsPeople>;
