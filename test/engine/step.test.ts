import { describe, expect, it } from 'vitest';
import { defaultActions } from '../../src/engine/actions/action-registry.js';
import type { DialogSet } from '../../src/engine/dialog-set.js';
import type { Effect, MessageEffect } from '../../src/engine/effects.js';
import { parseDialogs } from '../../src/engine/parse-dialogs.js';
import { newSessionState, type SessionState } from '../../src/engine/session-state.js';
import { step, type Input, type StepContext, type StepResult } from '../../src/engine/step.js';
import { testLexicon } from '../helpers/test-lexicon.js';
import { locales } from '../../src/shared/locale-registry.js';

const startYaml = `
id: start
version: 1
start: welcome
nodes:
  welcome: { type: say, text: welcome, next: menu }
  menu:
    type: ask
    text: menu
    save: who
    choices:
      - { value: tenant, label: who.tenant, next: ask_date }
      - { value: relative, label: who.relative, next: to_other }
      - { value: known_rent, label: who.known_rent, next: ask_rent, set: { rent: 800 } }
      - { value: bye, label: common:stop, next: bye }
  ask_date:
    type: ask
    text: eviction_date
    save: eviction_date
    input: date
    reprompt: eviction_date_help
    next: days
    choices:
      - { value: dont_know, label: common:dont_know, next: days }
  days:
    type: action
    action: days_until
    args: { date: eviction_date, save: days_left }
    next: later_msg
    on: { past: past_msg, today: today_msg, urgent: urgent_handoff, unknown: unknown_msg }
  past_msg: { type: say, text: past, next: ask_rent }
  today_msg: { type: say, text: today, next: ask_rent }
  later_msg: { type: say, text: later, next: ask_rent }
  unknown_msg: { type: say, text: unknown, next: ask_rent }
  urgent_handoff:
    type: handoff
    reason: eviction_soon
    priority: urgent
    summary: [who, eviction_date, days_left, not_asked]
    next: urgent_msg
  urgent_msg: { type: say, text: urgent, next: ask_rent }
  ask_rent:
    type: ask
    text: rent
    save: rent
    input: amount
    skip_if_known: true
    next: rent_branch
  rent_branch:
    type: branch
    cases:
      - { if: { answer: rent, gt: 1000 }, next: high_rent }
      - { if: { all: [ { answer: rent, lte: 1000 }, { answer: who, eq: tenant } ] }, next: low_rent }
    else: other_rent
  high_rent: { type: say, text: high, next: kids }
  low_rent: { type: say, text: low, next: kids }
  other_rent: { type: say, text: other, next: kids }
  kids:
    type: ask
    text: kids
    save: kids
    next: bye
    choices:
      - { value: 'yes', label: common:yes }
      - { value: 'no', label: common:no }
  to_other: { type: goto, dialog: other }
  bye: { type: end, text: bye }
`;

const otherYaml = `
id: other
version: 1
start: question
nodes:
  question:
    type: ask
    text: question
    choices:
      - { value: done, label: done, next: finish }
      - { value: menu, label: common:menu, next: back_to_menu }
  back_to_menu: { type: goto, dialog: start, node: menu }
  finish: { type: end }
`;

function dialogsFrom(sources: Record<string, string>): DialogSet {
  const parsed = parseDialogs(Object.entries(sources).map(([id, text]) => ({ name: `${id}.yaml`, text })));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.dialogs;
}

/** Button texts in both languages, as the content layer would provide them. */
const labels: Record<string, Record<string, readonly string[]>> = {
  start: { 'who.tenant': ['Ik huur zelf', 'I rent myself'], 'who.relative': ['Voor iemand anders', 'For someone else'], 'who.known_rent': ['Ik weet mijn huur', 'I know my rent'] },
  common: { yes: ['Ja', 'Yes'], no: ['Nee', 'No'], dont_know: ['Weet ik niet', "Don't know"], stop: ['Stoppen', 'Stop'], menu: ['Menu', 'Menu'] },
  other: { done: ['Klaar', 'Done'] },
};

/** Sunday 22 November 2026, 10:00 in Amsterdam. */
const now = new Date('2026-11-22T10:00:00+01:00');
const ctx: StepContext = {
  dialogs: dialogsFrom({ start: startYaml, other: otherYaml }),
  lexicon: testLexicon(),
  actions: defaultActions,
  now,
  labelTexts: (ns, key) => labels[ns]?.[key] ?? [],
};

