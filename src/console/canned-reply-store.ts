import { z } from 'zod/v4';
import type { Locale } from '../engine/session-state.js';

/** A ready-made answer a volunteer can pick and edit before sending. */
export const cannedReplySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1 to 40 characters a-z, 0-9, _ or -'),
  title: z.string().trim().min(1).max(80),
  text: z.string().trim().min(1).max(1000),
});
export type CannedReply = z.infer<typeof cannedReplySchema>;

export const maxCannedReplies = 20;

/** A whole list for one language: ids unique. (A PUT body is also bound by the app's 4 KB JSON limit.) */
export const cannedRepliesSchema = z
  .array(cannedReplySchema)
  .max(maxCannedReplies)
  .refine((replies) => new Set(replies.map((r) => r.id)).size === replies.length, 'ids must be unique');

/** The shipped set per language (content/<lng>/canned-replies.yaml), used while none is stored. */
export type CannedDefaults = Readonly<Record<Locale, readonly CannedReply[]>>;

export interface CannedReplyList {
  readonly locale: Locale;
  readonly replies: readonly CannedReply[];
  /** `default`: nobody saved a list for this language yet (or it expired), so the shipped set is shown. */
  readonly source: 'stored' | 'default';
  /** Who saved it and when (ISO); null for the default set. */
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
}

/** The canned replies per language, editable by a coordinator. A stored list lives `ttlSeconds` after its last save. */
export interface CannedReplyStore {
  readonly kind: 'redis' | 'memory';
  get(locale: Locale): Promise<CannedReplyList>;
  /** Replaces the language's list (validated by cannedRepliesSchema) and renews its TTL. */
  set(locale: Locale, replies: readonly CannedReply[], by: string, now?: Date): Promise<CannedReplyList>;
}

/** A year: canned replies change rarely, and each save renews it. */
export const defaultCannedTtlSeconds = 365 * 86_400;

export const storedCannedSchema = z.strictObject({
  replies: cannedRepliesSchema,
  updatedBy: z.string().min(1).max(128),
  updatedAt: z.iso.datetime(),
});
export type StoredCanned = z.infer<typeof storedCannedSchema>;

export function defaultList(defaults: CannedDefaults, locale: Locale): CannedReplyList {
  return { locale, replies: defaults[locale], source: 'default', updatedBy: null, updatedAt: null };
}

export function storedList(locale: Locale, stored: StoredCanned): CannedReplyList {
  return { locale, replies: stored.replies, source: 'stored', updatedBy: stored.updatedBy, updatedAt: stored.updatedAt };
}
