import { randomUUID } from 'node:crypto';
import type { FakeTeamsCloud } from './fake-teams-cloud.js';

export const TEAMS_APP_ID = '00000000-0000-4000-8000-00000000b0b1';
export const TEAMS_TENANT = 'tenant-1';

/** Env for a server whose Teams channel talks to the fake cloud. */
export function teamsEnv(cloud: FakeTeamsCloud): Record<string, string> {
  return {
    TEAMS_APP_ID,
    // Set so the channel is on; the tests' `token` option supplies the outbound tokens instead.
    TEAMS_APP_PASSWORD: 'not-used-with-the-token-option',
    TEAMS_TENANT_ID: TEAMS_TENANT,
    TEAMS_OPENID_METADATA_URL: cloud.openIdMetadataUrl,
    TEAMS_LOGIN_ENDPOINT: cloud.loginEndpoint,
  };
}

export interface TeamsUserFixture {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
}

export function teamsUser(name: string): TeamsUserFixture {
  return { id: `29:${randomUUID()}`, aadObjectId: randomUUID(), name };
}

type Activity = Record<string, unknown>;

/** Builds activities as Teams sends them and posts them to the bot with a token the fake cloud signed. */
export function teamsClient(appUrl: string, cloud: FakeTeamsCloud) {
  const base = (user: TeamsUserFixture, conversation: Record<string, unknown>): Activity => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: cloud.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'nl-NL',
    from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
    recipient: { id: `28:${TEAMS_APP_ID}`, name: 'huurhulp' },
    conversation: { tenantId: TEAMS_TENANT, ...conversation },
    channelData: { tenant: { id: TEAMS_TENANT } },
  });
  const personal = (user: TeamsUserFixture) => ({ id: `a:personal-${user.id}`, conversationType: 'personal' });
  return {
    /** A token as the Bot Connector signs it for this bot; claims override the defaults. */
    token: (claims: Record<string, unknown> = {}) => cloud.sign({ aud: TEAMS_APP_ID, serviceurl: cloud.serviceUrl, ...claims }),
    message: (user: TeamsUserFixture, text: string): Activity => ({ ...base(user, personal(user)), type: 'message', text }),
    /** An Action.Submit press: a message whose value is the button's data. */
    submit: (user: TeamsUserFixture, value: Record<string, unknown>, conversation?: Record<string, unknown>): Activity => ({ ...base(user, conversation ?? personal(user)), type: 'message', value }),
    /** "meldingen hier" in a team channel, with the @mention Teams adds. */
    channelMessage: (user: TeamsUserFixture, text: string, channelId = '19:alerts@thread.tacv2'): Activity => ({
      ...base(user, { id: `${channelId};messageid=${Date.now()}`, conversationType: 'channel', isGroup: true }),
      type: 'message',
      text: `<at>huurhulp</at> ${text}`,
      entities: [{ type: 'mention', text: '<at>huurhulp</at>', mentioned: { id: `28:${TEAMS_APP_ID}`, name: 'huurhulp' } }],
      channelData: { tenant: { id: TEAMS_TENANT }, team: { id: '19:team', name: 'Meldpunt' }, channel: { id: channelId, name: 'Spoed' } },
    }),
    /** An Action.Execute press on a card in a channel. */
    execute: (user: TeamsUserFixture, verb: string, data: Record<string, unknown>, replyToId: string, channelId = '19:alerts@thread.tacv2'): Activity => ({
      ...base(user, { id: `${channelId};messageid=${replyToId}`, conversationType: 'channel', isGroup: true }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }),
    async post(activity: Activity, authorization: string | null = `Bearer ${cloud.sign({ aud: TEAMS_APP_ID, serviceurl: cloud.serviceUrl })}`): Promise<{ status: number; body: unknown }> {
      const res = await fetch(`${appUrl}/api/teams/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
  };
}