const text = (t: string): Input => ({ kind: 'text', text: t });
const payload = (p: string): Input => ({ kind: 'payload', payload: p });

/** Runs inputs one after another from a new conversation; returns every result. */
function run(...inputs: Input[]): StepResult[] {
  const results: StepResult[] = [];
  let state: SessionState | null = null;
  for (const input of inputs) {
    const r = step(state, input, ctx);
    results.push(r);
    state = r.state;
  }
  return results;
}

function last(...inputs: Input[]): StepResult {
  const r = run(...inputs).at(-1);
  if (r === undefined) throw new Error('no input');
  return r;
}

/** Effects as short strings: `ns.key` for messages (with ` [payloads]` when there are buttons), the type otherwise. */
function brief(effects: readonly Effect[]): string[] {
  return effects.map((e) => {
    if (e.type !== 'message') return e.type;
    const buttons = e.quickReplies.length > 0 ? ` [${e.quickReplies.map((q) => q.payload).join(' ')}]` : '';
    return `${e.ns}.${e.key}${buttons}${e.input ? ` (${e.input})` : ''}`;
  });
}

const menuQ = 'start.menu [choice:tenant choice:relative choice:known_rent choice:bye]';
const dateQ = 'start.eviction_date [choice:dont_know] (date)';
const rentQ = 'start.rent (amount)';
const kidsQ = 'start.kids [choice:yes choice:no]';
const yesNo = '[choice:yes choice:no]';
const handoffOffer = `common.handoff_offer ${yesNo}`;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('step: starting', () => {
  it('a new conversation starts at the start node of dialog `start`', () => {
    const r = step(null, text('hallo'), ctx);
    expect(brief(r.effects)).toEqual(['start.welcome', menuQ]);
    expect(r.state).toMatchObject({ status: 'active', at: { dialog: 'start', node: 'menu' }, history: [], answers: {}, turn: 1, locale: 'nl' });
    expect(r.refused).toBeUndefined();
  });

  it('starts in the requested language and also starts on the widget\'s start payload', () => {
    const r = step(null, payload('intent:start'), ctx, 'en');
    expect(brief(r.effects)).toEqual(['start.welcome', menuQ]);
    expect(r.state.locale).toBe('en');
  });

  it('quick replies carry the label key with its namespace', () => {
    const menu = step(null, text('hallo'), ctx).effects[1];
    expect(menu).toMatchObject({
      quickReplies: [
        { payload: 'choice:tenant', label: 'start:who.tenant' },
        { payload: 'choice:relative', label: 'start:who.relative' },
        { payload: 'choice:known_rent', label: 'start:who.known_rent' },
        { payload: 'choice:bye', label: 'common:stop' },
      ],
    });
  });
});

describe('step: answering', () => {
  it('takes a choice by its payload, saves it and moves on', () => {
    const r = last(text('hallo'), payload('choice:tenant'));
    expect(brief(r.effects)).toEqual([dateQ]);
    expect(r.state.answers).toEqual({ who: 'tenant' });
    expect(r.state.at).toEqual({ dialog: 'start', node: 'ask_date' });
    expect(r.state.history).toEqual([{ dialog: 'start', node: 'menu' }]);
  });

  it.each([['Ik huur zelf'], ['i rent myself'], ['  IK HUUR ZELF! '], ['tenant']])('takes a choice typed as its label in any language: %j', (typed) => {
    const r = last(text('hallo'), text(typed));
    expect(r.state.answers).toEqual({ who: 'tenant' });
    expect(brief(r.effects)).toEqual([dateQ]);
  });

  it('refuses a payload that is not a button of the question on screen, and leaves the state as it was', () => {
    const [first] = run(text('hallo'));
    if (first === undefined) throw new Error('no result');
    for (const p of ['choice:nonsense', 'choice:yes', 'choice:done', 'intent:bogus', 'constructor', '__proto__', 'toString']) {
      const r = step(first.state, payload(p), ctx);
      expect(r.refused).toBe('unknown_payload');
      expect(r.effects).toEqual([]);
      expect(r.state).toBe(first.state);
    }
  });

  it('a button payload before the conversation started is refused', () => {
    const r = step(null, payload('choice:tenant'), ctx);
    expect(r.refused).toBe('unknown_payload');
    expect(r.state.status).toBe('new');
  });

  it('answers a misunderstanding kindly with the generic reprompt and the question again, keeping the place', () => {
    const [first, second] = run(text('hallo'), text('blabla'));
    expect(brief(second?.effects ?? [])).toEqual(['common.reprompt', menuQ]);
    expect(second?.state.at).toEqual(first?.state.at);
    expect(second?.state.answers).toEqual({});
    expect(second?.refused).toBeUndefined();
  });

  it.each([['geen idee wanneer precies'], ['over constructor dagen']])('uses the question\'s own reprompt when it has one: %j', (typed) => {
    const r = last(text('hallo'), payload('choice:tenant'), text(typed));
    expect(brief(r.effects)).toEqual(['start.eviction_date_help', dateQ]);
    expect(r.state.at).toEqual({ dialog: 'start', node: 'ask_date' });
  });

  it('does not take a crisis-free word that merely contains a crisis word ("geweldig") as a crisis', () => {
    const r = last(text('hallo'), text('dat is geweldig'));
    expect(brief(r.effects)).toEqual(['common.reprompt', menuQ]);
    expect(r.state.answers['risk_crisis']).toBeUndefined();
  });
});

