import { describe, expect, it } from 'vitest';
import { defaultActions } from '../../src/engine/actions/action-registry.js';
import type { DialogSet } from '../../src/engine/dialog-set.js';
import type { Effect, MessageEffect } from '../../src/engine/effects.js';
import { parseDialogs } from '../../src/engine/parse-dialogs.js';
import { newSessionState, type SessionState } from '../../src/engine/session-state.js';
import { step, type Input, type StepContext, type StepResult } from '../../src/engine/step.js';
import type { HumanEvent } from '../../src/engine/step-types.js';
import { testLexicon } from '../helpers/test-lexicon.js';

/**
 * Handoffs with consent, the offline route, and the turns while a volunteer is involved (DESIGN.md §5).
 * `ctx.human` and `ctx.facts` come from the host; the engine only reads them.
 */

const startYaml = `
id: start
version: 1
start: welcome
nodes:
  welcome: { type: say, text: welcome, next: menu }
  menu:
    type: ask
    text: menu
    save: topic
    choices:
      - { value: help, label: menu.help, next: ask_rent, set: { came_from: menu } }
      - { value: urgent, label: menu.urgent, next: urgent_handoff }
      - { value: quick, label: menu.quick, next: quick_handoff }
      - { value: contact, label: menu.contact, next: ask_phone }
      - { value: online, label: menu.online, next: online_branch }
      - { value: online_claimed, label: menu.online_claimed, next: online_branch, set: { volunteers_online: true } }
  ask_rent:
    type: ask
    text: rent
    save: rent
    input: amount
    next: help_handoff
  help_handoff:
    type: handoff
    reason: asked_help
    summary: [topic, rent, not_known]
    next: after_help
  after_help: { type: say, text: after_help, next: more }
  urgent_handoff:
    type: handoff
    reason: eviction_soon
    priority: urgent
    next: more
  quick_handoff:
    type: handoff
    reason: callback_now
    priority: soon
    consent: false
    summary: [topic]
    next: quick_after
  quick_after: { type: say, text: quick_after, next: more }
  ask_phone:
    type: ask
    text: phone
    input: phone
    save: phone
    reprompt: phone_again
    next: ask_email
  ask_email:
    type: ask
    text: email
    input: email
    save: email
    reprompt: email_again
    next: more
  online_branch:
    type: branch
    cases:
      - { if: { answer: volunteers_online, eq: true }, next: someone_online }
    else: nobody_online
  someone_online: { type: say, text: someone_online, next: more }
  nobody_online: { type: say, text: nobody_online, next: more }
  more:
    type: ask
    text: more
    save: more
    choices:
      - { value: 'yes', label: common:yes, next: menu }
      - { value: 'no', label: common:no, next: bye }
  bye: { type: end, text: bye }
`;

/** Like dialogs/handoff_offline.yaml, cut down: a callback request that ends in a handoff without consent. */
const offlineYaml = `
id: handoff_offline
version: 1
start: intro
nodes:
  intro:
    type: ask
    text: intro
    choices:
      - { value: callback, label: callback, next: phone }
      - { value: menu, label: common:menu, next: to_menu }
  phone:
    type: ask
    text: phone
    input: phone
    save: callback_phone
    reprompt: phone_again
    next: submit_callback
  submit_callback:
    type: handoff
    reason: callback
    consent: false
    next: to_menu
  to_menu: { type: goto, dialog: start, node: menu }
`;

function dialogsFrom(sources: Record<string, string>): DialogSet {
  const parsed = parseDialogs(Object.entries(sources).map(([id, text]) => ({ name: `${id}.yaml`, text })));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.dialogs;
}

/** Button texts in both languages, as the content layer would provide them. */
const labels: Record<string, Record<string, readonly string[]>> = {
  start: {
    'menu.help': ['Hulp nodig', 'I need help'],
    'menu.urgent': ['Het is dringend', 'It is urgent'],
    'menu.quick': ['Bel me nu', 'Call me now'],
    'menu.contact': ['Mijn gegevens', 'My details'],
    'menu.online': ['Is er iemand?', 'Is anyone there?'],
    'menu.online_claimed': ['Er is vast iemand', 'Surely someone is there'],
  },
  common: { yes: ['Ja', 'Yes'], no: ['Nee', 'No'], menu: ['Menu', 'Menu'] },
  handoff_offline: { callback: ['Bel me terug', 'Call me back'] },
};

