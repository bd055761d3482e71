import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OUTBOUND_TOKEN, signJwt, startFakeTeamsCloud, type FakeTeamsCloud } from '../../helpers/fake-teams-cloud.js';
import { teamsConversationId } from '../../../src/channels/teams/teams-people.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { TEAMS_APP_ID, teamsClient, teamsEnv, teamsUser } from '../../helpers/teams-client.js';

let cloud: FakeTeamsCloud;
let app: StartedApp;
let teams: ReturnType<typeof teamsClient>;
const person = teamsUser('Iemand');
const now = () => Math.floor(Date.now() / 1000);
const secret = 's'.repeat(43);
const conversationId = teamsConversationId(secret, `a:personal-${person.id}`);

beforeAll(async () => {
  cloud = await startFakeTeamsCloud();
  app = await startApp({ secret, env: teamsEnv(cloud), teams: { teamsToken: async () => OUTBOUND_TOKEN } });
  teams = teamsClient(app.url, cloud);
});

afterAll(async () => {
  await app?.close();
  await cloud?.close();
});

/** Nothing reached the runtime: no session for the person's conversation, and the bot sent nothing. */
async function nothingReachedTheRuntime(): Promise<void> {
  expect(cloud.calls).toEqual([]);
  expect(await app.stores.sessions.get(conversationId)).toBeNull();
}

describe('Teams inbound authentication (real server, local OpenID + JWKS)', () => {
  test.each([
    ['missing token', null],
    ['not a bearer JWT', 'Bearer nonsense'],
    ['wrong key (unknown kid)', () => `Bearer ${cloud.sign({ aud: TEAMS_APP_ID, serviceurl: cloud.serviceUrl }, cloud.newKey())}`],
    ['wrong key (published kid, other key)', () => `Bearer ${signJwt({ iss: 'https://api.botframework.com', aud: TEAMS_APP_ID, serviceurl: cloud.serviceUrl, exp: now() + 600 }, { ...cloud.newKey(), kid: cloud.key.kid })}`],
    ['wrong audience', () => `Bearer ${teams.token({ aud: 'another-bot' })}`],
    ['expired (beyond the 5 minutes of clock skew)', () => `Bearer ${teams.token({ iat: now() - 3600, nbf: now() - 3600, exp: now() - 400 })}`],
    ['wrong issuer', () => `Bearer ${teams.token({ iss: 'https://sts.example.com' })}`],
    ['serviceurl mismatch', () => `Bearer ${teams.token({ serviceurl: 'https://evil.example/' })}`],
    ['no serviceurl claim', () => `Bearer ${teams.token({ serviceurl: undefined })}`],
    ['an Entra token of some tenant (the SDK would check it against that tenant\'s own keys)', () => `Bearer ${signJwt({ iss: `${cloud.loginEndpoint}/${cloud.tenantId}/v2.0`, tid: cloud.tenantId, aud: TEAMS_APP_ID, exp: now() + 600 }, cloud.tenantKey)}`],
  ])('%s: 401 and nothing reaches the runtime', async (_name, authorization) => {
    const header = typeof authorization === 'function' ? authorization() : authorization;
    const res = await teams.post(teams.message(person, 'hallo'), header);
    expect(res.status).toBe(401);
    await nothingReachedTheRuntime();
  });

  // Found by the fuzz test (issue #11 §4): refusals answered {"error":"unauthorized"} (ours) and {"error":"…"} (the
  // SDK's), not the app's error body.
  test.each([
    ['no token', () => null],
    ['refused before token validation (serviceurl mismatch)', () => `Bearer ${teams.token({ serviceurl: 'https://evil.example/' })}`],
    ['refused by the SDK (wrong audience)', () => `Bearer ${teams.token({ aud: 'another-bot' })}`],
  ])('%s: the body is the app\'s error body', async (_name, authorization) => {
    const res = await teams.post(teams.message(person, 'hallo'), authorization());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'TOKEN_INVALID', message: expect.any(String) } });
  });

  test('an activity without a serviceUrl is refused even with a valid token', async () => {
    const { serviceUrl: _omitted, ...activity } = teams.message(person, 'hallo');
    expect((await teams.post(activity)).status).toBe(401);
    await nothingReachedTheRuntime();
  });

  test('a valid token reaches the bot, which answers through the fake connector with the SDK\'s outbound token', async () => {
    const res = await teams.post(teams.message(person, 'hallo'));
    expect(res.status).toBe(200);
    const calls = await cloud.waitForCalls((c) => c.length > 0);
    expect(calls[0]).toMatchObject({ method: 'POST', conversationId: `a:personal-${person.id}`, authorization: `Bearer ${OUTBOUND_TOKEN}` });
    expect(await app.stores.sessions.get(conversationId)).not.toBeNull();
  });
});