describe('step: typed answers and the days_until action', () => {
  const toDate = [text('hallo'), payload('choice:tenant')];
  /** A date 8 days away, then "no" to the handoff it offers: at the rent question. */
  const toRent = [...toDate, text('30-11'), text('nee')];
  const urgentPending = {
    kind: 'confirm_handoff',
    reason: 'eviction_soon',
    priority: 'urgent',
    then: { dialog: 'start', node: 'urgent_msg' },
    summary: ['who', 'eviction_date', 'days_left', 'not_asked'],
  };

  it.each([
    ['1-11-2026', '2026-11-01', -21, ['start.past', rentQ]],
    ['vandaag', '2026-11-22', 0, ['start.today', rentQ]],
    ['6 december', '2026-12-06', 14, ['start.later', rentQ]],
    ['15-01', '2027-01-15', 54, ['start.later', rentQ]],
  ])('a typed date %j is saved as %s, %i days away', (typed, iso, days, effects) => {
    const r = last(...toDate, text(typed));
    expect(r.state.answers).toEqual({ who: 'tenant', eviction_date: iso, days_left: days });
    expect(brief(r.effects)).toEqual(effects);
    expect(r.state.at).toEqual({ dialog: 'start', node: 'ask_rent' });
  });

  it.each([
    ['over 5 dagen', '2026-11-27', 5],
    ['volgende week zondag', '2026-11-29', 7],
    ['5 december', '2026-12-05', 13],
    ['30-11', '2026-11-30', 8],
  ])('a typed date %j is saved as %s, %i days away, and the handoff node first asks consent', (typed, iso, days) => {
    const r = last(...toDate, text(typed));
    expect(r.state.answers).toEqual({ who: 'tenant', eviction_date: iso, days_left: days });
    expect(brief(r.effects)).toEqual([handoffOffer]);
    expect(r.state.pending).toEqual(urgentPending);

    // "no": no handoff, the dialog goes on after the handoff node.
    const declined = step(r.state, text('nee'), ctx);
    expect(brief(declined.effects)).toEqual(['start.urgent', rentQ]);
    expect(declined.state).toMatchObject({ pending: null, at: { dialog: 'start', node: 'ask_rent' } });
  });

  it('"I don\'t know" (button or words) gives the unknown outcome and no days', () => {
    for (const answer of [payload('choice:dont_know'), text('weet ik niet'), text("I don't know")]) {
      const r = last(...toDate, answer);
      expect(r.state.answers).toEqual({ who: 'tenant', eviction_date: 'dont_know' });
      expect(brief(r.effects)).toEqual(['start.unknown', rentQ]);
    }
  });

  it('a date within 14 days hands off after "yes" with the summary the node names (and only known answers)', () => {
    for (const yes of [text('ja'), payload('choice:yes')]) {
      const r = last(...toDate, text('30-11'), yes);
      expect(r.effects).toEqual([{ type: 'handoff', reason: 'eviction_soon', priority: 'urgent', summary: { who: 'tenant', eviction_date: '2026-11-30', days_left: 8 } }]);
      // Nothing after the handoff node is sent now (the host shows the waiting room); the dialog resumes there later.
      expect(r.state).toMatchObject({ status: 'active', pending: null, at: { dialog: 'start', node: 'urgent_msg' } });
    }
  });

  it('anything but yes or no to the handoff node\'s offer gets the reprompt and the offer again, which stays open', () => {
    const [offered, again] = run(...toDate, text('30-11'), text('700 euro')).slice(-2);
    expect(brief(again?.effects ?? [])).toEqual(['common.reprompt', handoffOffer]);
    expect(again?.state.pending).toEqual(urgentPending);
    expect(again?.state.answers).toEqual(offered?.state.answers);
    expect(last(...toDate, text('30-11'), text('700 euro'), text('ja')).effects[0]).toMatchObject({ type: 'handoff', reason: 'eviction_soon' });
  });

  it('the outcome follows the clock, not the date alone', () => {
    const later = { ...ctx, now: new Date('2026-11-30T23:30:00+01:00') };
    let state: SessionState | null = null;
    for (const input of [...toDate, text('30-11-2026')]) state = step(state, input, later).state;
    expect(state?.answers['days_left']).toBe(0);
  });

  it('a typed amount is parsed and a branch condition picks the way', () => {
    const high = last(...toRent, text('€ 1.250,50'));
    expect(high.state.answers['rent']).toBe(1250.5);
    expect(brief(high.effects)).toEqual(['start.high', kidsQ]);

    const low = last(...toRent, text('700,-'));
    expect(low.state.answers['rent']).toBe(700);
    expect(brief(low.effects)).toEqual(['start.low', kidsQ]);
  });

  it('a branch falls through to else when no case holds', () => {
    // who = known_rent, rent = 800: neither > 1000 nor (<= 1000 and tenant)
    const r = last(text('hallo'), payload('choice:known_rent'));
    expect(brief(r.effects)).toEqual(['start.other', kidsQ]);
  });

  it('skip_if_known: an answer set earlier (by a choice\'s `set`) is not asked again', () => {
    const r = last(text('hallo'), payload('choice:known_rent'));
    expect(r.state.answers).toEqual({ who: 'known_rent', rent: 800 });
    expect(r.effects.some((e) => e.type === 'message' && e.key === 'rent')).toBe(false);
  });

  it('a typed "ja" answers a question with yes/no buttons', () => {
    const r = last(text('hallo'), payload('choice:known_rent'), text('ja'));
    expect(r.state.answers['kids']).toBe('yes');
    expect(brief(r.effects)).toEqual(['start.bye', 'end']);
  });

  it('messages carry the answers as template variables', () => {
    const r = last(...toRent);
    const urgent = r.effects.find((e): e is MessageEffect => e.type === 'message' && e.key === 'urgent');
    expect(urgent?.vars).toEqual({ who: 'tenant', eviction_date: '2026-11-30', days_left: 8 });
  });
});

