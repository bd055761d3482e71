import type { ChannelCapabilities, ChannelId } from '../content/channel-capabilities.js';
import type { RenderedMessage, Renderer } from '../content/create-renderer.js';
import type { ConversationReferenceStore } from '../store/conversation-reference-store.js';
import type { ActionRegistry } from '../engine/actions/action-registry.js';
import type { DialogSet } from '../engine/dialog-set.js';
import type { Effect, MessageEffect } from '../engine/effects.js';
import type { Lexicon } from '../engine/lexicon.js';
import { migrateState, type Locale, type SessionState } from '../engine/session-state.js';
import { sourceLocale } from '../shared/locale-registry.js';
import { step } from '../engine/step.js';
import type { HumanEvent, HumanMode, Input, StepResult } from '../engine/step-types.js';
import { RELAY_CHANNEL, type RelayEvent, type TranscriptLine } from '../handoff/relay-event.js';
import type { MessageLog, ReplyBus, SessionStore } from '../store/session-store.js';
import type { Clock } from '../shared/clock.js';
import { HuurhulpError, RequestError, StoreError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Melding } from '../domain/melding/melding.js';
import type { AttemptLimiter } from '../store/attempt-limiter.js';
import type { MeldingStore } from '../store/melding-store.js';
import type { HandoffPort, HandoffRequestResult } from './handoff-port.js';
import { meldingFromAnswers } from './melding-from-answers.js';
import { OFFLINE_REASONS } from './queue-handoff-port.js';
import { volunteerFacts } from './volunteer-facts.js';

export { noVolunteerQueue, type HandoffPort } from './handoff-port.js';

export interface RuntimeDeps {
  readonly sessions: SessionStore;
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
}

export interface TurnOutcome {
  readonly messages: readonly RenderedMessage[];
  readonly locale: Locale;
  /** True when the person's data was deleted in this turn (the channel must not keep anything either). */
  readonly deleted: boolean;
}

export interface Runtime {
  handleTurn(request: TurnRequest): Promise<TurnOutcome>;
}

const MAX_ATTEMPTS = 8;
/** Wrong reference codes allowed per conversation per window before lookups stop (guessing codes is pointless). */
export const MAX_STATUS_FAILURES = 5;

/**
 * One turn = load state, step, save (compare-and-set, retried on a concurrent write so no answer is lost), deliver.
 * One error boundary per turn: unexpected faults are logged with the conversation id only, and the person gets a
 * kind message with the help lines. Refused input (RequestError) is passed on so the channel can answer 4xx.
 */
export function createRuntime(deps: RuntimeDeps): Runtime {
  const log = deps.logger.child({ module: 'runtime' });

  async function attempt(req: TurnRequest, human: { mode: HumanMode }, online: boolean): Promise<{ result: StepResult; before: SessionState | null; stored: Melding[] }> {
    for (let i = 1; ; i++) {
      const stored = await deps.sessions.get(req.conversationId);
      const state = stored ? migrateState(stored.doc) : null;
      if (stored && state === null) log.warn({ conversationId: req.conversationId }, 'stored state unreadable; starting over');
      const result = step(
        state,
        req.input,
        {
          dialogs: deps.dialogs,
          lexicon: deps.lexicon,
          actions: deps.actions,
          now: deps.clock.now(),
          labelTexts: deps.labelTexts,
          human: human.mode,
          facts: volunteerFacts(deps.clock.now(), online, deps.openingHours),
          ...(deps.newCode ? { newCode: deps.newCode } : {}),
          ...(deps.onVisit ? { onVisit: deps.onVisit } : {}),
        },
        req.locale ?? sourceLocale,
      );
      if (result.refused) throw new RequestError('UNKNOWN_PAYLOAD');
      if (result.effects.some((e) => e.type === 'delete_data')) return { result, before: state, stored: [] };
      try {
        // Reports are stored before the state: a taken reference code makes the whole turn run again with a new one.
        const created: Melding[] = [];
        for (const e of result.effects) {
          if (e.type !== 'store_melding') continue;
          const melding = meldingFromAnswers(e.answers, { code: e.code, conversationId: req.conversationId, locale: result.state.locale, now: deps.clock.now() });
          await deps.meldingen.create(melding);
          created.push(melding);
        }
        await deps.sessions.put(req.conversationId, result.state, stored?.rev ?? 0);
        return { result, before: state, stored: created };
      } catch (e) {
        if (e instanceof StoreError && e.code === 'STORE_CONFLICT' && i < MAX_ATTEMPTS) continue;
        throw e;
      }
    }
  }

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
    const [, , , , codes] = await Promise.all([
      deps.sessions.delete(conversationId),
      deps.references?.delete(conversationId),
      deps.messages.delete(conversationId),
      deps.transcripts.delete(conversationId),
      deps.meldingen.deleteByConversation(conversationId),
    ]);
    log.info({ conversationId, reports: codes.length }, 'conversation data deleted on request');
    return codes.length;
  }

  return {
    async handleTurn(req) {
      try {
        // Independent look-ups: sent together (node-redis pipelines commands issued in the same tick).
        const [human, online] = await Promise.all([deps.handoff.mode(req.conversationId), deps.handoff.online(deps.clock.now())]);
        const { result, stored } = await attempt(req, human, online);
        const deleted = result.effects.some((e) => e.type === 'delete_data');
        const reports = deleted ? await forget(req.conversationId) : 0;
        if (!deleted && req.input.kind !== 'event' && human.mode === 'none') {
          // The bot conversation goes into the transcript (while a human is involved, relay effects write it).
          const text = req.input.kind === 'text' ? req.input.text : result.chose ? deps.renderer.label(result.chose, result.state.locale) : null;
          if (text !== null && text.trim().length > 0) await writeTranscript(req.conversationId, { from: 'person', text });
        }
        // The "deleted" message says what was deleted, including any reports this conversation made.
        const effects = deleted ? result.effects.map((e) => (e.type === 'message' && e.ns === 'common' && e.key === 'deleted' ? { ...e, vars: { ...e.vars, reports } } : e)) : result.effects;
        const messages = await deliver(req, effects, result.state.locale, human.ticketId, stored);
        // One connection keeps the order of the appends, so they can go out together.
        if (!deleted) await Promise.all(messages.map((m) => writeTranscript(req.conversationId, { from: 'bot', text: m.text })));
        log.debug({ conversationId: req.conversationId, turn: result.state.turn, effects: result.effects.map((e) => e.type) }, 'turn done');
        return { messages, locale: result.state.locale, deleted };
      } catch (e) {
        if (e instanceof RequestError) throw e;
        log.error({ conversationId: req.conversationId, err: e, code: e instanceof HuurhulpError ? e.code : 'INTERNAL' }, 'turn failed');
        const locale = req.locale ?? sourceLocale;
        return { messages: [deps.renderer.render(commonMessage('error'), locale, deps.channelCapabilities(req.channel))], locale, deleted: false };
      }
    },
  };
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
