import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateState, type SessionState } from '../../../src/engine/session-state.js';
import { compareMessageIds } from '../../../src/store/message-id.js';
import { startApp, type StartedApp } from '../../helpers/start-app.js';
import { history, lastOf, newSession, payloads, turn, type BotMessage } from './web-client.js';

/** Sunday 22 November 2026, 10:00 in Amsterdam: "next week" is Monday 23 .. Sunday 29 November. */
const NOW = '2026-11-22T10:00:00+01:00';

async function stateOf(app: StartedApp, conversationId: string): Promise<SessionState> {
  const state = migrateState((await app.stores.sessions.get(conversationId))?.doc);
  if (state === null) throw new Error('no readable state stored');
  return state;
}

/** A tenant who received a dagvaarding, up to the court date question. */
async function upToCourtDate(app: StartedApp): Promise<{ token: string; conversationId: string; question: BotMessage }> {
  const s = await newSession(app.url);
  const greeting = await turn(app.url, s.token, { text: 'hoi' });
  expect(payloads(lastOf(greeting))).toContain('choice:tenant');
  const what = await turn(app.url, s.token, { payload: 'choice:tenant' });
  expect(payloads(lastOf(what))).toContain('choice:dagvaarding');
  const reason = await turn(app.url, s.token, { payload: 'choice:dagvaarding' });
  // First: is the case about unpaid rent or about nuisance (issue #10: overlast has its own path).
  expect(payloads(lastOf(reason))).toEqual(['choice:rent', 'choice:nuisance', 'choice:dont_know']);
  const asked = await turn(app.url, s.token, { payload: 'choice:rent' });
  // One question: the court date, typed, with a "don't know" button.
  expect(asked).toHaveLength(1);
  const question = lastOf(asked);
  expect(question.input).toBe('date');
  expect(payloads(question)).toContain('choice:dont_know');
  expect(await stateOf(app, s.conversationId)).toMatchObject({ at: { dialog: 'phase_guide', node: 'court_date' }, answers: { role: 'tenant', is_relative: false, received: 'dagvaarding', case_reason: 'rent', phase: 3 } });
  return { ...s, question };
}

