import { z } from 'zod/v4';
import type { ChannelCapabilities, ChannelId } from '../content/channel-capabilities.js';
import type { RenderedMessage, Renderer } from '../content/create-renderer.js';
import type { ConversationReferenceStore } from '../store/conversation-reference-store.js';
import type { ActionRegistry } from '../engine/actions/action-registry.js';
import type { DialogSet } from '../engine/dialog-set.js';
import type { Effect, MessageEffect } from '../engine/effects.js';
import type { Lexicon } from '../engine/lexicon.js';
import type { Locale } from '../engine/session-state.js';
import { sourceLocale } from '../shared/locale-registry.js';
import { isoTime } from '../shared/iso-time.js';
import { step } from '../engine/step.js';
import type { HumanEvent, HumanMode, Input, StepResult } from '../engine/step-types.js';
import { RELAY_CHANNEL, type RelayEvent, type TranscriptLine } from '../handoff/relay-event.js';
import type { LoggedMessage, MessageLog, ReplyBus, SessionStore } from '../store/session-store.js';
import type { TurnRead, TurnStore, TurnWrite } from '../store/turn-store.js';
import type { Clock } from '../shared/clock.js';
import { HuurhulpError, RequestError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Melding } from '../domain/melding/melding.js';
import type { AttemptLimiter } from '../store/attempt-limiter.js';
import type { MeldingStore } from '../store/melding-store.js';
import type { HandoffPort, HandoffRequestResult } from './handoff-port.js';
import { meldingFromAnswers } from './melding-from-answers.js';
import { OFFLINE_REASONS } from './queue-handoff-port.js';
import { volunteerFacts } from './volunteer-facts.js';
import { createTurnQueue } from './turn-queue.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';

export { noVolunteerQueue, type HandoffPort } from './handoff-port.js';

export interface RuntimeDeps {
  readonly sessions: SessionStore;
  /** The turn's one read and one write (Redis: two round trips for an ordinary turn). */
  readonly turns: TurnStore;
  /** Turns per conversation per minute (TURN_RATE_LIMIT), over every channel together; none when absent. */
  readonly turnRateLimit?: number;
  /**
   * Conversations deleted on request: marked here when a web conversation is deleted, and a later turn on one is refused
   * (TOKEN_INVALID). The turn store's read looks at the same marks (Stores.revoked), in the turn's one read script.
   */
  readonly revoked?: { revoke(conversationId: string): Promise<void> };
  readonly messages: MessageLog;
  /** The durable transcript a volunteer reads (person, bot and volunteer lines). */
  readonly transcripts: MessageLog;
  /** Live relay events to the console travel on this bus (channel RELAY_CHANNEL). */
  readonly bus: ReplyBus;
  readonly dialogs: DialogSet;
  readonly lexicon: Lexicon;
  readonly actions: ActionRegistry;
  readonly renderer: Renderer;
  /** What each channel can show (the channel registry); rendering follows it. */
  readonly channelCapabilities: (channel: ChannelId) => ChannelCapabilities;
  /** Conversation references (channel addresses), erased with the rest on "verwijder mijn gegevens". */
  readonly references?: Pick<ConversationReferenceStore, 'delete'>;
  readonly labelTexts: (ns: string, key: string) => readonly string[];
  readonly handoff: HandoffPort;
  /** Relatives' reports (zorgmeldingen). */
  readonly meldingen: MeldingStore;
  /** Wrong reference codes per conversation ("status HH-…"): after MAX_STATUS_FAILURES the bot stops looking up. */
  readonly statusAttempts: AttemptLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
  /** When volunteers answer (OPENING_HOURS), shown to people when nobody is online. */
  readonly openingHours?: string;
  /** Injected randomness for reference codes. */
  readonly newCode?: () => string;
  /** Called after the waiting line changed (a ticket was created or cancelled), so waiting people get their new place. */
  readonly onQueueChanged?: () => void;
  /** Node visits, for transcript coverage. */
  readonly onVisit?: (dialog: string, node: string) => void;
}

export interface TurnRequest {
  readonly conversationId: string;
  readonly input: Input;
  /** The channel the person is on (stored with a handoff ticket; decides the rendering). */
  readonly channel: ChannelId;
  /** The language to start in when the conversation is new. */
  readonly locale?: Locale;
  /** The client's id for this turn (8..64 of A-Z a-z 0-9 _ -): a retry with the same id is answered from the message log, never applied twice. */
  readonly clientTurnId?: string;
}

