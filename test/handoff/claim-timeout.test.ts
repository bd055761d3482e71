import { afterEach, describe, expect, it } from 'vitest';
import { defaultSweepIntervalMs } from '../../src/console/claim-sweeper.js';
import { manualClock } from '../helpers/manual-clock.js';
import { waitFor } from '../helpers/wait-for.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { newSession } from '../channels/web/web-client.js';
import { helloSocket, type TestSocket } from '../channels/web/socket-client.js';
import { asVolunteer, errorCodeSchema, login, ticketOf } from './console-client.js';
import { askForHuman, frameWithText, textsOf } from './person-client.js';

const password = 'een lang wachtwoord voor de test';

describe('claim timeout end to end', () => {
  let app: StartedApp | undefined;
  let socket: TestSocket | undefined;
  afterEach(async () => {
    await socket?.close();
    await app?.close();
    socket = undefined;
    app = undefined;
  });

  it('a claim without heartbeat goes back to the queue after CLAIM_TIMEOUT_S; the person hears another volunteer is coming', async () => {
    // The app's claim sweeper runs on a real timer but reads the queue's (manual) clock.
    const clock = manualClock('2026-01-05T10:00:00.000Z');
    app = await startApp({
      clock,
      env: { CLAIM_TIMEOUT_S: '5' },
      volunteers: [
        { username: 'anna', password, role: 'volunteer' },
        { username: 'bram', password, role: 'volunteer' },
      ],
    });
    const { token, conversationId } = await newSession(app.url);
    const live = await helloSocket(app.url, token);
    socket = live;
    await askForHuman(app.url, token);

    // Anna claims and then goes silent: no event stream open, no heartbeat.
    const anna = asVolunteer(app.url, await login(app.url, 'anna', password));
    const ticket = ticketOf(await anna.waiting(), conversationId);
    expect(await anna.claim(ticket.id)).toMatchObject({ state: 'claimed', claimedBy: 'anna', leaseUntil: '2026-01-05T10:00:05.000Z' });
    await frameWithText(live, 'message', 'Er is nu een vrijwilliger bij je gesprek');

    clock.advance(5_001);
    // The next sweep (at most one interval away) returns the ticket to the front of the queue.
    await frameWithText(live, 'message', 'Er komt een andere vrijwilliger bij je', defaultSweepIntervalMs + 1500);
    expect(await app.handoff.queue.get(ticket.id)).toMatchObject({ state: 'waiting', claimedBy: null, returns: 1, lastReturn: 'expired' });
    expect(await app.handoff.queue.position(ticket.id)).toBe(1);

    // Anna's late message is refused; Bram takes the chat and the person hears it.
    const late = await anna.call('POST', `/tickets/${ticket.id}/messages`, { text: 'Ben je er nog?' });
    expect([late.status, errorCodeSchema.parse(late.json).error.code]).toEqual([409, 'TICKET_NOT_HELD']);
    const bram = asVolunteer(app.url, await login(app.url, 'bram', password));
    expect(await bram.claim(ticket.id)).toMatchObject({ state: 'claimed', claimedBy: 'bram' });
    const joined = (): number => textsOf(live, 'message').filter((t) => t.includes('Er is nu een vrijwilliger bij je gesprek')).length;
    await waitFor(() => joined() === 2, 'a second "volunteer joined" message');
  }, 15_000);
});
