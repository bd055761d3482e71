import type { Attachment } from '@microsoft/teams.api';
import type { App } from '@microsoft/teams.apps';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { Logger } from '../../shared/logger.js';
import type { TeamsAddress } from '../../store/teams-store.js';
import { defaultRetryPolicy, sendWithRetry, type RetryPolicy } from './send-with-retry.js';

/** One outgoing Teams message: text (markdown or plain), or an Adaptive Card. */
export type TeamsMessage = { readonly text: string; readonly format: 'markdown' | 'plain' } | { readonly card: IAdaptiveCard };

/** `stale`: Teams answered 403 (the app was removed, or the user left): stop writing to that conversation. */
export type TeamsSendResult = { readonly ok: true; readonly activityId: string } | { readonly ok: false; readonly reason: 'stale' | 'provider_error'; readonly status: number | null };

/** Outbound Bot Connector calls, with the SDK's tokens, retries and a result instead of a throw. */
export interface TeamsConnector {
  send(address: TeamsAddress, message: TeamsMessage): Promise<TeamsSendResult>;
  update(address: TeamsAddress, activityId: string, message: TeamsMessage): Promise<TeamsSendResult>;
  /** Opens the bot's 1:1 chat with a Teams user (`29:` id) it has not talked to yet; null when Teams refuses. */
  openPersonalChat(serviceUrl: string, tenantId: string | null, botId: string, userId: string): Promise<TeamsAddress | null>;
}

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

function toActivity(message: TeamsMessage): { type: 'message'; text?: string; textFormat?: 'markdown' | 'plain'; attachments?: Attachment[] } {
  if ('card' in message) return { type: 'message', attachments: [{ contentType: CARD_TYPE, content: message.card }] };
  return { type: 'message', text: message.text, textFormat: message.format };
}

export function createTeamsConnector(app: App, logger: Logger, policy: RetryPolicy = defaultRetryPolicy): TeamsConnector {
  const log = logger.child({ module: 'teams-connector' });
  const conversations = (serviceUrl: string) => app.api.fromServiceUrl({ serviceUrl }).conversations;
  const settle = (outcome: Awaited<ReturnType<typeof sendWithRetry<{ id: string }>>>, what: string): TeamsSendResult => {
    if (outcome.ok) return { ok: true, activityId: outcome.value.id };
    // Only the status is logged: the activity holds what someone wrote.
    log.warn({ status: outcome.status, attempts: outcome.attempts, what }, 'teams send failed');
    return { ok: false, reason: outcome.status === 403 ? 'stale' : 'provider_error', status: outcome.status };
  };
  return {
    async send(address, message) {
      return settle(await sendWithRetry(() => conversations(address.serviceUrl).activities(address.conversationId).create(toActivity(message)), policy), 'send');
    },
    async update(address, activityId, message) {
      const outcome = await sendWithRetry(() => conversations(address.serviceUrl).activities(address.conversationId).update(activityId, toActivity(message)), policy);
      return settle(outcome.ok ? { ok: true, value: { id: outcome.value.id || activityId } } : outcome, 'update');
    },
    async openPersonalChat(serviceUrl, tenantId, botId, userId) {
      const outcome = await sendWithRetry(
        () => conversations(serviceUrl).create({ isGroup: false, bot: { id: botId }, members: [{ id: userId, name: '', role: 'user' }], ...(tenantId === null ? {} : { tenantId, channelData: { tenant: { id: tenantId } } }) }),
        policy,
      );
      if (!outcome.ok) {
        log.warn({ status: outcome.status }, 'teams could not open a 1:1 chat');
        return null;
      }
      return { serviceUrl, conversationId: outcome.value.id, tenantId, botId };
    },
  };
}
