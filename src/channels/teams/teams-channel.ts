import type { Express } from 'express';
import type { HandoffEvents } from '../../handoff/handoff-events.js';
import type { HandoffQueue } from '../../handoff/handoff-queue.js';
import type { ChannelAdapter } from '../../runtime/channel-port.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ReplyBus } from '../../store/session-store.js';
import type { TeamsStore } from '../../store/teams-store.js';
import { parseTeamsActivity } from './teams-activity.js';
import { createTeamsAdapter } from './teams-adapter.js';
import { startTeamsAlerts, type TeamsAlerts } from './teams-alerts.js';
import type { TeamsText } from './teams-cards.js';
import { createTeamsConnector, type TeamsConnector } from './teams-connector.js';
import { createTeamsPeople, type TeamsPeopleDeps } from './teams-people.js';
import { createTeamsSdkApp, type CardActionAnswer, type TeamsSettings } from './teams-sdk-app.js';
import { createTeamsVolunteers, type VolunteerPersonPort } from './teams-volunteers.js';
import type { RetryPolicy } from './send-with-retry.js';
import { sourceLocale } from '../../shared/locale-registry.js';

export interface TeamsChannelDeps extends Pick<TeamsPeopleDeps, 'turn' | 'saveReference' | 'eraseReference' | 'secret'> {
  readonly settings: TeamsSettings;
  readonly queue: HandoffQueue;
  readonly events: HandoffEvents;
  readonly bus: ReplyBus;
  readonly person: VolunteerPersonPort;
  readonly store: TeamsStore;
  readonly t: TeamsText;
  /** The public base URL of the server (PUBLIC_URL): the cards link to `<base>/console#ticket=<id>`. */
  readonly publicUrl: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tests: shorter waits between send retries. */
  readonly retryPolicy?: RetryPolicy;
}

export interface TeamsChannel {
  /** Mount before the app's global JSON rules (POST /api/teams/messages, its own body limit). */
  readonly router: Express;
  /** The person-side adapter for the channel edge (proactive sends). */
  readonly adapter: ChannelAdapter;
  readonly connector: TeamsConnector;
  readonly alerts: TeamsAlerts;
  close(): Promise<void>;
}

/**
 * Microsoft Teams: people chat 1:1 through the same runtime turn as every channel; volunteers get alert cards in the
 * alert channel, claim with "Oppakken" and chat from their 1:1 chat while they hold a ticket. Every inbound request
 * was authenticated by the SDK before it reaches `onActivity`. A fault in one activity is logged (codes only) and
 * answered 500 by the SDK; it never ends the process.
 */
export async function startTeamsChannel(deps: TeamsChannelDeps): Promise<TeamsChannel> {
  const log = deps.logger.child({ module: 'teams' });
  const sdk = createTeamsSdkApp(deps.settings, deps.logger);
  const connector = createTeamsConnector(sdk.app, deps.logger, deps.retryPolicy);
  const consoleUrl = (ticketId: string): string => `${deps.publicUrl.replace(/\/$/, '')}/console#ticket=${encodeURIComponent(ticketId)}`;
  const people = createTeamsPeople({ ...deps, connector, now: () => deps.clock.now() });
  const volunteers = createTeamsVolunteers({ queue: deps.queue, person: deps.person, store: deps.store, connector, t: deps.t, consoleUrl, clock: deps.clock, logger: deps.logger });
  const alerts = startTeamsAlerts({ queue: deps.queue, events: deps.events, bus: deps.bus, store: deps.store, connector, t: deps.t, consoleUrl, logger: deps.logger });
  await alerts.ready();

  await sdk.start({
    async onActivity(raw) {
      const activity = parseTeamsActivity(raw);
      if (activity === null) return;
      const { inbound } = activity;
      if (inbound.kind === 'other') return;
      if (inbound.kind === 'claim') return volunteers.claimBySubmit(activity, inbound.ticketId);
      if (activity.scope !== 'personal') {
        if (inbound.kind === 'text') await volunteers.channelMessage(activity, inbound.text);
        return;
      }
      if (inbound.kind === 'text' && (await volunteers.personalMessage(activity, inbound.text))) return;
      await people.message(activity, inbound);
    },
    async onCardAction(raw): Promise<CardActionAnswer> {
      const activity = parseTeamsActivity(raw);
      if (activity === null || activity.inbound.kind !== 'claim') {
        log.info('teams card action without a known verb');
        return { kind: 'message', text: deps.t('teams:volunteer.failed', activity?.locale ?? sourceLocale) };
      }
      return volunteers.claim(activity, activity.inbound.ticketId);
    },
  });

  return {
    router: sdk.router,
    adapter: createTeamsAdapter(connector, deps.store),
    connector,
    alerts,
    close: () => alerts.stop(),
  };
}
