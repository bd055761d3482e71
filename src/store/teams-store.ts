import { createHash } from 'node:crypto';
import { z } from 'zod/v4';

/**
 * How to reach one Teams conversation through the Bot Connector later (the alert channel, a volunteer's 1:1 chat).
 * Teams ids live only in values like this one, never in keys or logs.
 */
export const teamsAddressSchema = z.strictObject({
  serviceUrl: z.url(),
  conversationId: z.string().min(1).max(1024),
  tenantId: z.string().min(1).max(128).nullable(),
  /** The bot's own id in that conversation (`28:<app id>`). */
  botId: z.string().min(1).max(256),
});
export type TeamsAddress = z.infer<typeof teamsAddressSchema>;

export const alertChannelSchema = z.strictObject({
  address: teamsAddressSchema,
  /** Team and channel names as Teams reported them, for the coordinator view. */
  label: z.string().max(300),
  /** Who typed "meldingen hier" (their display name, as Teams sent it). */
  setBy: z.string().max(200),
  setAt: z.iso.datetime(),
  /** Teams answered 403 (the app was removed from the team): alerts no longer arrive. */
  stale: z.boolean(),
});
export type AlertChannel = z.infer<typeof alertChannelSchema>;

export const alertCardSchema = z.strictObject({
  /** Empty while the card is being posted (the reservation). */
  activityId: z.string().max(512),
  address: teamsAddressSchema,
});
export type AlertCardRecord = z.infer<typeof alertCardSchema>;

/** The last question card a person was shown in Teams, so a press on an older card gets the current one again. */
export const lastCardSchema = z.strictObject({
  cardId: z.string().min(1).max(64),
  /** The rendered messages of that turn (bot text only, as in the message log); other fields (a log id) are dropped. */
  messages: z.array(z.object({ type: z.literal('message'), text: z.string(), quick_replies: z.array(z.strictObject({ title: z.string(), payload: z.string() })).readonly().optional(), layout: z.enum(['buttons', 'list']).optional(), input: z.string().optional() })).max(20).readonly(),
});
export type LastCard = z.infer<typeof lastCardSchema>;

/** The one-time code a volunteer sends the bot to link their Teams account: `XXXX-XXXX`, no look-alike characters. */
export const LINK_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const linkCodePattern = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

export interface TeamsStoreTtls {
  /** Links, 1:1 chats and the alert channel: ACCOUNT_TTL_DAYS, renewed at every use. */
  readonly linkTtlSeconds: number;
  /** Alert card ids and last question cards: the ticket / session TTL. */
  readonly ticketTtlSeconds: number;
  /** One-time link codes. Default 15 minutes. */
  readonly codeTtlSeconds?: number;
}

export const defaultCodeTtlSeconds = 15 * 60;

/**
 * What the Teams channel keeps: which Teams user is which volunteer, their 1:1 chats, the alert channel, the alert
 * card of each ticket (posted once across processes), and each person's last question card. Every key has a TTL.
 */
export interface TeamsStore {
  readonly kind: 'redis' | 'memory';
  /** Links a Teams user (Entra object id) to a console account; replaces an older link of that user. */
  link(aadObjectId: string, username: string): Promise<void>;
  /** The console username linked to this Teams user, or null. Renews the link. */
  volunteerOf(aadObjectId: string): Promise<string | null>;
  /** Stores a one-time code for `username` (the caller makes the code). */
  putLinkCode(code: string, username: string): Promise<void>;
  /** The username the code was made for, once: the code is gone afterwards. Null for an unknown or expired code. */
  redeemLinkCode(code: string): Promise<string | null>;
  setPersonalChat(username: string, address: TeamsAddress): Promise<void>;
  personalChat(username: string): Promise<TeamsAddress | null>;
  forgetPersonalChat(username: string): Promise<void>;
  setAlertChannel(channel: AlertChannel): Promise<void>;
  alertChannel(): Promise<AlertChannel | null>;
  /** Marks the alert channel stale (403), unless another channel replaced it meanwhile. */
  markAlertChannelStale(conversationId: string): Promise<void>;
  /** True exactly once per ticket across processes: the caller then posts the card and calls `setAlertCard`. */
  reserveAlertCard(ticketId: string, address: TeamsAddress): Promise<boolean>;
  setAlertCard(ticketId: string, record: AlertCardRecord): Promise<void>;
  alertCard(ticketId: string): Promise<AlertCardRecord | null>;
  /** Drops the card record (a failed post, so a later event may try again; or an erased ticket). */
  forgetAlertCard(ticketId: string): Promise<void>;
  /** True the first time `kind`/`id` is seen within `ttlSeconds`, across processes (relay deduplication). */
  once(kind: string, id: string, ttlSeconds: number): Promise<boolean>;
  setLastCard(conversationId: string, card: LastCard): Promise<void>;
  lastCard(conversationId: string): Promise<LastCard | null>;
  forgetLastCard(conversationId: string): Promise<void>;
  /** The volunteer's current Teams relay ticket (the one their 1:1 lines go to). */
  setFocus(username: string, ticketId: string): Promise<void>;
  focus(username: string): Promise<string | null>;
  forgetFocus(username: string): Promise<void>;
}

/** Teams user ids never appear in keys: the link key is their SHA-256. */
export function hashedUserKey(aadObjectId: string): string {
  return createHash('sha256').update(aadObjectId.toLowerCase()).digest('base64url');
}

/** Ticket ids, conversation ids and usernames are already safe key parts; kinds for `once` too. */
export function onceKey(kind: string, id: string): string {
  return `${kind}:${createHash('sha256').update(id).digest('base64url').slice(0, 32)}`;
}

/** A fresh one-time link code (`XXXX-XXXX`) from the unambiguous alphabet; `randomIndex(n)` is in [0, n). */
export function newLinkCode(randomIndex: (n: number) => number): string {
  const pick = (): string => LINK_CODE_ALPHABET[randomIndex(LINK_CODE_ALPHABET.length)] ?? 'A';
  const half = (): string => Array.from({ length: 4 }, pick).join('');
  return `${half()}-${half()}`;
}
