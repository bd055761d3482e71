import type { RedisClient } from './connect-redis.js';
import { decodeJson, encodeJson } from './json-codec.js';
import { assertStoreId, type StoreKeys } from './store-keys.js';
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

/** Layout: `{teams}:<kind>:<id>` strings of JSON, each written with its TTL in the same command. */
export class RedisTeamsStore implements TeamsStore {
  readonly kind = 'redis';
  readonly #client: RedisClient;
  readonly #keys: StoreKeys;
  readonly #linkTtl: number;
  readonly #ticketTtl: number;
  readonly #codeTtl: number;

  constructor(options: TeamsStoreTtls & { readonly client: RedisClient; readonly keys: StoreKeys }) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#linkTtl = assertTtlSeconds(options.linkTtlSeconds);
    this.#ticketTtl = assertTtlSeconds(options.ticketTtlSeconds);
    this.#codeTtl = assertTtlSeconds(options.codeTtlSeconds ?? defaultCodeTtlSeconds);
  }

  #key(kind: string, id: string): string {
    return this.#keys.teams(`${kind}:${assertStoreId(id)}`);
  }

  async #set(key: string, value: unknown, ttlSeconds: number, onlyIfAbsent = false): Promise<boolean> {
    const text = encodeJson(value, 'The Teams record');
    const options = { expiration: { type: 'EX', value: ttlSeconds } as const, ...(onlyIfAbsent ? { condition: 'NX' as const } : {}) };
    return (await this.#client.set(key, text, options)) === 'OK';
  }

  async #json(key: string): Promise<unknown> {
    const text = await this.#client.get(key);
    if (text === null) return null;
    try {
      return decodeJson(text);
    } catch {
      return null;
    }
  }

  async link(aadObjectId: string, username: string): Promise<void> {
    await this.#set(this.#key('link', hashedUserKey(aadObjectId)), assertStoreId(username, 'username'), this.#linkTtl);
  }

  async volunteerOf(aadObjectId: string): Promise<string | null> {
    const key = this.#key('link', hashedUserKey(aadObjectId));
    const text = await this.#client.getEx(key, { type: 'EX', value: this.#linkTtl });
    const value = text === null ? null : decodeJson(text);
    return typeof value === 'string' ? value : null;
  }

  async putLinkCode(code: string, username: string): Promise<void> {
    await this.#set(this.#key('code', code), assertStoreId(username, 'username'), this.#codeTtl);
  }

  async redeemLinkCode(code: string): Promise<string | null> {
    // GETDEL: two processes redeeming the same code at once cannot both get it.
    const text = await this.#client.getDel(this.#key('code', code));
    const value = text === null ? null : decodeJson(text);
    return typeof value === 'string' ? value : null;
  }

  async setPersonalChat(username: string, address: TeamsAddress): Promise<void> {
    await this.#set(this.#key('chat', assertStoreId(username, 'username')), teamsAddressSchema.parse(address), this.#linkTtl);
  }

  async personalChat(username: string): Promise<TeamsAddress | null> {
    const parsed = teamsAddressSchema.safeParse(await this.#json(this.#key('chat', assertStoreId(username, 'username'))));
    return parsed.success ? parsed.data : null;
  }

  async forgetPersonalChat(username: string): Promise<void> {
    await this.#client.del(this.#key('chat', assertStoreId(username, 'username')));
  }

  async setAlertChannel(channel: AlertChannel): Promise<void> {
    await this.#set(this.#keys.teams('alert-channel'), alertChannelSchema.parse(channel), this.#linkTtl);
  }

  async alertChannel(): Promise<AlertChannel | null> {
    const parsed = alertChannelSchema.safeParse(await this.#json(this.#keys.teams('alert-channel')));
    return parsed.success ? parsed.data : null;
  }

  async markAlertChannelStale(conversationId: string): Promise<void> {
    // Read-modify-write is fine here: a channel replaced meanwhile has another conversation id and is left alone;
    // the worst race re-marks a channel that was just replaced by the same one.
    const channel = await this.alertChannel();
    if (channel !== null && channel.address.conversationId === conversationId) await this.setAlertChannel({ ...channel, stale: true });
  }

  async reserveAlertCard(ticketId: string, address: TeamsAddress): Promise<boolean> {
    return this.#set(this.#key('card', assertStoreId(ticketId, 'ticket id')), { activityId: '', address: teamsAddressSchema.parse(address) }, this.#ticketTtl, true);
  }

  async setAlertCard(ticketId: string, record: AlertCardRecord): Promise<void> {
    await this.#set(this.#key('card', assertStoreId(ticketId, 'ticket id')), alertCardSchema.parse(record), this.#ticketTtl);
  }

  async alertCard(ticketId: string): Promise<AlertCardRecord | null> {
    const parsed = alertCardSchema.safeParse(await this.#json(this.#key('card', assertStoreId(ticketId, 'ticket id'))));
    return parsed.success ? parsed.data : null;
  }

  async forgetAlertCard(ticketId: string): Promise<void> {
    await this.#client.del(this.#key('card', assertStoreId(ticketId, 'ticket id')));
  }

  async once(kind: string, id: string, ttlSeconds: number): Promise<boolean> {
    return this.#set(this.#keys.teams(`once:${onceKey(kind, id)}`), 1, assertTtlSeconds(ttlSeconds), true);
  }

  async setLastCard(conversationId: string, card: LastCard): Promise<void> {
    await this.#set(this.#key('last-card', conversationId), lastCardSchema.parse(card), this.#ticketTtl);
  }

  async lastCard(conversationId: string): Promise<LastCard | null> {
    const parsed = lastCardSchema.safeParse(await this.#json(this.#key('last-card', conversationId)));
    return parsed.success ? parsed.data : null;
  }

  async forgetLastCard(conversationId: string): Promise<void> {
    await this.#client.del(this.#key('last-card', conversationId));
  }

  async setFocus(username: string, ticketId: string): Promise<void> {
    await this.#set(this.#key('focus', assertStoreId(username, 'username')), assertStoreId(ticketId, 'ticket id'), this.#ticketTtl);
  }

  async focus(username: string): Promise<string | null> {
    const value = await this.#json(this.#key('focus', assertStoreId(username, 'username')));
    return typeof value === 'string' ? value : null;
  }

  async forgetFocus(username: string): Promise<void> {
    await this.#client.del(this.#key('focus', assertStoreId(username, 'username')));
  }
}
