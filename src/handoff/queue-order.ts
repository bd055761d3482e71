import { priorities } from '../engine/dialog-schema.js';
import type { Ticket, Urgency } from './ticket.js';

/**
 * The waiting queue is one sorted set whose score orders by urgency, then waiting time:
 *   score = rank(urgency) * bandWidth + (returned to the front ? 0 : backOffset) + waitingSince (ms)
 * Each urgency band has a front part (claims that expired, so the person does not lose their turn) and a
 * back part (everyone else), both ordered by waiting time. Milliseconds stay below 1e13 until the year 2286,
 * and the largest score (< 8e13) is far below 2^53, so scores are exact integers. Equal scores are ordered
 * by ticket id, as Redis orders equal scores by member.
 */
export const bandWidth = 20_000_000_000_000;
export const backOffset = 10_000_000_000_000;

export function urgencyRank(urgency: Urgency): number {
  return priorities.indexOf(urgency);
}

export function waitingScore(urgency: Urgency, waitingSinceMs: number, front: boolean): number {
  return urgencyRank(urgency) * bandWidth + (front ? 0 : backOffset) + waitingSinceMs;
}

/** The same score inside a Lua script: a rank table and a function, generated from the constants above. */
export const luaQueueOrder = `
local ranks = {${priorities.map((p, i) => `['${p}'] = ${i}`).join(', ')}}
local band = ${bandWidth}
local function fmt(n) return string.format('%.0f', n) end
local function waiting_score(urgency, since, front)
  local s = ranks[urgency] * ${bandWidth} + tonumber(since)
  if not front then s = s + ${backOffset} end
  return fmt(s)
end
`;

/** Sorts like ZRANGE: by score, then by member (byte order; ids are ASCII). */
export function compareScored(a: { readonly score: number; readonly id: string }, b: { readonly score: number; readonly id: string }): number {
  return a.score - b.score || compareText(a.id, b.id);
}

/** The claimed list: oldest claim first. */
export function byClaimedAt(a: Ticket, b: Ticket): number {
  return compareText(a.claimedAt ?? '', b.claimedAt ?? '') || compareText(a.id, b.id);
}

/** The closed list: most recently closed first. */
export function byClosedAtDesc(a: Ticket, b: Ticket): number {
  return compareText(b.closedAt ?? '', a.closedAt ?? '') || compareText(b.id, a.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