/** A bot message of a turn with its id in the conversation's message log. */
export interface SentMessage extends RenderedMessage {
  readonly id: string;
}

export interface TurnOutcome {
  readonly messages: readonly SentMessage[];
  readonly locale: Locale;
  /** True when the person's data was deleted in this turn (the channel must not keep anything either). */
  readonly deleted: boolean;
  /** True when the messages also went out on the conversation's live channel (the reply bus); false after a failure. */
  readonly published: boolean;
  /** True when this was a retry of a turn already applied (answered from the message log). */
  readonly replayed: boolean;
  /** True when the turn is applied and kept (now or by an earlier try with the same client turn id); false after a failure. */
  readonly applied: boolean;
}

export interface Runtime {
  handleTurn(request: TurnRequest): Promise<TurnOutcome>;
}

/** Compare-and-set attempts when another process writes the same conversation at once (jittered backoff between). */
const MAX_ATTEMPTS = 12;
const RATE_WINDOW_SECONDS = 60;
/** Wrong reference codes allowed per conversation per window before lookups stop (guessing codes is pointless). */
export const MAX_STATUS_FAILURES = 5;

/**
 * One turn = load state, step, save (compare-and-set, retried on a concurrent write so no answer is lost), deliver.
 * One error boundary per turn: unexpected faults are logged with the conversation id only, and the person gets a
 * kind message with the help lines. Refused input (RequestError) is passed on so the channel can answer 4xx.
 */