describe('step: goto and end', () => {
  it('goto continues at the start of another dialog', () => {
    const r = last(text('hallo'), payload('choice:relative'));
    expect(brief(r.effects)).toEqual(['other.question [choice:done choice:menu]']);
    expect(r.state.at).toEqual({ dialog: 'other', node: 'question' });
  });

  it('goto with a node lands on that node', () => {
    const r = last(text('hallo'), payload('choice:relative'), payload('choice:menu'));
    expect(brief(r.effects)).toEqual([menuQ]);
    expect(r.state.at).toEqual({ dialog: 'start', node: 'menu' });
  });

  it('end sends its text, an end effect, and ends the conversation; the next message starts again', () => {
    const ended = last(text('hallo'), payload('choice:bye'));
    expect(brief(ended.effects)).toEqual(['start.bye', 'end']);
    expect(ended.state).toMatchObject({ status: 'ended', at: null });

    const again = step(ended.state, text('hoi'), ctx);
    expect(brief(again.effects)).toEqual(['start.welcome', menuQ]);
    expect(again.state).toMatchObject({ status: 'active', answers: {}, history: [] });
  });

  it('an end without text sends only the end effect', () => {
    const r = last(text('hallo'), payload('choice:relative'), payload('choice:done'));
    expect(brief(r.effects)).toEqual(['end']);
  });
});

