import { changeMeldingStatus } from '../domain/melding/change-status.js';
import type { Melding, MeldingOutcome, MeldingStatus } from '../domain/melding/melding.js';
import { normalizeReferenceCode } from '../domain/melding/reference-code.js';
import type { Clock } from '../shared/clock.js';
import { StoreError } from '../shared/errors.js';
import { ExpiringMap } from './expiring-map.js';
import { compareForList, compareOldestFirst, decodeMelding, encodeMelding } from './melding-codec.js';
import { assertListLimit, defaultMeldingListLimit, type MeldingListOptions, type MeldingStore } from './melding-store.js';
import { assertTtlSeconds } from './store-options.js';
import { assertStoreId } from './store-keys.js';

export interface MemoryMeldingStoreOptions {
  readonly clock: Clock;
  readonly ttlSeconds: number;
}

/** Single-process melding store; same contract as the Redis one, data is lost on restart. */
export class MemoryMeldingStore implements MeldingStore {
  readonly kind = 'memory';
  readonly #docs: ExpiringMap<string>;
  /** Every code ever stored and not yet seen expired: the map cannot be iterated, this can. */
  readonly #codes = new Set<string>();
  readonly #clock: Clock;

  constructor(options: MemoryMeldingStoreOptions) {
    this.#clock = options.clock;
    this.#docs = new ExpiringMap(options.clock, assertTtlSeconds(options.ttlSeconds) * 1000);
  }

  async create(melding: Melding): Promise<void> {
    const json = encodeMelding(melding);
    if (this.#docs.get(melding.code) !== undefined) throw new StoreError('STORE_CONFLICT', 'A melding with this code exists.');
    this.#forgetExpired();
    this.#docs.set(melding.code, json);
    this.#codes.add(melding.code);
  }

  async get(code: string): Promise<Melding | null> {
    const json = this.#json(code);
    return json === undefined ? null : decodeMelding(json);
  }

  async getForConversation(code: string, conversationId: string): Promise<Melding | null> {
    assertStoreId(conversationId, 'conversation id');
    const melding = await this.get(code);
    return melding?.conversationId === conversationId ? melding : null;
  }

  async listByConversation(conversationId: string): Promise<Melding[]> {
    assertStoreId(conversationId, 'conversation id');
    return this.#all()
      .filter((m) => m.conversationId === conversationId)
      .sort(compareOldestFirst);
  }

  async list(options: MeldingListOptions = {}): Promise<Melding[]> {
    const limit = assertListLimit(options.limit ?? defaultMeldingListLimit);
    return this.#all()
      .filter((m) => options.status === undefined || m.status === options.status)
      .sort(compareForList)
      .slice(0, limit);
  }

  async setStatus(code: string, status: MeldingStatus, outcome: MeldingOutcome | null = null): Promise<Melding | null> {
    // No await between read and write: two calls can never both pass the transition check.
    const json = this.#json(code);
    if (json === undefined) return null;
    const current = decodeMelding(json);
    const next = changeMeldingStatus(current, status, outcome, this.#clock.now());
    this.#docs.set(next.code, encodeMelding(next));
    return next;
  }

  async delete(code: string): Promise<boolean> {
    const normalized = normalizeReferenceCode(code);
    if (normalized === null) return false;
    this.#codes.delete(normalized);
    return this.#docs.delete(normalized);
  }

  async deleteByConversation(conversationId: string): Promise<string[]> {
    const mine = await this.listByConversation(conversationId);
    for (const m of mine) await this.delete(m.code);
    return mine.map((m) => m.code).sort();
  }

  async ttl(code: string): Promise<number | null> {
    const normalized = normalizeReferenceCode(code);
    const ms = normalized === null ? null : this.#docs.remainingMs(normalized);
    return ms === null ? null : Math.ceil(ms / 1000);
  }

  #json(code: string): string | undefined {
    const normalized = normalizeReferenceCode(code);
    return normalized === null ? undefined : this.#docs.get(normalized);
  }

  /** Every live melding. */
  #all(): Melding[] {
    this.#forgetExpired();
    return [...this.#codes].flatMap((code) => {
      const json = this.#docs.get(code);
      return json === undefined ? [] : [decodeMelding(json)];
    });
  }

  /** Drops codes whose melding expired, so the set does not grow forever (O(n), fine for one process). */
  #forgetExpired(): void {
    for (const code of this.#codes) if (this.#docs.get(code) === undefined) this.#codes.delete(code);
  }
}
