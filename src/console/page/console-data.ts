import { toLocale, type Locale } from '../../shared/locale-registry.js';
import { isRecord } from './dom.js';

/** What the console API returns, checked by hand (the page has no dependencies): anything malformed is dropped. */

export const urgencies = ['crisis', 'urgent', 'soon', 'normal'] as const;
export type Urgency = (typeof urgencies)[number];
export type TicketState = 'waiting' | 'claimed' | 'closed';
export type Role = 'volunteer' | 'coordinator';
export type SummaryValue = string | number | boolean | null | readonly string[];

export const outcomes = ['helped', 'referred', 'callback_planned', 'no_contact', 'other'] as const;
export type Outcome = (typeof outcomes)[number];

export interface Me {
  readonly username: string;
  readonly role: Role;
  readonly csrfToken: string;
}

export interface TicketItem {
  readonly id: string;
  readonly kind: 'chat' | 'melding';
  readonly urgency: Urgency;
  readonly state: TicketState;
  readonly conversationId: string;
  readonly waitingSince: string;
  readonly summary: Readonly<Record<string, SummaryValue>>;
  readonly claimedBy: string | null;
  /** The chat's language (a shipped locale; anything else reads as the source language). */
  readonly locale: Locale;
}

export type LineFrom = 'person' | 'bot' | 'volunteer' | 'system';

export interface Line {
  readonly id: string;
  readonly at: string;
  readonly from: LineFrom;
  readonly text: string;
  readonly volunteer: string | null;
}

export interface Note {
  readonly id: string;
  readonly at: string;
  readonly author: string;
  readonly text: string;
}

export interface TicketDetail {
  readonly ticket: TicketItem;
  readonly transcript: readonly Line[];
  readonly notes: readonly Note[];
}

export interface CannedReply {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface Stats {
  readonly waiting: number;
  readonly claimed: number;
  readonly handledToday: number;
  readonly medianWaitTodaySeconds: number | null;
  readonly signedIn: readonly string[];
  /** Accounts with failed sign-ins in the last day, most recent first (issue #11 finding 8). */
  readonly loginFailures: readonly LoginFailure[];
}

export interface LoginFailure {
  readonly username: string;
  readonly failures: number;
  readonly lastFailureAt: string;
}

/** GET /teams (coordinator): whether the channel is on, and where urgent tickets are posted. */
export interface TeamsStatus {
  readonly enabled: boolean;
  readonly alertChannel: { readonly label: string; readonly setBy: string; readonly setAt: string; readonly stale: boolean } | null;
}

export interface LinkCode {
  readonly code: string;
  readonly expiresInSeconds: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function oneOf<T extends string>(list: readonly T[], v: unknown): T | null {
  return list.find((item) => item === v) ?? null;
}

function listOf<T>(value: unknown, parse: (item: unknown) => T | null): T[] {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (const item of value) {
    const parsed = parse(item);
    if (parsed !== null) out.push(parsed);
  }
  return out;
}

export function parseMe(value: unknown): Me | null {
  if (!isRecord(value)) return null;
  const username = str(value.username);
  const role = oneOf(['volunteer', 'coordinator'] as const, value.role);
  const csrfToken = str(value.csrfToken);
  return username !== null && role !== null && csrfToken !== null ? { username, role, csrfToken } : null;
}

function parseSummaryValue(v: unknown): SummaryValue | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return undefined;
}

export function parseTicket(value: unknown): TicketItem | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  const kind = oneOf(['chat', 'melding'] as const, value.kind);
  const urgency = oneOf(urgencies, value.urgency);
  const state = oneOf(['waiting', 'claimed', 'closed'] as const, value.state);
  const conversationId = str(value.conversationId);
  const waitingSince = str(value.waitingSince);
  if (id === null || kind === null || urgency === null || state === null || conversationId === null || waitingSince === null) return null;
  const summary: Record<string, SummaryValue> = {};
  if (isRecord(value.summary)) {
    for (const [key, raw] of Object.entries(value.summary)) {
      const parsed = parseSummaryValue(raw);
      if (parsed !== undefined) summary[key] = parsed;
    }
  }
  return { id, kind, urgency, state, conversationId, waitingSince, summary, claimedBy: str(value.claimedBy), locale: toLocale(value.locale) };
}