/** Sunday 22 November 2026, 10:00 in Amsterdam. */
const now = new Date('2026-11-22T10:00:00+01:00');
const ctx: StepContext = {
  dialogs: dialogsFrom({ start: startYaml, handoff_offline: offlineYaml }),
  lexicon: testLexicon(),
  actions: defaultActions,
  now,
  labelTexts: (ns, key) => labels[ns]?.[key] ?? [],
};
const offline: StepContext = { ...ctx, facts: { volunteers_online: false } };
const waiting: StepContext = { ...ctx, human: 'waiting' };
const claimed: StepContext = { ...ctx, human: 'claimed' };

const text = (t: string): Input => ({ kind: 'text', text: t });
const payload = (p: string): Input => ({ kind: 'payload', payload: p });
const event = (name: HumanEvent): Input => ({ kind: 'event', name });

/** Runs inputs one after another in one context, from `state` (null: a new conversation); returns the last result. */
function play(context: StepContext, state: SessionState | null, ...inputs: Input[]): StepResult {
  let r: StepResult | null = null;
  for (const input of inputs) r = step(r?.state ?? state, input, context);
  if (r === null) throw new Error('no input');
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

function common(key: string, quickReplies: MessageEffect['quickReplies'] = []): MessageEffect {
  return { type: 'message', ns: 'common', key, vars: {}, quickReplies };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const yesNo = '[choice:yes choice:no]';
const offer = `common.handoff_offer ${yesNo}`;
const menuQ = 'start.menu [choice:help choice:urgent choice:quick choice:contact choice:online choice:online_claimed]';
const rentQ = 'start.rent (amount)';
const moreQ = 'start.more [choice:yes choice:no]';
const phoneQ = 'start.phone (phone)';
const emailQ = 'start.email (email)';
const offlineIntroQ = 'handoff_offline.intro [choice:callback choice:menu]';
const stopWaiting = { payload: 'intent:stop_waiting', label: 'common:stop_waiting' };
const waitingAck = common('waiting_ack', [stopWaiting]);

const atRent = [text('hallo'), payload('choice:help')];
/** The help dialog's handoff node has just asked consent (rent 600 given). */
const toOffer = [...atRent, text('600')];
const helpPending = {
  kind: 'confirm_handoff',
  reason: 'asked_help',
  priority: 'normal',
  then: { dialog: 'start', node: 'after_help' },
  summary: ['topic', 'rent', 'not_known'],
};

describe('handoff node: consent first', () => {
  it('sends the offer with yes/no buttons and keeps the handoff pending, with where the dialog goes on', () => {
    const r = play(ctx, null, ...toOffer);
    expect(r.effects).toEqual([common('handoff_offer', [{ payload: 'choice:yes', label: 'common:yes' }, { payload: 'choice:no', label: 'common:no' }])]);
    expect(r.state.pending).toEqual(helpPending);
    expect(r.state.answers).toEqual({ topic: 'help', came_from: 'menu', rent: 600 });
    expect(r.state.status).toBe('active');
  });

  it.each([[text('ja')], [text('Yes')], [payload('choice:yes')]])('%j hands off with only the known answers the node names; nothing after the node is sent yet', (yes) => {
    const r = play(ctx, null, ...toOffer, yes);
    expect(r.effects).toEqual([{ type: 'handoff', reason: 'asked_help', priority: 'normal', summary: { topic: 'help', rent: 600 } }]);
    expect(r.state).toMatchObject({ status: 'active', pending: null, at: { dialog: 'start', node: 'after_help' } });
  });

  it.each([[text('nee')], [payload('choice:no')]])('%j continues the dialog after the node, without a handoff', (no) => {
    const r = play(ctx, null, ...toOffer, no);
    expect(brief(r.effects)).toEqual(['start.after_help', moreQ]);
    expect(r.state).toMatchObject({ pending: null, at: { dialog: 'start', node: 'more' } });
  });

  it.each([['700'], ['misschien later'], ['blabla']])('anything but yes or no (%j) gets the reprompt and the offer again; the offer stays open', (typed) => {
    const before = play(ctx, null, ...toOffer);
    const r = step(before.state, text(typed), ctx);
    expect(brief(r.effects)).toEqual(['common.reprompt', offer]);
    expect(r.state).toMatchObject({ pending: helpPending, answers: before.state.answers, at: before.state.at });
    expect(step(r.state, text('ja'), ctx).effects).toEqual([{ type: 'handoff', reason: 'asked_help', priority: 'normal', summary: { topic: 'help', rent: 600 } }]);
  });

  it('a button of another question is refused while the offer is open', () => {
    const before = play(ctx, null, ...toOffer);
    const r = step(before.state, payload('choice:help'), ctx);
    expect(r.refused).toBe('unknown_payload');
    expect(r.state).toBe(before.state);
  });

  it('the node\'s own priority wins; without one the priority follows what is known', () => {
    const fixed = play(ctx, null, text('hallo'), payload('choice:urgent'));
    expect(fixed.state.pending).toEqual({ kind: 'confirm_handoff', reason: 'eviction_soon', priority: 'urgent', then: { dialog: 'start', node: 'more' } });
    // No summary list on the node: every answer goes to the volunteer.
    expect(step(fixed.state, text('ja'), ctx).effects).toEqual([{ type: 'handoff', reason: 'eviction_soon', priority: 'urgent', summary: { topic: 'urgent' } }]);

    const soon: SessionState = { ...newSessionState('nl', now), status: 'active', at: { dialog: 'start', node: 'menu' }, answers: { days_left: 3 } };
    const computed = play(ctx, soon, payload('choice:help'), text('600'));
    expect(computed.state.pending).toMatchObject({ reason: 'asked_help', priority: 'urgent' });
  });

  it('consent: false hands off at once, with the named summary, and the dialog goes on', () => {
    const r = play(ctx, null, text('hallo'), payload('choice:quick'));
    expect(r.effects[0]).toEqual({ type: 'handoff', reason: 'callback_now', priority: 'soon', summary: { topic: 'quick' } });
    expect(brief(r.effects)).toEqual(['handoff', 'start.quick_after', moreQ]);
    expect(r.state).toMatchObject({ pending: null, at: { dialog: 'start', node: 'more' } });
  });
});

describe('mens and crisis: consent, then back to the same question', () => {
  it('"mens": yes hands off with every answer and keeps the place; no asks the question again', () => {
    const asked = play(ctx, null, ...atRent, text('mens'));
    expect(brief(asked.effects)).toEqual([offer]);
    expect(asked.state.pending).toEqual({ kind: 'confirm_handoff', reason: 'asked_for_human', priority: 'normal', then: null });

    const yes = step(asked.state, text('ja'), ctx);
    expect(yes.effects).toEqual([{ type: 'handoff', reason: 'asked_for_human', priority: 'normal', summary: { topic: 'help', came_from: 'menu' } }]);
    expect(yes.state).toMatchObject({ status: 'active', pending: null, at: { dialog: 'start', node: 'ask_rent' } });

    const no = step(asked.state, payload('choice:no'), ctx);
    expect(brief(no.effects)).toEqual([rentQ]);
    expect(no.state).toMatchObject({ pending: null, at: { dialog: 'start', node: 'ask_rent' } });
  });

  it('crisis words: the help lines, then the offer at crisis priority; yes hands off and keeps the place', () => {
    const asked = play(ctx, null, ...atRent, text('ik wil dood'));
    expect(brief(asked.effects)).toEqual(['common.crisis', `common.crisis_offer_human ${yesNo}`]);
    expect(asked.state.pending).toEqual({ kind: 'confirm_handoff', reason: 'crisis', priority: 'crisis', then: null });

    const yes = step(asked.state, payload('choice:yes'), ctx);
    expect(yes.effects).toEqual([{ type: 'handoff', reason: 'crisis', priority: 'crisis', summary: { topic: 'help', came_from: 'menu', risk_crisis: true } }]);
    expect(yes.state.at).toEqual({ dialog: 'start', node: 'ask_rent' });
  });
});

describe('no volunteer online (facts.volunteers_online === false)', () => {
  it('"yes" to a handoff node goes to the handoff_offline dialog with the reason and priority as answers, not a handoff', () => {
    const r = play(offline, null, ...toOffer, text('ja'));
    expect(brief(r.effects)).toEqual([offlineIntroQ]);
    expect(r.state).toMatchObject({ status: 'active', pending: null, at: { dialog: 'handoff_offline', node: 'intro' } });
    expect(r.state.answers).toEqual({ topic: 'help', came_from: 'menu', rent: 600, handoff_reason: 'asked_help', handoff_priority: 'normal' });
  });

  it('"yes" to "mens" and to the crisis offer go there as well', () => {
    const mens = play(offline, null, ...atRent, text('mens'), text('ja'));
    expect(brief(mens.effects)).toEqual([offlineIntroQ]);
    expect(mens.state.answers).toMatchObject({ handoff_reason: 'asked_for_human', handoff_priority: 'normal' });

    const crisis = play(offline, null, ...atRent, text('zelfmoord'), text('ja'));
    expect(brief(crisis.effects)).toEqual([offlineIntroQ]);
    expect(crisis.state.answers).toMatchObject({ risk_crisis: true, handoff_reason: 'crisis', handoff_priority: 'crisis' });
  });

  it('"no" does not go there: the dialog goes on after the node', () => {
    const r = play(offline, null, ...toOffer, text('nee'));
    expect(brief(r.effects)).toEqual(['start.after_help', moreQ]);
  });

  it('the callback request ends in a handoff without consent that keeps the original priority and carries the phone number', () => {
    const r = play(offline, null, text('hallo'), payload('choice:urgent'), text('ja'), payload('choice:callback'), text('06-12345678'));
    expect(r.effects[0]).toEqual({
      type: 'handoff',
      reason: 'callback',
      priority: 'urgent',
      summary: { topic: 'urgent', handoff_reason: 'eviction_soon', handoff_priority: 'urgent', callback_phone: '+31612345678' },
    });
    expect(brief(r.effects)).toEqual(['handoff', menuQ]);
    expect(r.state.pending).toBeNull();
  });

  it('with volunteers online, or without a handoff_offline dialog, "yes" hands off as usual', () => {
    const online = play({ ...ctx, facts: { volunteers_online: true } }, null, ...toOffer, text('ja'));
    expect(brief(online.effects)).toEqual(['handoff']);

    const noOfflineDialog: StepContext = { ...offline, dialogs: dialogsFrom({ start: startYaml }) };
    const r = play(noOfflineDialog, null, ...toOffer, text('ja'));
    expect(r.effects).toEqual([{ type: 'handoff', reason: 'asked_help', priority: 'normal', summary: { topic: 'help', rent: 600 } }]);
    expect(r.state.at).toEqual({ dialog: 'start', node: 'after_help' });
  });
});

describe('branch conditions read ctx.facts', () => {
  it.each([
    [{ volunteers_online: true }, 'start.someone_online'],
    [{ volunteers_online: false }, 'start.nobody_online'],
    [undefined, 'start.nobody_online'],
  ])('facts %j lead to %s, and are never stored', (facts, said) => {
    const r = play(facts === undefined ? ctx : { ...ctx, facts }, null, text('hallo'), payload('choice:online'));
    expect(brief(r.effects)).toEqual([said, moreQ]);
    expect(r.state.answers).toEqual({ topic: 'online' });
  });

  it('a fact wins over an answer of the same name, and the stored answer stays as it was', () => {
    const r = play(offline, null, text('hallo'), payload('choice:online_claimed'));
    expect(brief(r.effects)).toEqual(['start.nobody_online', moreQ]);
    expect(r.state.answers).toEqual({ topic: 'online_claimed', volunteers_online: true });
    expect(brief(play(ctx, null, text('hallo'), payload('choice:online_claimed')).effects)).toEqual(['start.someone_online', moreQ]);
  });
});

/** States a waiting or helped person can be in, each after "yes" to a handoff. */
const afterNode = (): SessionState => play(ctx, null, ...toOffer, text('ja')).state;
const atQuestion = (): SessionState => play(ctx, null, ...atRent, text('mens'), text('ja')).state;
const beforeAnything = (): SessionState => play(ctx, null, text('mens'), text('ja')).state;

describe('waiting for a volunteer (ctx.human = waiting)', () => {
  it.each([['Ik heb een vraag over mijn huur'], ['mens'], ['terug'], ['ja'], ['700']])('text %j goes to the volunteer, with a short acknowledgement', (typed) => {
    const before = atQuestion();
    const r = step(before, text(typed), waiting);
    expect(r.effects).toEqual([{ type: 'relay', text: typed }, waitingAck]);
    expect(r.state).toMatchObject({ at: before.at, answers: before.answers, pending: null, status: 'active' });
  });

  it.each([['choice:yes'], ['choice:help'], ['intent:mens'], ['intent:terug']])('button %j only gets the acknowledgement (nothing to relay), never a refusal', (p) => {
    const before = atQuestion();
    const r = step(before, payload(p), waiting);
    expect(r.effects).toEqual([waitingAck]);
    expect(r.refused).toBeUndefined();
    expect(r.state).toMatchObject({ at: before.at, answers: before.answers });
  });

  it.each([[text('stop')], [text('pauze')], [text('opnieuw')], [payload('intent:stop_waiting')], [payload('intent:stop')]])(
    '%j cancels the handoff and goes back to the current question, answers kept',
    (input) => {
      const before = atQuestion();
      const r = step(before, input, waiting);
      expect(brief(r.effects)).toEqual(['cancel_handoff', 'common.waiting_stopped', rentQ]);
      expect(r.state).toMatchObject({ status: 'active', at: { dialog: 'start', node: 'ask_rent' }, answers: before.answers });
    },
  );

  it('stopping after a handoff node goes on where the dialog continues; without a place, the menu', () => {
    const afterHandoffNode = step(afterNode(), payload('intent:stop_waiting'), waiting);
    expect(brief(afterHandoffNode.effects)).toEqual(['cancel_handoff', 'common.waiting_stopped', 'start.after_help', moreQ]);
    expect(afterHandoffNode.state.at).toEqual({ dialog: 'start', node: 'more' });

    const nowhere = step(beforeAnything(), text('stop'), waiting);
    expect(brief(nowhere.effects)).toEqual(['cancel_handoff', 'common.waiting_stopped', menuQ]);
    expect(nowhere.state).toMatchObject({ status: 'active', at: { dialog: 'start', node: 'menu' } });
  });

  it('crisis words: help lines, an alert, the text for the volunteer, and the ticket raised to crisis', () => {
    const r = step(atQuestion(), text('ik wil dood'), waiting);
    expect(r.effects).toEqual([
      common('crisis'),
      { type: 'crisis_alert' },
      { type: 'relay', text: 'ik wil dood' },
      { type: 'handoff', reason: 'crisis', priority: 'crisis', summary: { topic: 'help', came_from: 'menu', risk_crisis: true } },
    ]);
    expect(r.state.answers['risk_crisis']).toBe(true);
    expect(r.state.pending).toBeNull();
  });

  it('"taal" still goes through the normal step', () => {
    const r = step(atQuestion(), text('english'), waiting);
    expect(brief(r.effects)).toEqual(['common.language_switched', rentQ]);
    expect(r.state.locale).toBe('en');
  });
});

describe('a volunteer holds the chat (ctx.human = claimed): the bot is silent', () => {
  it.each([['hallo, ben je er?'], ['stop'], ['pauze'], ['opnieuw'], ['mens'], ['ja']])('text %j only goes to the volunteer', (typed) => {
    const before = atQuestion();
    const r = step(before, text(typed), claimed);
    expect(r.effects).toEqual([{ type: 'relay', text: typed }]);
    expect(r.state).toEqual({ ...before, turn: before.turn + 1, updatedAt: now.toISOString() });
  });

  it.each([['choice:yes'], ['choice:help'], ['intent:stop_waiting'], ['intent:stop'], ['intent:mens']])('button %j does nothing', (p) => {
    const before = atQuestion();
    const r = step(before, payload(p), claimed);
    expect(r.effects).toEqual([]);
    expect(r.refused).toBeUndefined();
    expect(r.state).toEqual({ ...before, turn: before.turn + 1, updatedAt: now.toISOString() });
  });

  it('crisis words: help lines, an alert and the text for the volunteer, but no new handoff', () => {
    const r = step(atQuestion(), text('er is geweld thuis'), claimed);
    expect(r.effects).toEqual([common('crisis'), { type: 'crisis_alert' }, { type: 'relay', text: 'er is geweld thuis' }]);
    expect(r.state.answers['risk_crisis']).toBe(true);
  });

  it('"taal" still goes through the normal step', () => {
    const r = step(atQuestion(), payload('intent:taal:en'), claimed);
    expect(brief(r.effects)).toEqual(['common.language_switched', rentQ]);
    expect(r.state.locale).toBe('en');
  });
});

describe.each([
  ['waiting', waiting],
  ['claimed', claimed],
] as const)('"verwijder mijn gegevens" while %s', (_mode, context) => {
  const asked = (): StepResult => step(atQuestion(), text('verwijder mijn gegevens'), context);

  it('asks to confirm, as in the normal step', () => {
    const r = asked();
    expect(brief(r.effects)).toEqual(['common.delete_confirm [choice:yes choice:no]']);
    expect(r.state.pending).toEqual({ kind: 'confirm_delete' });
  });

  it.each([[text('ja')], [payload('choice:yes')]])('%j deletes (the confirmation is for the bot, not the volunteer)', (yes) => {
    const r = step(asked().state, yes, context);
    expect(brief(r.effects)).toEqual(['delete_data', 'common.deleted']);
    expect(r.state).toMatchObject({ status: 'new', answers: {}, pending: null });
  });

  it.each([[text('nee')], [payload('choice:no')]])('%j deletes nothing', (no) => {
    const r = step(asked().state, no, context);
    expect(brief(r.effects)).toContain('common.delete_cancelled');
    expect(r.effects.some((e) => e.type === 'delete_data')).toBe(false);
    expect(r.state.pending).toBeNull();
    expect(r.state.answers).toEqual({ topic: 'help', came_from: 'menu' });
  });

  it('anything else drops the question, so a later "ja" meant for the volunteer deletes nothing', () => {
    const moved = step(asked().state, text('hallo, ben je er nog?'), context);
    expect(moved.effects[0]).toEqual({ type: 'relay', text: 'hallo, ben je er nog?' });
    expect(moved.state.pending).toBeNull();

    const later = step(moved.state, text('ja'), context);
    expect(later.effects[0]).toEqual({ type: 'relay', text: 'ja' });
    expect(later.effects.some((e) => e.type === 'delete_data')).toBe(false);
    expect(later.state.answers).toEqual({ topic: 'help', came_from: 'menu' });
  });

  it('crisis words after the question are handled as crisis words, and drop the question', () => {
    const r = step(asked().state, text('nee, ik wil dood'), context);
    expect(r.effects.slice(0, 3)).toEqual([common('crisis'), { type: 'crisis_alert' }, { type: 'relay', text: 'nee, ik wil dood' }]);
    expect(r.state.pending).toBeNull();
  });
});

describe('events from the host', () => {
  it('human_joined: says a volunteer is here, nothing else changes', () => {
    const before = atQuestion();
    const r = step(before, event('human_joined'), waiting);
    expect(r.effects).toEqual([common('human_joined')]);
    expect(r.state).toEqual({ ...before, turn: before.turn + 1, updatedAt: now.toISOString() });
  });

  it('human_requeued: says another volunteer will come, with the stop-waiting button', () => {
    const before = atQuestion();
    const r = step(before, event('human_requeued'), claimed);
    expect(r.effects).toEqual([common('human_requeued', [stopWaiting])]);
    expect(r.state).toEqual({ ...before, turn: before.turn + 1, updatedAt: now.toISOString() });
  });

  it.each([['atQuestion', atQuestion], ['afterNode', afterNode], ['beforeAnything', beforeAnything]] as const)(
    'human_left (%s): a goodbye, then the menu of the start dialog, answers kept',
    (_name, from) => {
      const before = from();
      const r = step(before, event('human_left'), claimed);
      expect(brief(r.effects)).toEqual(['common.human_left', menuQ]);
      expect(r.state).toMatchObject({ status: 'active', pending: null, at: { dialog: 'start', node: 'menu' }, answers: before.answers });
    },
  );
});

describe('chose: the label key of the button the person chose', () => {
  it.each([
    [payload('choice:help'), 'start:menu.help'],
    [text('Hulp nodig'), 'start:menu.help'],
    [text('i need help'), 'start:menu.help'],
    [text('help'), 'start:menu.help'],
  ])('%j at the menu -> %s', (input, chose) => {
    expect(play(ctx, null, text('hallo'), input).chose).toBe(chose);
  });

  it('a shared label keeps its own namespace, for a button and for a typed yes', () => {
    const atMore = play(ctx, null, ...toOffer, text('nee')).state;
    expect(step(atMore, payload('choice:no'), ctx).chose).toBe('common:no');
    expect(step(atMore, text('ja'), ctx).chose).toBe('common:yes');
  });

  it('no choice, no `chose`: a typed amount, a reprompt, a global intent, the consent answer', () => {
    expect(play(ctx, null, ...atRent).chose).toBe('start:menu.help');
    expect(play(ctx, null, ...toOffer).chose).toBeUndefined();
    expect(play(ctx, null, ...atRent, text('blabla')).chose).toBeUndefined();
    expect(play(ctx, null, ...atRent, text('mens')).chose).toBeUndefined();
    expect(play(ctx, null, ...toOffer, payload('choice:yes')).chose).toBeUndefined();
  });
});

describe('typed input kinds: phone and email', () => {
  const atPhone = [text('hallo'), payload('choice:contact')];

  it('the question says which input it expects', () => {
    expect(brief(play(ctx, null, ...atPhone).effects)).toEqual([phoneQ]);
  });

  it.each([
    ['06-12345678', '+31612345678'],
    ['06 1234 5678', '+31612345678'],
    ['+31 (0)6 12345678', '+31612345678'],
    ['0031 6 12345678', '+31612345678'],
    ['020-123 4567', '+31201234567'],
  ])('a Dutch phone number %j is saved as %s (E.164)', (typed, e164) => {
    const r = play(ctx, null, ...atPhone, text(typed));
    expect(r.state.answers).toEqual({ topic: 'contact', phone: e164 });
    expect(brief(r.effects)).toEqual([emailQ]);
  });

  it.each([['12345'], ['0800-1234'], ['06-1234567'], ['bel me maar']])('%j is not a phone number: the question\'s own reprompt', (typed) => {
    const r = play(ctx, null, ...atPhone, text(typed));
    expect(brief(r.effects)).toEqual(['start.phone_again', phoneQ]);
    expect(r.state.answers).toEqual({ topic: 'contact' });
  });

  it.each([
    ['Jan.Jansen@Example.NL', 'Jan.Jansen@example.nl'],
    ['  info@huurhulp.nl ', 'info@huurhulp.nl'],
  ])('an e-mail address %j is saved as %s', (typed, email) => {
    const r = play(ctx, null, ...atPhone, text('0612345678'), text(typed));
    expect(r.state.answers).toEqual({ topic: 'contact', phone: '+31612345678', email });
    expect(brief(r.effects)).toEqual([moreQ]);
  });

  it.each([['jan@'], ['jan at example.nl'], ['jan@example']])('%j is not an e-mail address: the question\'s own reprompt', (typed) => {
    const r = play(ctx, null, ...atPhone, text('0612345678'), text(typed));
    expect(brief(r.effects)).toEqual(['start.email_again', emailQ]);
    expect(r.state.answers).toEqual({ topic: 'contact', phone: '+31612345678' });
  });
});

describe('human mode is pure', () => {
  const scripts: Array<[string, StepContext, () => SessionState, Input[]]> = [
    ['waiting', waiting, atQuestion, [text('hallo'), text('ik wil dood'), payload('intent:stop_waiting')]],
    ['claimed', claimed, afterNode, [text('hallo'), payload('choice:yes'), event('human_left')]],
    ['delete while claimed', claimed, atQuestion, [text('verwijder mijn gegevens'), text('ja')]],
    ['offline', offline, () => play(ctx, null, ...toOffer).state, [text('ja'), payload('choice:callback'), text('0612345678')]],
  ];

  it.each(scripts)('%s: the same inputs give the same outputs, and no input state is changed', (_name, context, from, script) => {
    let state: SessionState = from();
    for (const input of script) {
      const before = structuredClone(state);
      deepFreeze(state);
      const a = step(state, input, context);
      const b = step(state, input, context);
      expect(b).toEqual(a);
      expect(state).toEqual(before);
      state = a.state;
    }
  });
});
