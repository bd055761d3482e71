import type { ConsoleStrings } from './console-strings.js';
import { fill } from './console-strings.js';
import type { TicketItem } from './console-data.js';
import { compareTickets } from './console-data.js';
import { clear, el, text } from './dom.js';
import { formatDuration, formatValue, secondsSince } from './format.js';
import { urgencyBadge } from './urgency-badge.js';
import { languageChip } from './language-chip.js';
import { sourceLocale } from '../../shared/locale-registry.js';

export interface QueueView {
  readonly root: HTMLElement;
  render(tickets: readonly TicketItem[], me: string, openId: string | null): void;
  /** Moves every waiting timer on (called once a second). */
  tick(now: number): void;
}

interface ListPart {
  readonly section: HTMLElement;
  readonly count: HTMLSpanElement;
  readonly list: HTMLUListElement;
  readonly empty: HTMLParagraphElement;
}

// Only a few answers fit on a row; the full summary is in the ticket view.
const gistSize = 3;

function part(id: string, heading: string, emptyText: string): ListPart {
  const section = el('section', 'c-qpart', { 'aria-labelledby': `${id}-h` });
  const h = el('h2', 'c-qhead', { id: `${id}-h` });
  const count = el('span', 'c-count');
  h.append(document.createTextNode(`${heading} `), count);
  const list = el('ul', 'c-qlist', { id });
  const empty = text(el('p', 'c-qempty'), emptyText);
  section.append(h, list, empty);
  return { section, count, list, empty };
}

/** The queue column: waiting (most urgent first), my chats, and chats with other volunteers. */
export function createQueueView(strings: ConsoleStrings, onOpen: (id: string) => void): QueueView {
  const ui = strings.ui;
  const root = el('nav', 'c-queue', { 'aria-label': ui.queueHeading });
  const waiting = part('c-waiting', ui.queueHeading, ui.queueEmpty);
  const mine = part('c-mine', ui.mineHeading, ui.mineEmpty);
  const others = part('c-others', ui.othersHeading, ui.othersEmpty);
  root.append(waiting.section, mine.section, others.section);

  function item(ticket: TicketItem, openId: string | null, showOwner: boolean): HTMLLIElement {
    const li = el('li', `c-item c-u-${ticket.urgency}`, { 'data-ticket-id': ticket.id, 'data-state': ticket.state });
    const open = el('button', 'c-open', { type: 'button', 'data-ticket-id': ticket.id });
    if (ticket.id === openId) open.setAttribute('aria-current', 'true');
    const row = el('span', 'c-row');
    row.append(urgencyBadge(strings, ticket.urgency), text(el('span', 'c-kind'), ticket.kind === 'melding' ? ui.kindMelding : ui.kindChat));
    // Most chats are in the source language: only the others carry their language in the queue.
    if (ticket.locale !== sourceLocale) row.append(languageChip(ticket.locale));
    const wait = el('span', 'c-wait', { 'data-since': ticket.waitingSince });
    if (ticket.state === 'waiting') wait.textContent = fill(ui.waitingFor, { time: formatDuration(secondsSince(ticket.waitingSince, Date.now())) });
    else if (showOwner && ticket.claimedBy !== null) wait.textContent = fill(ui.claimedBy, { name: ticket.claimedBy });
    if (ticket.state !== 'waiting') wait.removeAttribute('data-since');
    row.append(wait);
    const gist = Object.values(ticket.summary)
      .slice(0, gistSize)
      .map((value) => formatValue(strings, value))
      .join(' · ');
    open.append(row);
    if (gist !== '') open.append(text(el('span', 'c-gist'), gist));
    open.addEventListener('click', () => onOpen(ticket.id));
    li.append(open);
    return li;
  }

  function fillPart(target: ListPart, tickets: readonly TicketItem[], openId: string | null, showOwner: boolean): void {
    clear(target.list);
    for (const ticket of tickets) target.list.append(item(ticket, openId, showOwner));
    target.count.textContent = `(${tickets.length})`;
    target.empty.hidden = tickets.length > 0;
  }

  return {
    root,
    render(tickets, me, openId) {
      // Re-rendering replaces the buttons: keep the keyboard where it was.
      const active = document.activeElement;
      const focusedId = active instanceof HTMLElement && root.contains(active) ? active.dataset.ticketId : undefined;
      const sorted = [...tickets].sort(compareTickets);
      fillPart(waiting, sorted.filter((t) => t.state === 'waiting'), openId, false);
      fillPart(mine, sorted.filter((t) => t.state === 'claimed' && t.claimedBy === me), openId, false);
      fillPart(others, sorted.filter((t) => t.state === 'claimed' && t.claimedBy !== me), openId, true);
      if (focusedId !== undefined) root.querySelector<HTMLButtonElement>(`button[data-ticket-id="${CSS.escape(focusedId)}"]`)?.focus();
    },
    tick(now) {
      for (const span of root.querySelectorAll<HTMLElement>('.c-wait[data-since]')) {
        span.textContent = fill(ui.waitingFor, { time: formatDuration(secondsSince(span.dataset.since ?? '', now)) });
      }
    },
  };
}
