import { z } from 'zod/v4';
import type { TeamsAddress } from '../../store/teams-store.js';
import { localeOfTag, sourceLocale, type Locale } from '../../shared/locale-registry.js';

/** What we use of an inbound Teams activity (already authenticated by the SDK). Everything else is ignored. */
const accountSchema = z.looseObject({ id: z.string().min(1).max(256), name: z.string().max(200).optional(), aadObjectId: z.string().max(128).optional() });
const activitySchema = z.looseObject({
  type: z.string(),
  id: z.string().max(512).optional(),
  serviceUrl: z.url(),
  from: accountSchema,
  recipient: accountSchema,
  conversation: z.looseObject({ id: z.string().min(1).max(1024), conversationType: z.string().optional(), tenantId: z.string().max(128).optional() }),
  text: z.string().max(20_000).optional(),
  value: z.unknown().optional(),
  name: z.string().optional(),
  locale: z.string().max(20).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: z.string().max(128) }).optional(),
      team: z.looseObject({ name: z.string().max(200).optional() }).optional(),
      channel: z.looseObject({ name: z.string().max(200).optional() }).optional(),
    })
    .optional(),
});

const answerData = z.looseObject({ hh: z.literal('answer'), payload: z.string().min(1).max(200), card: z.string().min(1).max(64) });
const claimData = z.looseObject({ hh: z.literal('claim'), ticketId: z.string().min(1).max(128) });
const executeValue = z.looseObject({ action: z.looseObject({ type: z.literal('Action.Execute'), verb: z.string(), data: z.unknown().optional() }) });

export interface TeamsUser {
  /** The Teams user id in this bot's scope (`29:…`). */
  readonly id: string;
  /** The Entra object id: what volunteers are linked by. */
  readonly aadObjectId: string | null;
  readonly name: string;
}

/** The inbound activities huurhulp acts on. */
export type TeamsInbound =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'answer'; readonly payload: string; readonly cardId: string }
  | { readonly kind: 'claim'; readonly ticketId: string; readonly via: 'execute' | 'submit' }
  | { readonly kind: 'other' };

export interface TeamsActivity {
  readonly inbound: TeamsInbound;
  readonly user: TeamsUser;
  /** Where a reply goes: this conversation (a 1:1 chat, or the channel thread of a card). */
  readonly address: TeamsAddress;
  /** `personal` (1:1), `channel` or `groupChat`. */
  readonly scope: 'personal' | 'channel' | 'groupChat';
  readonly locale: Locale;
  /** Team and channel name, for the coordinator view of the alert channel. */
  readonly channelLabel: string;
}

/** Parses an activity; null when it lacks what every activity must have (it is then answered 200 and ignored). */
export function parseTeamsActivity(raw: unknown): TeamsActivity | null {
  const parsed = activitySchema.safeParse(raw);
  if (!parsed.success) return null;
  const a = parsed.data;
  const tenantId = a.conversation.tenantId ?? a.channelData?.tenant?.id ?? null;
  const type = a.conversation.conversationType;
  const scope = type === 'channel' || type === 'groupChat' ? type : 'personal';
  return {
    inbound: inboundOf(a),
    user: { id: a.from.id, aadObjectId: a.from.aadObjectId ?? null, name: a.from.name ?? '' },
    address: { serviceUrl: a.serviceUrl, conversationId: a.conversation.id, tenantId, botId: a.recipient.id },
    scope,
    locale: localeOfTag(a.locale ?? '') ?? sourceLocale,
    channelLabel: [a.channelData?.team?.name, a.channelData?.channel?.name].filter((s): s is string => s !== undefined && s !== '').join(' / '),
  };
}

function inboundOf(a: z.infer<typeof activitySchema>): TeamsInbound {
  if (a.type === 'invoke' && a.name === 'adaptiveCard/action') {
    const value = executeValue.safeParse(a.value);
    const claim = value.success ? claimData.safeParse(value.data.action.data) : null;
    return claim?.success ? { kind: 'claim', ticketId: claim.data.ticketId, via: 'execute' } : { kind: 'other' };
  }
  if (a.type !== 'message') return { kind: 'other' };
  // Action.Submit arrives as a message whose `value` is the button's data.
  const answer = answerData.safeParse(a.value);
  if (answer.success) return { kind: 'answer', payload: answer.data.payload, cardId: answer.data.card };
  const claim = claimData.safeParse(a.value);
  if (claim.success) return { kind: 'claim', ticketId: claim.data.ticketId, via: 'submit' };
  const text = (a.text ?? '').trim();
  return text === '' ? { kind: 'other' } : { kind: 'text', text };
}
