import type { Channel, RenderedMessage, Renderer } from '../content/create-renderer.js';
import type { ActionRegistry } from '../engine/actions/action-registry.js';
import type { DialogSet } from '../engine/dialog-set.js';
import type { Effect, HandoffEffect, MessageEffect } from '../engine/effects.js';
import type { Lexicon } from '../engine/lexicon.js';
import { migrateState, type Locale } from '../engine/session-state.js';
import { step, type Input, type StepResult } from '../engine/step.js';
import type { SessionStore, MessageLog } from '../store/session-store.js';
import type { Clock } from '../shared/clock.js';
import { HuurhulpError, RequestError, StoreError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

/** Where a handoff effect goes. Until the volunteer queue exists the default answers `unavailable`. */
export interface HandoffPort {
  request(conversationId: string, effect: HandoffEffect, meta: { channel: string; locale: Locale }): Promise<'queued' | 'unavailable'>;
}

export const noVolunteerQueue: HandoffPort = { request: async () => 'unavailable' };

export interface RuntimeDeps {
  readonly sessions: SessionStore;
  readonly messages: MessageLog;
  readonly dialogs: DialogSet;
  readonly lexicon: Lexicon;
  readonly actions: ActionRegistry;
  readonly renderer: Renderer;
  readonly labelTexts: (ns: string, key: string) => readonly string[];
  readonly handoff: HandoffPort;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Node visits, for transcript coverage. */
  readonly onVisit?: (dialog: string, node: string) => void;
}

export interface TurnRequest {
  readonly conversationId: string;
  readonly input: Input;
  readonly channel: Channel;
  /** The language to start in when the conversation is new. */
  readonly locale?: Locale;
}

export interface TurnOutcome {
  readonly messages: readonly RenderedMessage[];
  readonly locale: Locale;
  /** True when the person's data was deleted in this turn (the channel must not keep anything either). */
  readonly deleted: boolean;
}

const MAX_ATTEMPTS = 8;

export interface Runtime {
  handleTurn(request: TurnRequest): Promise<TurnOutcome>;
}

/**
 * One turn = load state, step, save (compare-and-set, retried on a concurrent write so no answer is lost), deliver.
 * One error boundary per turn: unexpected faults are logged with the conversation id only, and the person gets a
 * kind message with the help lines. Refused input (RequestError) is passed on so the channel can answer 4xx.
 */
export function createRuntime(deps: RuntimeDeps): Runtime {
  const log = deps.logger.child({ module: 'runtime' });

  async function attempt(req: TurnRequest): Promise<{ result: StepResult; locale: Locale }> {
    for (let i = 1; ; i++) {
      const stored = await deps.sessions.get(req.conversationId);
      const state = stored ? migrateState(stored.doc) : null;
      if (stored && state === null) log.warn({ conversationId: req.conversationId }, 'stored state unreadable; starting over');
      const result = step(state, req.input, { dialogs: deps.dialogs, lexicon: deps.lexicon, actions: deps.actions, now: deps.clock.now(), labelTexts: deps.labelTexts, ...(deps.onVisit ? { onVisit: deps.onVisit } : {}) }, req.locale ?? 'nl');
      if (result.refused) throw new RequestError('UNKNOWN_PAYLOAD');
      if (result.effects.some((e) => e.type === 'delete_data')) {
        await Promise.all([deps.sessions.delete(req.conversationId), deps.messages.delete(req.conversationId)]);
        return { result, locale: result.state.locale };
      }
      try {
        await deps.sessions.put(req.conversationId, result.state, stored?.rev ?? 0);
        return { result, locale: result.state.locale };
      } catch (e) {
        if (e instanceof StoreError && e.code === 'STORE_CONFLICT' && i < MAX_ATTEMPTS) continue;
        throw e;
      }
    }
  }

  async function deliver(req: TurnRequest, effects: readonly Effect[], locale: Locale): Promise<RenderedMessage[]> {
    const out: RenderedMessage[] = [];
    for (const effect of effects) {
      if (effect.type === 'message') out.push(deps.renderer.render(effect, locale, req.channel));
      if (effect.type === 'handoff') {
        const queued = await deps.handoff.request(req.conversationId, effect, { channel: req.channel, locale });
        log.info({ conversationId: req.conversationId, reason: effect.reason, priority: effect.priority, queued }, 'handoff requested');
        if (queued === 'unavailable') out.push(deps.renderer.render(commonMessage('handoff_unavailable'), locale, req.channel));
      }
    }
    return out;
  }

  return {
    async handleTurn(req) {
      try {
        const { result, locale } = await attempt(req);
        const messages = await deliver(req, result.effects, locale);
        log.debug({ conversationId: req.conversationId, turn: result.state.turn, effects: result.effects.map((e) => e.type) }, 'turn done');
        return { messages, locale, deleted: result.effects.some((e) => e.type === 'delete_data') };
      } catch (e) {
        if (e instanceof RequestError) throw e;
        log.error({ conversationId: req.conversationId, err: e, code: e instanceof HuurhulpError ? e.code : 'INTERNAL' }, 'turn failed');
        const locale = req.locale ?? 'nl';
        return { messages: [deps.renderer.render(commonMessage('error'), locale, req.channel)], locale, deleted: false };
      }
    },
  };
}

function commonMessage(key: string): MessageEffect {
  return { type: 'message', ns: 'common', key, vars: {}, quickReplies: [] };
}
