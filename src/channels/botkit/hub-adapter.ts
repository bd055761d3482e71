import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type Middleware, type MiddlewareHandler, type ResourceResponse } from 'botbuilder';
import type { RenderedMessage } from '../../content/create-renderer.js';
import type { SentMessage } from '../../runtime/handle-turn.js';

/** Delivers one bot message of a conversation (the channel's own way); returns its id. */
export type HubDeliver = (conversationId: string, message: RenderedMessage, turnId: string | undefined) => Promise<string>;

const FAILED = Symbol('failed');

export type DeliveredMessage = SentMessage;

/**
 * One channel we host ourselves as a Botkit/botbuilder adapter: activities in from the channel's route, bot messages
 * out through `deliver`. Replaces botbuilder-adapter-web and the archived Twilio adapter (old dependencies, no
 * idempotency); each channel passes its own `deliver`. A turn's replies were already kept (and published) by the
 * runtime's one write and go back to the hub's receive() as they are; only proactive messages go through `deliver`.
 * sendActivities never rejects: Botkit's bot.say awaits it inside a callback whose rejection nobody handles (it ended
 * the process on a Redis OOM), so a failure is kept and thrown after the turn instead.
 */
export class HubAdapter extends BotAdapter {
  constructor(
    private readonly channelName: string,
    private readonly deliver: HubDeliver,
  ) {
    super();
  }

  /**
   * The hub's adapter runs no botbuilder middleware (Botkit's own chains run inside `logic`), so it refuses any: a
   * turn can then call `logic` directly, without botbuilder's empty middleware pipeline and the revocable proxy it
   * wraps around the context, through which every read of the context went (issue #12).
   */
  override use(..._middlewares: (Middleware | MiddlewareHandler)[]): this {
    throw new Error(`The ${this.channelName} hub adapter runs no botbuilder middleware; use Botkit's middleware (controller.middleware).`);
  }

  /** Runs one incoming activity through `logic` (the Botkit controller's turn). */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    await logic(context);
    throwIfFailed(context);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    const conversationId = context.activity.conversation?.id;
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message || conversationId === undefined) {
        responses.push({ id: '' });
        continue;
      }
      try {
        responses.push({ id: await this.deliver(conversationId, toRendered(activity), context.activity.id) });
      } catch (e) {
        if (context.turnState.get(FAILED) === undefined) context.turnState.set(FAILED, { error: e });
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error(`The ${this.channelName} channel cannot edit sent messages.`);
  }

  async deleteActivity(): Promise<void> {
    throw new Error(`The ${this.channelName} channel cannot delete sent messages.`);
  }

  /** Proactive messages (e.g. from a volunteer later) reach the person through the same deliver path. */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
    throwIfFailed(context);
  }
}

function throwIfFailed(context: TurnContext): void {
  const failed: unknown = context.turnState.get(FAILED);
  if (typeof failed === 'object' && failed !== null && 'error' in failed) throw failed.error;
}

/** The channel data carries the rendered message's extras (choices, layout, input kind) through Botkit unchanged. */
export function toChannelData(m: RenderedMessage): Record<string, unknown> {
  return { quick_replies: m.quick_replies, layout: m.layout, input: m.input };
}

function toRendered(activity: Partial<Activity>): RenderedMessage {
  const data: unknown = activity.channelData;
  const extra = typeof data === 'object' && data !== null ? data : {};
  const quick = 'quick_replies' in extra && Array.isArray(extra.quick_replies) ? extra.quick_replies.filter(isQuickReply) : [];
  const input = 'input' in extra && typeof extra.input === 'string' ? extra.input : undefined;
  const layout = 'layout' in extra && (extra.layout === 'buttons' || extra.layout === 'list') ? extra.layout : undefined;
  return {
    type: 'message',
    text: activity.text ?? '',
    ...(quick.length > 0 ? { quick_replies: quick, ...(layout ? { layout } : {}) } : {}),
    ...(input ? { input } : {}),
  };
}

function isQuickReply(q: unknown): q is { title: string; payload: string } {
  return typeof q === 'object' && q !== null && 'title' in q && 'payload' in q && typeof q.title === 'string' && typeof q.payload === 'string';
}
