import { describe, expect, test } from 'vitest';
import { alertCard, alertFacts, questionCard, viewOf, type TeamsText } from '../../../src/channels/teams/teams-cards.js';
import { createTranslator } from '../../../src/content/create-translator.js';
import { loadContent } from '../../../src/content/load-content.js';
import type { Ticket } from '../../../src/handoff/ticket.js';
import { rootDir } from '../../../src/server.js';

const translator = createTranslator(await loadContent(rootDir));
const t: TeamsText = (key, locale, vars) => translator.t(key, { lng: locale, ...vars });

const personal = { name: 'Fatima de Vries', phone: '0612345678', words: 'de deurwaarder stond vanochtend bij mij' };

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    v: 1, id: 'tk-1', kind: 'chat', state: 'waiting', urgency: 'urgent', conversationId: 'conv-1', channel: 'web', locale: 'nl',
    reason: 'asked_for_human',
    summary: { callback_phone: personal.phone, reporter_name: personal.name, notes: personal.words, eviction_date: '2026-12-08' },
    meldingRef: null, createdAt: '2026-12-05T01:00:00.000Z', waitingSince: '2026-12-05T01:00:00.000Z', updatedAt: '2026-12-05T01:00:00.000Z',
    claimedBy: null, claimedAt: null, leaseUntil: null, claims: 0, returns: 0, lastReturn: null, closedAt: null, closeReason: null, closedBy: null, outcome: null,
    ...overrides,
  };
}

describe('alert card', () => {
  test('shows urgency, kind, reason in a few words, waiting since, the console link and Oppakken', () => {
    const card = alertCard(alertFacts(ticket()), { state: 'open' }, t, 'https://hh.example/console#ticket=tk-1');
    const json = JSON.stringify(card);
    expect(json).toContain('Dringend: iemand wacht op een vrijwilliger');
    expect(json).toContain('"value":"dringend"');
    expect(json).toContain('"value":"chat"');
    expect(json).toContain('"value":"vraagt om een mens"');
    expect(json).toContain('{{TIME(2026-12-05T01:00:00.000Z)}}');
    expect(json).toContain('https://hh.example/console#ticket=tk-1');
    const claim = card.actions?.[0];
    expect(claim).toMatchObject({ type: 'Action.Execute', verb: 'claim', title: 'Oppakken', data: { hh: 'claim', ticketId: 'tk-1' }, fallback: { type: 'Action.Submit', data: { hh: 'claim', ticketId: 'tk-1' } } });
  });

  test('holds none of the person\'s words, phone number or name, in any state', () => {
    const facts = alertFacts(ticket({ urgency: 'crisis', reason: 'crisis' }));
    for (const view of [{ state: 'open' }, { state: 'claimed', by: 'anna' }, { state: 'closed', by: 'anna' }, { state: 'cancelled' }, { state: 'gone' }] as const) {
      const json = JSON.stringify(alertCard(facts, view, t, 'https://hh.example/console#ticket=tk-1'));
      expect(json).not.toContain(personal.phone);
      expect(json).not.toContain(personal.name);
      expect(json).not.toContain(personal.words);
      expect(json).not.toContain('2026-12-08');
      expect(json).not.toContain('conv-1');
    }
    expect(Object.keys(facts).sort()).toEqual(['kind', 'reason', 'ticketId', 'urgency', 'waitingSince']);
  });

  test('an unknown reason code shows generic words; the claimed card names the volunteer and has no Oppakken', () => {
    const card = alertCard(alertFacts(ticket({ reason: 'some_new_code' })), viewOf(ticket({ state: 'claimed', claimedBy: 'anna' })), t, 'u');
    const json = JSON.stringify(card);
    expect(json).toContain('"value":"vraagt om hulp"');
    expect(json).not.toContain('some_new_code');
    expect(json).toContain('Opgepakt door anna');
    expect(json).not.toContain('Action.Execute');
  });
});

describe('question card', () => {
  test('one Action.Submit per choice, carrying the payload and the card id', () => {
    const card = questionCard({ type: 'message', text: 'Wat heb je gekregen?', quick_replies: [{ title: 'Een brief', payload: 'letter' }, { title: 'Weet ik niet', payload: 'dont_know' }] }, 'c-7');
    expect(card.body).toEqual([{ type: 'TextBlock', text: 'Wat heb je gekregen?', wrap: true }]);
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Een brief', data: { hh: 'answer', payload: 'letter', card: 'c-7' } },
      { type: 'Action.Submit', title: 'Weet ik niet', data: { hh: 'answer', payload: 'dont_know', card: 'c-7' } },
    ]);
  });
});