describe('acceptance: a tenant with a dagvaarding and a court date next week, through POST /api/messages', () => {
  let app: StartedApp;
  beforeAll(async () => {
    app = await startApp({ now: NOW });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['volgende week woensdag', '2026-11-25', 3],
    ['25-11', '2026-11-25', 3],
    ['maandag 30 november', '2026-11-30', 8],
  ])('"%s": the days are counted, a human is offered first, then the court phase is explained', async (typed, iso, days) => {
    const { token, conversationId } = await upToCourtDate(app);

    const urgent = await turn(app.url, token, { text: typed });
    // One calm message with the count and a choice: a human first, reading on second.
    expect(urgent).toHaveLength(1);
    const reply = lastOf(urgent);
    expect(reply.text).toMatch(new RegExp(`\\b${days}\\b`));
    expect(payloads(reply)).toEqual(['choice:human', 'choice:continue']);
    expect(reply.input).toBeUndefined();
    const atUrgent = await stateOf(app, conversationId);
    expect(atUrgent.at).toEqual({ dialog: 'phase_guide', node: 'court_urgent' });
    expect(atUrgent.answers).toEqual({ role: 'tenant', is_relative: false, received: 'dagvaarding', case_reason: 'rent', phase: 3, court_date: iso, days_left: days });

    const explained = await turn(app.url, token, { payload: 'choice:continue' });
    // Phase 3: what a dagvaarding is, with "tell me more", "what can I do" and a human.
    expect(explained).toHaveLength(1);
    expect(payloads(lastOf(explained))).toEqual(expect.arrayContaining(['choice:more', 'choice:do', 'choice:human']));
    expect(lastOf(explained).text).toMatch(/dagvaarding/i);
    const inPhase3 = await stateOf(app, conversationId);
    expect(inPhase3.status).toBe('active');
    expect(inPhase3.at).toEqual({ dialog: 'phase_3', node: 'what' });
    expect(inPhase3.answers).toMatchObject({ phase: 3, days_left: days, received: 'dagvaarding', court_date: iso });

    // What the widget would show after a reload: the whole conversation, in order.
    const kept = await history(app.url, token);
    expect(kept.map((m) => m.id)).toEqual(kept.map((m) => m.id).sort(compareMessageIds));
    // Greeting and "who", "what happened", what the case is about, the date question, the count, the explanation.
    expect(kept).toHaveLength(7);
    expect(kept.slice(-2)).toEqual([reply, lastOf(explained)]);
  });

  it('choosing the human on the urgent path asks consent, then queues the chat as urgent and shows the waiting room', async () => {
    const { token, conversationId } = await upToCourtDate(app);
    await turn(app.url, token, { text: 'volgende week woensdag' });
    const consent = await turn(app.url, token, { payload: 'choice:human' });
    expect(consent).toHaveLength(1);
    expect(payloads(consent[0])).toEqual(['choice:yes', 'choice:no']);
    const waiting = await turn(app.url, token, { payload: 'choice:yes' });
    expect(waiting).toHaveLength(1);
    // The honest waiting room: the place in the line, and a way to stop waiting.
    expect(waiting[0]?.text).toContain('1');
    expect(payloads(waiting[0])).toEqual(['intent:stop_waiting']);
    const ticket = await app.handoff.queue.byConversation(conversationId);
    expect(ticket).toMatchObject({ kind: 'chat', state: 'waiting', urgency: 'urgent' });
    expect(ticket?.summary).toMatchObject({ received: 'dagvaarding', days_left: 3, court_date: '2026-11-25' });
    // Stopping the wait goes back to the guide: the phase 3 explanation.
    const back = await turn(app.url, token, { payload: 'intent:stop_waiting' });
    expect(payloads(lastOf(back))).toEqual(expect.arrayContaining(['choice:more', 'choice:do', 'choice:human']));
    expect((await stateOf(app, conversationId)).at).toEqual({ dialog: 'phase_3', node: 'what' });
    expect((await app.handoff.queue.get(ticket?.id ?? ''))?.state).toBe('closed');
  });

  it('a court date 22 days out is not urgent: no human offered first, straight on to phase 3', async () => {
    const { token, conversationId } = await upToCourtDate(app);
    // Monday 14 December (a Saturday or Sunday would first be checked, issue #10).
    const reply = await turn(app.url, token, { text: '14-12' });
    // The date said calmly, then the phase 3 explanation in the same turn.
    expect(reply).toHaveLength(2);
    expect(reply[0]?.quick_replies).toBeUndefined();
    expect(payloads(reply[1])).toEqual(expect.arrayContaining(['choice:more', 'choice:do', 'choice:human']));
    for (const m of reply) expect(payloads(m)[0]).not.toBe('choice:human');
    const state = await stateOf(app, conversationId);
    expect(state.at).toEqual({ dialog: 'phase_3', node: 'what' });
    expect(state.answers).toMatchObject({ phase: 3, days_left: 22, court_date: '2026-12-14', received: 'dagvaarding' });
  });

  it('a date that is not understood is asked again kindly, with the button, and nothing is saved', async () => {
    const { token, conversationId } = await upToCourtDate(app);
    const again = await turn(app.url, token, { text: 'binnenkort' });
    expect(lastOf(again).input).toBe('date');
    expect(payloads(lastOf(again))).toContain('choice:dont_know');
    const state = await stateOf(app, conversationId);
    expect(state.at).toEqual({ dialog: 'phase_guide', node: 'court_date' });
    expect(state.answers).not.toHaveProperty('court_date');
    expect(state.answers).not.toHaveProperty('days_left');
  });
});