export function createRuntime(deps: RuntimeDeps): Runtime {
  const log = deps.logger.child({ module: 'runtime' });

  async function writeTranscript(conversationId: string, line: Omit<TranscriptLine, 'at'>): Promise<string> {
    return deps.transcripts.append(conversationId, { ...line, at: deps.clock.now().toISOString() });
  }

  async function relay(event: RelayEvent): Promise<void> {
    await deps.bus.publish(RELAY_CHANNEL, { id: '0-0', body: event });
  }

  async function statusLine(req: TurnRequest, code: string, locale: Locale): Promise<MessageEffect> {
    if ((await deps.statusAttempts.count(req.conversationId)) >= MAX_STATUS_FAILURES) return commonMessage('melding_status_limited');
    const melding = await deps.meldingen.getForConversation(code, req.conversationId);
    if (melding === null) {
      await deps.statusAttempts.fail(req.conversationId);
      return commonMessage('melding_status_unknown');
    }
    // One line, no personal details: the code and where it stands.
    return { type: 'message', ns: 'common', key: 'melding_status', vars: { code: melding.code, status: deps.renderer.label(`common:melding_state.${melding.status}`, locale) }, quickReplies: [] };
  }

  async function deliver(req: TurnRequest, effects: readonly Effect[], locale: Locale, ticketId: string | null, created: readonly Melding[]): Promise<RenderedMessage[]> {
    const out: RenderedMessage[] = [];
    const render = (e: MessageEffect): void => {
      out.push(deps.renderer.render(e, locale, deps.channelCapabilities(req.channel)));
    };
    for (const effect of effects) {
      switch (effect.type) {
        case 'message':
          render(effect);
          break;
        case 'handoff': {
          const queued: HandoffRequestResult = await deps.handoff.request(req.conversationId, effect, { channel: req.channel, locale });
          log.info({ conversationId: req.conversationId, reason: effect.reason, priority: effect.priority, status: queued.status }, 'handoff requested');
          if (queued.status === 'unavailable') render(commonMessage('handoff_unavailable'));
          else if (OFFLINE_REASONS.has(effect.reason)) {
            deps.onQueueChanged?.();
            render(commonMessage(effect.reason === 'callback' ? 'callback_saved' : 'message_saved'));
          } else {
            if (queued.status === 'created') deps.onQueueChanged?.();
            render(waitingRoom(queued));
          }
          break;
        }
        case 'cancel_handoff':
          await deps.handoff.cancel(req.conversationId);
          deps.onQueueChanged?.();
          break;
        case 'relay': {
          if (effect.text.trim().length === 0) break;
          const line = { from: 'person' as const, text: effect.text };
          const id = await writeTranscript(req.conversationId, line);
          await relay({ type: 'message', conversationId: req.conversationId, ticketId, id, line: { ...line, at: deps.clock.now().toISOString() } });
          break;
        }
        case 'crisis_alert':
          log.warn({ conversationId: req.conversationId }, 'crisis words during a handoff');
          await relay({ type: 'crisis_alert', conversationId: req.conversationId, ticketId });
          break;
        case 'status_lookup':
          render(await statusLine(req, effect.code, locale));
          break;
        case 'store_melding': {
          const melding = created.find((m) => m.code === effect.code);
          if (melding === undefined) break;
          await deps.handoff.requestMelding(melding, { channel: req.channel, locale });
          log.info({ conversationId: req.conversationId, urgency: melding.urgency }, 'melding stored and queued');
          deps.onQueueChanged?.();
          break;
        }
        case 'delete_data':
        case 'end':
          break;
      }
    }
    return out;
  }

  /** "verwijder mijn gegevens": the session, messages, transcript and reports of this conversation; returns the reports count. */
  async function forget(conversationId: string): Promise<number> {
    // The open ticket (with its copy of the answers) goes too, before the conversation disappears.
    await deps.handoff.erase(conversationId);
    const [, , , , , codes] = await Promise.all([
      deps.sessions.delete(conversationId),
      deps.turns.forget(conversationId),
      deps.references?.delete(conversationId),
      deps.messages.delete(conversationId),
      deps.transcripts.delete(conversationId),
      deps.meldingen.deleteByConversation(conversationId),
    ]);
    log.info({ conversationId, reports: codes.length }, 'conversation data deleted on request');
    return codes.length;
  }

  function stepCtx(human: HumanMode, online: boolean, now: Date) {
    return {
      dialogs: deps.dialogs,
      lexicon: deps.lexicon,
      actions: deps.actions,
      now,
      labelTexts: deps.labelTexts,
      human,
      facts: volunteerFacts(now, online, deps.openingHours),
      ...(deps.newCode ? { newCode: deps.newCode } : {}),
      ...(deps.onVisit ? { onVisit: deps.onVisit } : {}),
    };
  }

  /** The reports a turn asks to store; stored before the state, so a taken reference code makes the whole turn run again. */
  async function storeMeldingen(req: TurnRequest, result: StepResult): Promise<Melding[]> {
    const created: Melding[] = [];
    for (const e of result.effects) {
      if (e.type !== 'store_melding') continue;
      const melding = meldingFromAnswers(e.answers, { code: e.code, conversationId: req.conversationId, locale: result.state.locale, now: deps.clock.now() });
      await deps.meldingen.create(melding);
      created.push(melding);
    }
    return created;
  }

  /** What the person said, as text: typed, or the label of the button they chose. */
  function personText(req: TurnRequest, result: StepResult): string | null {
    const text = req.input.kind === 'text' ? req.input.text : req.input.kind === 'payload' && result.chose ? deps.renderer.label(result.chose, result.state.locale) : null;
    return text !== null && text.trim().length > 0 ? text : null;
  }

  async function commit(conversationId: string, write: TurnWrite): Promise<readonly string[] | null> {
    const done = await deps.turns.commit(conversationId, write);
    return done === null ? null : done.ids;
  }

  async function runTurn(req: TurnRequest): Promise<TurnOutcome> {
    const cid = req.conversationId;
    for (let i = 1; ; i++) {
      // One round trip: state, rate count, client turn id and deletion mark (one script), the queue's view and who is online.
      const [read, human, online] = await Promise.all([
        deps.turns.read(cid, {
          ...(req.clientTurnId !== undefined ? { clientTurnId: req.clientTurnId } : {}),
          countTurn: i === 1 && deps.turnRateLimit !== undefined,
          windowSeconds: RATE_WINDOW_SECONDS,
          // Only web tokens can outlive their conversation; a phone or Teams user who writes again simply starts afresh.
          checkRevoked: i === 1 && req.channel === 'web' && deps.revoked !== undefined,
        }),
        deps.handoff.mode(cid),
        deps.handoff.online(deps.clock.now()),
      ]);
      if (read.revoked) throw new RequestError('TOKEN_INVALID');
      if (read.replay !== null) return replayed(cid, read.replay, read.stored);
      if (deps.turnRateLimit !== undefined && read.turnsInWindow > deps.turnRateLimit) throw new RequestError('RATE_LIMITED');
      const state = read.stored ? read.stored.state : null;
      if (read.stored && state === null) log.warn({ conversationId: cid }, 'stored state unreadable; starting over');
      // One moment for the whole step and the lines it writes.
      const now = deps.clock.now();
      const at = isoTime(now);
      const result = step(state, req.input, stepCtx(human.mode, online, now), req.locale ?? sourceLocale);
      if (result.refused) throw new RequestError('UNKNOWN_PAYLOAD');
      const locale = result.state.locale;
      if (result.effects.some((e) => e.type === 'delete_data')) return deleteTurn(req, result);
      const expectedRev = read.stored?.rev ?? 0;
      const said = req.input.kind === 'event' ? null : personText(req, result);
      // The bot conversation goes into the transcript (while a human is involved, relay effects write it).
      const transcriptPerson = said !== null && human.mode === 'none' ? [{ from: 'person', text: said, at }] : [];
      // The person's own line is kept in the message log too, so the whole thread can be shown again.
      const logPerson = said !== null ? [{ type: 'person', text: said }] : [];
      const ordinary = result.effects.every((e) => e.type === 'message' || e.type === 'end');
      if (ordinary) {
        // The common turn: everything rendered now and written in one atomic step.
        const rendered: RenderedMessage[] = [];
        for (const e of result.effects) if (e.type === 'message') rendered.push(deps.renderer.render(e, locale, deps.channelCapabilities(req.channel)));
        const ids = await commit(cid, {
          state: { doc: result.state, expectedRev },
          transcript: [...transcriptPerson, ...rendered.map((m) => ({ from: 'bot', text: m.text, at }))],
          messages: [...logPerson, ...rendered.map(withoutId)],
          publishFrom: logPerson.length,
          ...(req.clientTurnId !== undefined ? { clientTurnId: req.clientTurnId } : {}),
        });
        if (ids === null) {
          if (i >= MAX_ATTEMPTS) throw new RequestError('STORE_CONFLICT');
          await backoff(i);
          continue;
        }
        log.debug({ conversationId: cid, turn: result.state.turn }, 'turn done');
        return { messages: rendered.map((m, j) => ({ ...m, id: ids[logPerson.length + j] ?? '0-0' })), locale, deleted: false, published: true, replayed: false, applied: true };
      }
      const stored = await storeMeldingen(req, result);
      const first = await commit(cid, { state: { doc: result.state, expectedRev }, transcript: transcriptPerson, messages: logPerson, publishFrom: logPerson.length });
      if (first === null) {
        if (i >= MAX_ATTEMPTS) throw new RequestError('STORE_CONFLICT');
        await backoff(i);
        continue;
      }
      // Effects with I/O of their own (the queue, the relay, report look-ups) run after the state is saved, as before.
      const rendered = await deliver(req, result.effects, locale, human.ticketId, stored);
      const answeredAt = deps.clock.now().toISOString();
      const ids = await commit(cid, {
        transcript: rendered.map((m) => ({ from: 'bot', text: m.text, at: answeredAt })),
        messages: rendered.map(withoutId),
        publishFrom: 0,
        ...(req.clientTurnId !== undefined ? { clientTurnId: req.clientTurnId, replayFrom: first[0] } : {}),
      });
      log.debug({ conversationId: cid, turn: result.state.turn, effects: result.effects.map((e) => e.type) }, 'turn done');
      return { messages: rendered.map((m, j) => ({ ...m, id: ids?.[j] ?? '0-0' })), locale, deleted: false, published: true, replayed: false, applied: true };
    }
  }

  /** "verwijder mijn gegevens": nothing is kept, the goodbye goes only to the live channel (with ids outside the log). */
  async function deleteTurn(req: TurnRequest, result: StepResult): Promise<TurnOutcome> {
    const reports = await forget(req.conversationId);
    // The web token of a deleted conversation must not start it again under the same id (issue #11 finding 10).
    if (req.channel === 'web') await deps.revoked?.revoke(req.conversationId);
    const locale = result.state.locale;
    // The "deleted" message says what was deleted, including any reports this conversation made.
    const messages: SentMessage[] = [];
    for (const e of result.effects) {
      if (e.type !== 'message') continue;
      const effect = e.ns === 'common' && e.key === 'deleted' ? { ...e, vars: { ...e.vars, reports } } : e;
      messages.push({ ...deps.renderer.render(effect, locale, deps.channelCapabilities(req.channel)), id: unloggedId() });
    }
    const published = await publishAll(req.conversationId, messages);
    return { messages, locale, deleted: true, published, replayed: false, applied: true };
  }

  /** A retried client turn: the bot messages it wrote, from the message log; nothing is applied again. */
  async function replayed(conversationId: string, range: { first: string; last: string }, stored: TurnRead['stored']): Promise<TurnOutcome> {
    const entries = await deps.turns.replay(conversationId, range);
    const messages = entries.flatMap((e) => asSent(e));
    const locale = stored?.state?.locale ?? sourceLocale;
    log.info({ conversationId }, 'retried turn answered from the message log');
    return { messages, locale, deleted: false, published: false, replayed: true, applied: true };
  }

  async function publishAll(conversationId: string, messages: readonly SentMessage[]): Promise<boolean> {
    try {
      for (const m of messages) await deps.bus.publish(conversationId, { id: m.id, body: withoutId(m) });
      return true;
    } catch (err) {
      log.warn({ conversationId, err }, 'live channel unavailable');
      return false;
    }
  }

  // One conversation's turns run one after another in this process; other processes are kept out by compare-and-set.
  const queue = createTurnQueue();

  return {
    handleTurn(req) {
      return queue.run(req.conversationId, async () => {
        try {
          return await runTurn(req);
        } catch (e) {
          // A store that cannot be reached is answered 503 STORE_UNAVAILABLE at the edge, fast (issue #11 finding 2):
          // the person's message was not taken, and the widget says so and sends it again by itself.
          if (e instanceof RequestError || isStoreUnavailable(e)) throw e;
          log.error({ conversationId: req.conversationId, err: e, code: e instanceof HuurhulpError ? e.code : 'INTERNAL' }, 'turn failed');
          const locale = req.locale ?? sourceLocale;
          // The calm message with the help lines; it is not kept (the store may be what failed), only sent.
          const messages = [{ ...deps.renderer.render(commonMessage('error'), locale, deps.channelCapabilities(req.channel)), id: unloggedId() }];
          return { messages, locale, deleted: false, published: await publishAll(req.conversationId, messages), replayed: false, applied: false };
        }
      });
    },
  };
}