describe('step: global intents', () => {
  /** At the rent question, with a date 8 days away (the handoff it offered was declined). */
  const atRent = [text('hallo'), payload('choice:tenant'), text('30-11'), text('nee')];

  describe('crisis', () => {
    it.each([['ik weet het niet meer, ik wil dood eigenlijk'], ['Zelfmoord.'], ['I want to KILL MYSELF!!'], ['er is geweld thuis']])(
      'crisis words anywhere in a sentence answer at once and offer a human: %j',
      (typed) => {
        const r = last(...atRent, text(typed));
        expect(brief(r.effects)).toEqual(['common.crisis', `common.crisis_offer_human ${yesNo}`]);
        expect(r.state.pending).toEqual({ kind: 'confirm_handoff', reason: 'crisis', priority: 'crisis', then: null });
        expect(r.state.answers['risk_crisis']).toBe(true);
        expect(r.state.at).toEqual({ dialog: 'start', node: 'ask_rent' });
      },
    );

    it('"yes" hands off at crisis priority with what is known; the place is kept for after the wait', () => {
      const r = last(...atRent, text('ik wil dood'), text('ja'));
      expect(r.effects).toEqual([
        {
          type: 'handoff',
          reason: 'crisis',
          priority: 'crisis',
          summary: { who: 'tenant', eviction_date: '2026-11-30', days_left: 8, risk_crisis: true },
        },
      ]);
      expect(r.state).toMatchObject({ status: 'active', pending: null, at: { dialog: 'start', node: 'ask_rent' } });
    });

    it('"no" hands off nothing and asks the question again', () => {
      const r = last(...atRent, text('ik wil dood'), text('nee'));
      expect(brief(r.effects)).toEqual([rentQ]);
      expect(r.state).toMatchObject({ pending: null, at: { dialog: 'start', node: 'ask_rent' } });
      expect(r.state.answers['risk_crisis']).toBe(true);
    });

    it('the yes button works as well as typed "ja"', () => {
      const r = last(...atRent, text('zelfmoord'), payload('choice:yes'));
      expect(r.effects[0]).toMatchObject({ type: 'handoff', priority: 'crisis' });
    });

    it('crisis words win even in the answer to a pending question', () => {
      const r = last(...atRent, text('verwijder mijn gegevens'), text('nee, ik wil dood'));
      expect(brief(r.effects)).toEqual(['common.crisis', `common.crisis_offer_human ${yesNo}`]);
      expect(r.state.pending).toMatchObject({ kind: 'confirm_handoff', priority: 'crisis' });
    });
  });

  describe('mens (a human)', () => {
    it('asks consent first', () => {
      const r = last(...atRent, text('mens'));
      expect(brief(r.effects)).toEqual([`common.handoff_offer ${yesNo}`]);
      expect(r.state.pending).toEqual({ kind: 'confirm_handoff', reason: 'asked_for_human', priority: 'urgent', then: null });
    });

    it('yes hands off with every answer as the summary; the priority follows what is known', () => {
      const r = last(...atRent, text('medewerker'), payload('choice:yes'));
      expect(r.effects).toEqual([{ type: 'handoff', reason: 'asked_for_human', priority: 'urgent', summary: { who: 'tenant', eviction_date: '2026-11-30', days_left: 8 } }]);
      // The host shows the waiting room; the question stays where it was for when the person stops waiting.
      expect(r.state).toMatchObject({ status: 'active', pending: null, at: { dialog: 'start', node: 'ask_rent' } });

      const normal = last(text('hallo'), text('mens'), text('ja'));
      expect(normal.effects).toEqual([{ type: 'handoff', reason: 'asked_for_human', priority: 'normal', summary: {} }]);
      expect(normal.state.at).toEqual({ dialog: 'start', node: 'menu' });
    });

    it('no hands off nothing and asks the question again', () => {
      const r = last(...atRent, text('mens'), text('nee'));
      expect(brief(r.effects)).toEqual([rentQ]);
      expect(r.state.pending).toBeNull();
      expect(r.state.at).toEqual({ dialog: 'start', node: 'ask_rent' });
    });

    it('an answer instead of yes/no drops the offer and answers the question', () => {
      const r = last(...atRent, text('mens'), text('700 euro'));
      expect(r.state.pending).toBeNull();
      expect(r.state.answers['rent']).toBe(700);
      expect(brief(r.effects)).toEqual(['start.low', kidsQ]);
    });

    it('before anything was asked, "no" or another text still gets an answer (the start), never silence', () => {
      for (const answer of [text('nee'), payload('choice:no'), text('hallo')]) {
        const r = last(text('mens'), answer);
        expect(brief(r.effects)).toEqual(['start.welcome', menuQ]);
        expect(r.state).toMatchObject({ status: 'active', pending: null });
      }
    });

    it('while paused, "no" resumes the conversation instead of staying silent', () => {
      const r = last(...atRent, text('pauze'), text('mens'), text('nee'));
      expect(brief(r.effects)).toEqual(['common.resumed', rentQ]);
      expect(r.state.status).toBe('active');
    });
  });

  it('stop ends the conversation calmly', () => {
    const r = last(...atRent, text('stop'));
    expect(brief(r.effects)).toEqual(['common.stopped', 'end']);
    expect(r.state.status).toBe('ended');
  });

  describe('pauze', () => {
    it('pauses with a continue button, and the next message resumes at the same question with the answers kept', () => {
      const paused = last(...atRent, text('pauze'));
      expect(brief(paused.effects)).toEqual(['common.paused [intent:start]']);
      expect(paused.effects[0]).toMatchObject({ quickReplies: [{ payload: 'intent:start', label: 'common:continue' }] });
      expect(paused.state.status).toBe('paused');

      for (const resume of [payload('intent:start'), text('hoi')]) {
        const r = step(paused.state, resume, ctx);
        expect(brief(r.effects)).toEqual(['common.resumed', rentQ]);
        expect(r.state).toMatchObject({ status: 'active', at: { dialog: 'start', node: 'ask_rent' }, answers: paused.state.answers });
      }
    });

    it('an old button is refused while paused', () => {
      const paused = last(text('hallo'), text('pauze'));
      expect(step(paused.state, payload('choice:tenant'), ctx).refused).toBe('unknown_payload');
    });
  });

  describe('taal', () => {
    it.each([
      ['english', 'en'],
      ['Engels', 'en'],
      ['ENGELS', 'en'],
    ])('%j switches to %s and asks the question again', (typed, locale) => {
      const r = last(...atRent, text(typed));
      expect(r.state.locale).toBe(locale);
      expect(brief(r.effects)).toEqual(['common.language_switched', rentQ]);
    });

    it("a language's own name from the registry also switches, even when no lexicon lists it", () => {
      const r = last(...atRent, payload('intent:taal:en'), text('Nederlands'));
      expect(r.state.locale).toBe('nl');
      expect(brief(r.effects)).toEqual(['common.language_switched', rentQ]);
    });

    it('as the very first message it switches and then starts the conversation', () => {
      const r = last(text('english'));
      expect(r.state).toMatchObject({ locale: 'en', status: 'active' });
      expect(brief(r.effects)).toEqual(['common.language_switched', 'start.welcome', menuQ]);
    });

    it('a bare "taal" shows every shipped language in its own name, and keeps the place in the dialog', () => {
      const before = last(...atRent);
      const r = last(...atRent, text('taal'));
      expect(r.state.locale).toBe('nl');
      expect(r.state.at).toEqual(before.state.at);
      const list = r.effects[0];
      expect(list).toMatchObject({ type: 'message', ns: 'common', key: 'language_choose' });
      expect(list?.type === 'message' ? list.quickReplies : []).toEqual(locales.map((l) => ({ payload: `intent:taal:${l}`, label: `languages:${l}` })));
      // Choosing from the list switches and asks the open question again.
      const chosen = step(r.state, payload('intent:taal:en'), ctx);
      expect(chosen.state.locale).toBe('en');
      expect(brief(chosen.effects)).toEqual(['common.language_switched', rentQ]);
    });

    it('the payload names the language; choosing the current one is harmless', () => {
      const en = last(...atRent, payload('intent:taal:en'));
      expect(en.state.locale).toBe('en');
      const stillEn = step(en.state, payload('intent:taal:en'), ctx);
      expect(stillEn.state.locale).toBe('en');
    });

    it('a payload for a language that does not ship is refused like any unknown button', () => {
      expect(step(last(...atRent).state, payload('intent:taal:xx'), ctx).refused).toBe('unknown_payload');
    });
  });

  describe('terug', () => {
    it('goes back to the previous question', () => {
      const r = last(text('hallo'), payload('choice:tenant'), text('terug'));
      expect(brief(r.effects)).toEqual([menuQ]);
      expect(r.state.at).toEqual({ dialog: 'start', node: 'menu' });
      expect(r.state.history).toEqual([]);
    });

    it('at the first question says there is none and asks it again', () => {
      const r = last(text('hallo'), text('terug'));
      expect(brief(r.effects)).toEqual(['common.back_unavailable', menuQ]);
      expect(r.state.at).toEqual({ dialog: 'start', node: 'menu' });
    });
  });

  it('opnieuw clears the answers and starts again', () => {
    const r = last(...atRent, text('opnieuw'));
    expect(brief(r.effects)).toEqual(['common.restart', 'start.welcome', menuQ]);
    expect(r.state).toMatchObject({ answers: {}, history: [], at: { dialog: 'start', node: 'menu' }, status: 'active' });
  });

  describe('verwijder mijn gegevens', () => {
    it('asks to confirm with its own buttons', () => {
      const r = last(...atRent, text('verwijder mijn gegevens'));
      expect(r.effects).toEqual([
        { type: 'message', ns: 'common', key: 'delete_confirm', vars: {}, quickReplies: [{ payload: 'choice:yes', label: 'common:confirm_delete' }, { payload: 'choice:no', label: 'common:cancel' }] },
      ]);
      expect(r.state.pending).toEqual({ kind: 'confirm_delete' });
    });

    it('yes: a delete_data effect and a fresh state', () => {
      const results = run(...atRent, text('verwijder mijn gegevens'), payload('choice:yes'));
      const r = results.at(-1);
      expect(brief(r?.effects ?? [])).toEqual(['delete_data', 'common.deleted']);
      expect(r?.state).toEqual({ ...newSessionState('nl', now), turn: results.length });
    });

    it('yes keeps the conversation language', () => {
      const r = last(...atRent, text('english'), text('delete my data'), text('yes'));
      expect(r.state).toMatchObject({ locale: 'en', status: 'new', answers: {} });
    });

    it('no: nothing deleted, the question again', () => {
      const r = last(...atRent, text('verwijder mijn gegevens'), text('nee'));
      expect(brief(r.effects)).toEqual(['common.delete_cancelled', rentQ]);
      expect(r.state.answers).toEqual({ who: 'tenant', eviction_date: '2026-11-30', days_left: 8 });
      expect(r.state.pending).toBeNull();
    });
  });
});

