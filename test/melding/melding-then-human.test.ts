import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { lastOf, payloads, postRaw, turn } from '../channels/web/web-client.js';
import { replayTranscript } from './replay-transcript.js';

// Issue #11 finding 9: after a zorgmelding, "mens" + "ja" said "Je bent nummer 3 in de rij" while no chat ticket
// existed (the melding's ticket was returned as "existing"), and "Stop met wachten" then gave 400 UNKNOWN_PAYLOAD.
describe('a human after a zorgmelding (memory store)', () => {
  let app: StartedApp;
  beforeAll(async () => {
    app = await startApp({ now: '2026-11-22T10:00:00+01:00' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('queues a live chat next to the melding, and "Stop met wachten" ends only that chat', async () => {
    const sister = await replayTranscript(app.url, 'melding.sister-eviction-soon.yaml', { through: 'choice:send' });
    const { token, conversationId } = sister.session;
    const ask = await turn(app.url, token, { text: 'mens' });
    expect(payloads(lastOf(ask))).toContain('choice:yes');
    const room = lastOf(await turn(app.url, token, { payload: 'choice:yes' }));
    expect(room.text).toContain('in de rij');
    expect(payloads(room)).toEqual(['intent:stop_waiting']);

    const waiting = (await app.handoff.queue.list('waiting')).filter((t) => t.conversationId === conversationId);
    expect(waiting.map((t) => t.kind).sort()).toEqual(['chat', 'melding']);
    const place = /nummer (\d+) in de rij/.exec(room.text)?.[1];
    const chat = waiting.find((t) => t.kind === 'chat') ?? expect.unreachable();
    expect(Number(place)).toBe(await app.handoff.queue.position(chat.id));

    const stop = await postRaw(app.url, JSON.stringify({ type: 'message', payload: 'intent:stop_waiting' }), { token });
    expect(stop.status).toBe(200);
    const after = (await app.handoff.queue.list('waiting')).filter((t) => t.conversationId === conversationId);
    // The relative's report still waits for a volunteer.
    expect(after.map((t) => t.kind)).toEqual(['melding']);
  });
});