/** Jittered backoff before another compare-and-set attempt: processes that collided do not collide again in step. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An id for a message that is sent but not kept (after a deletion, or when the store failed); sorts before every kept one. */
function unloggedId(): string {
  return `0-${Math.floor(Math.random() * 2 ** 47)}`;
}

/** The kept and published shape of a bot message: without its id and the channel's layout hint. */
function withoutId(m: RenderedMessage): RenderedMessage {
  return { type: 'message', text: m.text, ...(m.quick_replies ? { quick_replies: m.quick_replies } : {}), ...(m.input ? { input: m.input } : {}) };
}

const loggedBotMessage = z.object({
  type: z.literal('message'),
  text: z.string(),
  quick_replies: z.array(z.object({ title: z.string(), payload: z.string() })).optional(),
  input: z.string().optional(),
});

/** A bot message from the message log (the person's own lines and anything else are left out). */
function asSent(entry: LoggedMessage): SentMessage[] {
  const parsed = loggedBotMessage.safeParse(entry.body);
  if (!parsed.success) return [];
  const { text, quick_replies: quick, input } = parsed.data;
  return [{ id: entry.id, type: 'message', text, ...(quick ? { quick_replies: quick } : {}), ...(input ? { input } : {}) }];
}

/** The honest waiting room: place in the line and the expected wait, or that we do not know it yet. */
function waitingRoom(q: HandoffRequestResult): MessageEffect {
  const minutes = q.waitSeconds === null ? 0 : Math.max(1, Math.round(q.waitSeconds / 60));
  return {
    type: 'message',
    ns: 'common',
    key: 'waiting_room',
    vars: { position: q.position ?? 1, wait_known: q.waitSeconds !== null, wait_minutes: minutes },
    quickReplies: [{ payload: 'intent:stop_waiting', label: 'common:stop_waiting' }],
  };
}

function commonMessage(key: string): MessageEffect {
  return { type: 'message', ns: 'common', key, vars: {}, quickReplies: [] };
}

export type { HumanEvent };