describe('step is pure', () => {
  const scripts: Input[][] = [
    [text('hallo')],
    [text('hallo'), payload('choice:tenant'), text('30-11')],
    [text('hallo'), payload('choice:tenant'), text('30-11'), text('ja')],
    [text('hallo'), payload('choice:tenant'), text('30-11'), text('nee'), text('ik wil dood')],
    [text('hallo'), text('verwijder mijn gegevens'), text('ja')],
    [text('hallo'), text('pauze'), text('hoi')],
    [text('hallo'), payload('choice:tenant'), text('terug')],
  ];

  it.each(scripts.map((s, i) => [i, s] as const))('script %i: the same inputs give the same outputs, and no input state is changed', (_i, script) => {
    let state: SessionState | null = null;
    for (const input of script) {
      const before = structuredClone(state);
      if (state !== null) deepFreeze(state);
      const a = step(state, input, ctx);
      const b = step(state, input, ctx);
      expect(b).toEqual(a);
      expect(state).toEqual(before);
      state = a.state;
    }
  });
});

describe('step: yes/no questions', () => {
  const yesNoYaml = `
id: start
version: 1
start: kids
nodes:
  kids:
    type: ask
    text: kids
    save: kids
    input: yes_no
    next: kids_yes
    choices:
      - { value: 'yes', label: common:yes, next: kids_yes }
      - { value: 'no', label: common:no, next: kids_no }
  kids_yes: { type: say, text: kids_yes, next: again }
  kids_no: { type: say, text: kids_no, next: again }
  again:
    type: ask
    text: kids
    save: kids
    skip_if_known: true
    choices:
      - { value: 'yes', label: common:yes, next: a_yes }
      - { value: 'no', label: common:no, next: a_no }
  a_yes: { type: end, text: a_yes }
  a_no: { type: end, text: a_no }
  menu:
    type: ask
    text: plain
    save: plain
    input: yes_no
    next: a_yes
`;
  const yn: StepContext = { ...ctx, dialogs: dialogsFrom({ start: yesNoYaml }) };
  const go = (...inputs: Input[]): StepResult => {
    let r: StepResult | null = null;
    for (const input of inputs) r = step(r?.state ?? null, input, yn);
    if (r === null) throw new Error('no input');
    return r;
  };

  it.each([
    [text('ja'), 'yes', ['start.kids_yes', 'start.a_yes', 'end']],
    [text('Yes!'), 'yes', ['start.kids_yes', 'start.a_yes', 'end']],
    [text('jawel'), 'yes', ['start.kids_yes', 'start.a_yes', 'end']],
    [payload('choice:yes'), 'yes', ['start.kids_yes', 'start.a_yes', 'end']],
    [text('nee hoor'), 'no', ['start.kids_no', 'start.a_no', 'end']],
    [payload('choice:no'), 'no', ['start.kids_no', 'start.a_no', 'end']],
  ])('%j stores the button value %j, and skip_if_known follows that button', (answer, value, effects) => {
    const r = go(text('hallo'), answer);
    expect(r.state.answers).toEqual({ kids: value });
    expect(brief(r.effects)).toEqual(effects);
  });

  it('typing and clicking leave the same state', () => {
    expect(go(text('hallo'), text('zeker')).state).toEqual(go(text('hallo'), payload('choice:yes')).state);
    expect(go(text('hallo'), text('liever niet')).state).toEqual(go(text('hallo'), payload('choice:no')).state);
  });

  it('a yes/no question without buttons stores a boolean', () => {
    const atPlain: SessionState = { ...newSessionState('nl', now), status: 'active', at: { dialog: 'start', node: 'menu' } };
    expect(step(atPlain, text('nee'), yn).state.answers).toEqual({ plain: false });
    expect(step(atPlain, text('ja'), yn).state.answers).toEqual({ plain: true });
  });
});