export function parseTicketList(value: unknown): TicketItem[] {
  return isRecord(value) ? listOf(value.tickets, parseTicket) : [];
}

export function parseLine(value: unknown, fallbackId?: string): Line | null {
  if (!isRecord(value)) return null;
  const id = str(value.id) ?? fallbackId ?? null;
  const at = str(value.at);
  const from = oneOf(['person', 'bot', 'volunteer', 'system'] as const, value.from);
  const lineText = str(value.text);
  if (id === null || at === null || from === null || lineText === null) return null;
  return { id, at, from, text: lineText, volunteer: str(value.volunteer) };
}

function parseNote(value: unknown): Note | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  const at = str(value.at);
  // The API calls the writer `by`; `author` is accepted too.
  const author = str(value.by) ?? str(value.author);
  const noteText = str(value.text);
  return id !== null && at !== null && author !== null && noteText !== null ? { id, at, author, text: noteText } : null;
}

export function parseDetail(value: unknown): TicketDetail | null {
  if (!isRecord(value)) return null;
  const ticket = parseTicket(value.ticket);
  if (ticket === null) return null;
  return { ticket, transcript: listOf(value.transcript, (line) => parseLine(line)), notes: listOf(value.notes, parseNote) };
}

function parseCanned(value: unknown): CannedReply | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  const title = str(value.title);
  const replyText = str(value.text);
  return id !== null && title !== null && replyText !== null ? { id, title, text: replyText } : null;
}

export function parseCannedList(value: unknown): CannedReply[] {
  return isRecord(value) ? listOf(value.replies, parseCanned) : [];
}

export function parseStats(value: unknown): Stats | null {
  if (!isRecord(value)) return null;
  const median = value.medianWaitTodaySeconds;
  // Names only: a signed-in entry may be a plain username or a record that carries one.
  const signedIn = listOf(value.signedIn, (entry) => str(entry) ?? (isRecord(entry) ? str(entry.username) : null));
  return {
    waiting: num(value.waiting),
    claimed: num(value.claimed),
    handledToday: num(value.handledToday),
    medianWaitTodaySeconds: typeof median === 'number' && Number.isFinite(median) ? median : null,
    signedIn,
    loginFailures: listOf(value.loginFailures, parseLoginFailure),
  };
}

function parseLoginFailure(value: unknown): LoginFailure | null {
  if (!isRecord(value)) return null;
  const username = str(value.username);
  const lastFailureAt = str(value.lastFailureAt);
  return username !== null && lastFailureAt !== null ? { username, failures: num(value.failures), lastFailureAt } : null;
}

export function parseTeamsStatus(value: unknown): TeamsStatus | null {
  if (!isRecord(value) || typeof value.enabled !== 'boolean') return null;
  const channel = value.alertChannel;
  if (!isRecord(channel)) return { enabled: value.enabled, alertChannel: null };
  const label = str(channel.label);
  const setBy = str(channel.setBy);
  const setAt = str(channel.setAt);
  const alertChannel = label !== null && setBy !== null && setAt !== null ? { label, setBy, setAt, stale: channel.stale === true } : null;
  return { enabled: value.enabled, alertChannel };
}

export function parseLinkCode(value: unknown): LinkCode | null {
  if (!isRecord(value)) return null;
  const code = str(value.code);
  return code !== null ? { code, expiresInSeconds: num(value.expiresInSeconds) } : null;
}

/** Most urgent first; within one urgency, who waits longest first (the queue's own order). */
export function compareTickets(a: TicketItem, b: TicketItem): number {
  const rank = urgencies.indexOf(a.urgency) - urgencies.indexOf(b.urgency);
  if (rank !== 0) return rank;
  return Date.parse(a.waitingSince) - Date.parse(b.waitingSince);
}
