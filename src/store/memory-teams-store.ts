import type { Clock } from '../shared/clock.js';
import { decodeJson, encodeJson } from './json-codec.js';
import { assertStoreId } from './store-keys.js';
import { assertTtlSeconds } from './store-options.js';
import {
  alertCardSchema,
  alertChannelSchema,
  defaultCodeTtlSeconds,
  hashedUserKey,
  lastCardSchema,
  onceKey,
  teamsAddressSchema,
  type AlertCardRecord,
  type AlertChannel,
  type LastCard,
  type TeamsAddress,
  type TeamsStore,
  type TeamsStoreTtls,
} from './teams-store.js';

/** Single-process twin of RedisTeamsStore: same contract, values kept as JSON text with their own expiry. */
export class MemoryTeamsStore implements TeamsStore {
  readonly kind = 'memory';
  readonly #values = new Map<string, { text: string; expiresAt: number }>();
  readonly #clock: Clock;
  readonly #linkTtl: number;
  readonly #ticketTtl: number;
  readonly #codeTtl: number;

  constructor(options: TeamsStoreTtls & { readonly clock: Clock }) {
    this.#clock = options.clock;
    this.#linkTtl = assertTtlSeconds(options.linkTtlSeconds);
    this.#ticketTtl = assertTtlSeconds(options.ticketTtlSeconds);
    this.#codeTtl = assertTtlSeconds(options.codeTtlSeconds ?? defaultCodeTtlSeconds);
  }

  #get(key: string): string | null {
    const entry = this.#values.get(key);
    if (entry === undefined) return null;
    if (entry.expiresAt <= this.#clock.now().getTime()) {
      this.#values.delete(key);
      return null;
    }
    return entry.text;
  }

  #set(key: string, value: unknown, ttlSeconds: number, onlyIfAbsent = false): boolean {
    if (onlyIfAbsent && this.#get(key) !== null) return false;
    this.#values.set(key, { text: encodeJson(value, 'The Teams record'), expiresAt: this.#clock.now().getTime() + ttlSeconds * 1000 });
    return true;
  }

  #touch(key: string, ttlSeconds: number): void {
    const text = this.#get(key);
    if (text !== null) this.#values.set(key, { text, expiresAt: this.#clock.now().getTime() + ttlSeconds * 1000 });
  }

  async link(aadObjectId: string, username: string): Promise<void> {
    this.#set(`link:${hashedUserKey(aadObjectId)}`, assertStoreId(username, 'username'), this.#linkTtl);
  }

  async volunteerOf(aadObjectId: string): Promise<string | null> {
    const key = `link:${hashedUserKey(aadObjectId)}`;
    const text = this.#get(key);
    if (text === null) return null;
    this.#touch(key, this.#linkTtl);
    const value = decodeJson(text);
    return typeof value === 'string' ? value : null;
  }

  async putLinkCode(code: string, username: string): Promise<void> {
    this.#set(`code:${assertStoreId(code, 'code')}`, assertStoreId(username, 'username'), this.#codeTtl);
  }

  async redeemLinkCode(code: string): Promise<string | null> {
    const key = `code:${assertStoreId(code, 'code')}`;
    const text = this.#get(key);
    this.#values.delete(key);
    const value = text === null ? null : decodeJson(text);
    return typeof value === 'string' ? value : null;
  }

  async setPersonalChat(username: string, address: TeamsAddress): Promise<void> {
    this.#set(`chat:${assertStoreId(username, 'username')}`, teamsAddressSchema.parse(address), this.#linkTtl);
  }

  async personalChat(username: string): Promise<TeamsAddress | null> {
    const text = this.#get(`chat:${assertStoreId(username, 'username')}`);
    const parsed = teamsAddressSchema.safeParse(text === null ? null : decodeJson(text));
    return parsed.success ? parsed.data : null;
  }

  async forgetPersonalChat(username: string): Promise<void> {
    this.#values.delete(`chat:${assertStoreId(username, 'username')}`);
  }

  async setAlertChannel(channel: AlertChannel): Promise<void> {
    this.#set('alert-channel', alertChannelSchema.parse(channel), this.#linkTtl);
  }

  async alertChannel(): Promise<AlertChannel | null> {
    const text = this.#get('alert-channel');
    const parsed = alertChannelSchema.safeParse(text === null ? null : decodeJson(text));
    return parsed.success ? parsed.data : null;
  }

  async markAlertChannelStale(conversationId: string): Promise<void> {
    const channel = await this.alertChannel();
    if (channel !== null && channel.address.conversationId === conversationId) await this.setAlertChannel({ ...channel, stale: true });
  }

  async reserveAlertCard(ticketId: string, address: TeamsAddress): Promise<boolean> {
    return this.#set(`card:${assertStoreId(ticketId, 'ticket id')}`, { activityId: '', address: teamsAddressSchema.parse(address) }, this.#ticketTtl, true);
  }

  async setAlertCard(ticketId: string, record: AlertCardRecord): Promise<void> {
    this.#set(`card:${assertStoreId(ticketId, 'ticket id')}`, alertCardSchema.parse(record), this.#ticketTtl);
  }

  async alertCard(ticketId: string): Promise<AlertCardRecord | null> {
    const text = this.#get(`card:${assertStoreId(ticketId, 'ticket id')}`);
    const parsed = alertCardSchema.safeParse(text === null ? null : decodeJson(text));
    return parsed.success ? parsed.data : null;
  }

  async forgetAlertCard(ticketId: string): Promise<void> {
    this.#values.delete(`card:${assertStoreId(ticketId, 'ticket id')}`);
  }

  async once(kind: string, id: string, ttlSeconds: number): Promise<boolean> {
    return this.#set(`once:${onceKey(kind, id)}`, 1, assertTtlSeconds(ttlSeconds), true);
  }

  async setLastCard(conversationId: string, card: LastCard): Promise<void> {
    this.#set(`last-card:${assertStoreId(conversationId, 'conversation id')}`, lastCardSchema.parse(card), this.#ticketTtl);
  }

  async lastCard(conversationId: string): Promise<LastCard | null> {
    const text = this.#get(`last-card:${assertStoreId(conversationId, 'conversation id')}`);
    const parsed = lastCardSchema.safeParse(text === null ? null : decodeJson(text));
    return parsed.success ? parsed.data : null;
  }

  async forgetLastCard(conversationId: string): Promise<void> {
    this.#values.delete(`last-card:${assertStoreId(conversationId, 'conversation id')}`);
  }

  async setFocus(username: string, ticketId: string): Promise<void> {
    this.#set(`focus:${assertStoreId(username, 'username')}`, assertStoreId(ticketId, 'ticket id'), this.#ticketTtl);
  }

  async focus(username: string): Promise<string | null> {
    const text = this.#get(`focus:${assertStoreId(username, 'username')}`);
    const value = text === null ? null : decodeJson(text);
    return typeof value === 'string' ? value : null;
  }

  async forgetFocus(username: string): Promise<void> {
    this.#values.delete(`focus:${assertStoreId(username, 'username')}`);
  }
}