describe('step: options picked by their digit (channels without buttons number them)', () => {
  it('"1", " 2 " and "3." pick the first, second and third option last shown', () => {
    expect(brief(last(text('hallo'), text('1')).effects)).toEqual([dateQ]);
    expect(last(text('hallo'), text(' 2 ')).state.answers['who']).toBe('relative');
    expect(last(text('hallo'), text('3.')).state.answers).toMatchObject({ who: 'known_rent', rent: 800 });
  });

  it('keeps the options shown with the session, only those that can be picked by digit', () => {
    const [first] = run(text('hallo'));
    expect(first?.state.shown).toEqual(['choice:tenant', 'choice:relative', 'choice:known_rent', 'choice:bye']);
    // The date question is answered in digits: its "weet ik niet" option is not numbered.
    expect(last(text('hallo'), text('1')).state.shown).toBeUndefined();
  });

  it('a digit that is no option shown is an ordinary (misunderstood) answer, never refused', () => {
    const r = last(text('hallo'), text('9'));
    expect(r.refused).toBeUndefined();
    expect(brief(r.effects)).toEqual(['common.reprompt', menuQ]);
  });

  it('in a question that expects a number or an amount, digits stay the answer', () => {
    const dated = last(text('hallo'), text('1'), text('1'));
    expect(dated.state.answers['eviction_date']).not.toBe('dont_know');
    const rent = last(text('hallo'), text('1'), text('weet ik niet'), text('2'));
    expect(rent.state.answers['rent']).toBe(2);
  });

  it('answers a yes/no side question by digit: "2" is no', () => {
    const r = last(text('hallo'), text('mens'), text('2'));
    expect(r.effects.some((e) => e.type === 'handoff')).toBe(false);
    expect(brief(r.effects)).toEqual([menuQ]);
  });

  it('while waiting, "1" stops waiting (the waiting room\'s only option); while a volunteer holds the chat it goes to them', () => {
    const asked = last(text('hallo'), text('mens'), text('1'));
    expect(asked.effects.some((e) => e.type === 'handoff')).toBe(true);
    expect(asked.state.shown).toEqual(['intent:stop_waiting']);
    const waiting = step(asked.state, text('1'), { ...ctx, human: 'waiting' });
    expect(waiting.effects[0]).toEqual({ type: 'cancel_handoff' });
    const claimed = step(asked.state, text('1'), { ...ctx, human: 'claimed' });
    expect(claimed.effects).toEqual([{ type: 'relay', text: '1' }]);
  });
});
