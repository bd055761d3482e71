import type { CannedPicker } from './canned-replies.js';
import type { ConsoleStrings, ConsoleStringKey } from './console-strings.js';
import { fill } from './console-strings.js';
import type { Line, Note, Outcome, TicketDetail } from './console-data.js';
import { outcomes } from './console-data.js';
import { button, clear, el, text } from './dom.js';
import { formatClock, formatDuration, secondsSince } from './format.js';
import { createSummaryView } from './summary-view.js';
import { createTranscriptView } from './transcript-view.js';
import { urgencyBadge } from './urgency-badge.js';
import { languageChip } from './language-chip.js';
import { localeInfo } from '../../shared/locale-registry.js';

export interface TicketActions {
  claim(id: string): void;
  release(id: string): void;
  close(id: string, outcome: Outcome): void;
  send(id: string, message: string): Promise<boolean>;
  typing(id: string): void;
  addNote(id: string, note: string): Promise<boolean>;
}

export interface TicketView {
  readonly root: HTMLElement;
  readonly openId: string | null;
  readonly conversationId: string | null;
  show(detail: TicketDetail, me: string): void;
  /** No chat open; `notice` says why (e.g. a link to a chat that is gone), else the usual hint. */
  showNothing(notice?: ConsoleStringKey): void;
  appendLines(lines: readonly Line[]): void;
  showTyping(): void;
  showStatus(key: ConsoleStringKey | null): void;
  tick(now: number): void;
  focusMessage(): void;
}

const outcomeKey: Readonly<Record<Outcome, ConsoleStringKey>> = {
  helped: 'outcomeHelped',
  referred: 'outcomeReferred',
  callback_planned: 'outcomeCallbackPlanned',
  no_contact: 'outcomeNoContact',
  other: 'outcomeOther',
};
const maxMessage = 2000;

/** The open ticket: what the bot knows first, then the conversation, the reply box and the private notes. */
export function createTicketView(strings: ConsoleStrings, locale: string, actions: TicketActions, canned: CannedPicker): TicketView {
  const ui = strings.ui;
  const root = el('main', 'c-main', { id: 'c-main', 'aria-labelledby': 'c-ticket-h', tabindex: '-1' });
  const heading = el('h2', 'c-h2', { id: 'c-ticket-h' });
  const wait = el('span', 'c-wait');
  const owner = el('span', 'c-owner');
  const head = el('div', 'c-ticket-head');
  const toolbar = el('div', 'c-actions');
  const claimButton = button(ui.claim, 'c-btn c-primary', { 'data-action': 'claim' });
  const releaseButton = button(ui.release, 'c-btn', { 'data-action': 'release' });
  const outcomeSelect = el('select', 'c-input', { id: 'c-outcome' });
  for (const outcome of outcomes) outcomeSelect.append(text(el('option', '', { value: outcome }), ui[outcomeKey[outcome]]));
  const closeButton = button(ui.close, 'c-btn', { 'data-action': 'close' });
  const closeGroup = el('div', 'c-close');
  closeGroup.append(text(el('label', '', { for: 'c-outcome' }), ui.outcomeLabel), outcomeSelect, closeButton);
  toolbar.append(claimButton, releaseButton, closeGroup);
  head.append(heading, toolbar);

  const status = el('p', 'c-status', { role: 'status' });
  const crisis = text(el('p', 'c-crisis-note'), ui.crisisBanner);
  const summary = createSummaryView(strings);
  const transcript = createTranscriptView(strings, locale);

  const composer = el('form', 'c-compose', { novalidate: '' });
  const message = el('textarea', 'c-input c-message', { id: 'c-message', rows: '3', maxlength: String(maxMessage), autocomplete: 'off' });
  const sendButton = el('button', 'c-btn c-primary', { type: 'submit' });
  sendButton.textContent = ui.send;
  const composeRow = el('div', 'c-compose-row');
  composeRow.append(message, sendButton);
  composer.append(canned.root, text(el('label', '', { for: 'c-message' }), ui.messageLabel), composeRow);

  const notes = el('section', 'c-notes', { 'aria-labelledby': 'c-notes-h' });
  const noteList = el('ul', 'c-note-list');
  const notesEmpty = text(el('p', 'c-empty'), ui.notesEmpty);
  const noteForm = el('form', 'c-note-form', { novalidate: '' });
  const noteField = el('textarea', 'c-input', { id: 'c-note', rows: '2', maxlength: String(maxMessage) });
  const noteButton = el('button', 'c-btn', { type: 'submit' });
  noteButton.textContent = ui.noteAdd;
  noteForm.append(text(el('label', '', { for: 'c-note' }), ui.noteLabel), noteField, noteButton);
  notes.append(text(el('h3', 'c-h3', { id: 'c-notes-h' }), ui.notesHeading), noteList, notesEmpty, noteForm);

  const body = el('div', 'c-ticket-body');
  const chatColumn = el('div', 'c-chat-col');
  chatColumn.append(crisis, summary.consent, summary.summary, transcript.root, composer);
  const sideColumn = el('div', 'c-side-col');
  sideColumn.append(notes);
  body.append(chatColumn, sideColumn);
  const nothing = text(el('p', 'c-nothing'), ui.ticketEmpty);
  root.append(nothing, head, status, body);

  let current: TicketDetail | null = null;

  function renderNotes(list: readonly Note[]): void {
    clear(noteList);
    for (const note of list) {
      const li = el('li', 'c-note', { 'data-note-id': note.id });
      const meta = el('span', 'c-meta');
      meta.append(text(el('span', 'c-who'), note.author), document.createTextNode(' '), text(el('time', 'c-time', { datetime: note.at }), formatClock(note.at, locale)));
      li.append(meta, text(el('p', 'c-text'), note.text));
      noteList.append(li);
    }
    notesEmpty.hidden = list.length > 0;
  }

  function setVisible(visible: boolean): void {
    nothing.hidden = visible;
    head.hidden = !visible;
    body.hidden = !visible;
  }

  claimButton.addEventListener('click', () => current && actions.claim(current.ticket.id));
  releaseButton.addEventListener('click', () => current && actions.release(current.ticket.id));
  closeButton.addEventListener('click', () => {
    const outcome = outcomes.find((o) => o === outcomeSelect.value);
    if (current && outcome) actions.close(current.ticket.id, outcome);
  });

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = message.value.trim();
    if (!current || value === '') return;
    const id = current.ticket.id;
    sendButton.disabled = true;
    void actions.send(id, value).then((ok) => {
      sendButton.disabled = false;
      // Only clear what was sent, and only while the same ticket is open.
      if (ok && current?.ticket.id === id && message.value.trim() === value) message.value = '';
      message.focus();
    });
  });
  message.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter starts a new line (as in most chat tools).
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  message.addEventListener('input', () => current && message.value !== '' && actions.typing(current.ticket.id));

  noteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = noteField.value.trim();
    if (!current || value === '') return;
    void actions.addNote(current.ticket.id, value).then((ok) => {
      if (ok) noteField.value = '';
    });
  });

  setVisible(false);

  return {
    root,
    get openId() {
      return current?.ticket.id ?? null;
    },
    get conversationId() {
      return current?.ticket.conversationId ?? null;
    },
    show(detail, me) {
      const switched = current?.ticket.id !== detail.ticket.id;
      const ticket = detail.ticket;
      current = detail;
      setVisible(true);
      root.dataset.ticketId = ticket.id;
      root.dataset.state = ticket.state;
      root.classList.toggle('c-is-crisis', ticket.urgency === 'crisis');
      clear(heading);
      heading.append(urgencyBadge(strings, ticket.urgency), text(el('span', 'c-kind'), ticket.kind === 'melding' ? ui.kindMelding : ui.kindChat), languageChip(ticket.locale), wait, owner);
      wait.dataset.since = ticket.waitingSince;
      wait.textContent = ticket.state === 'waiting' ? fill(ui.waitingFor, { time: formatDuration(secondsSince(ticket.waitingSince, Date.now())) }) : '';
      const mine = ticket.state === 'claimed' && ticket.claimedBy === me;
      owner.textContent = ticket.state === 'claimed' && !mine && ticket.claimedBy !== null ? fill(ui.claimedBy, { name: ticket.claimedBy }) : '';
      crisis.hidden = ticket.urgency !== 'crisis';
      claimButton.hidden = ticket.state !== 'waiting';
      releaseButton.hidden = !mine;
      closeGroup.hidden = !mine;
      composer.hidden = !mine;
      noteForm.hidden = ticket.state === 'closed';
      if (ticket.state === 'closed') status.textContent = ui.closed;
      else if (switched) status.textContent = '';
      summary.render(ticket);
      if (switched) {
        message.value = '';
        noteField.value = '';
        outcomeSelect.value = outcomes[0];
        transcript.reset(detail.transcript, ticket.locale);
        // The volunteer answers in the chat's language, in its direction.
        message.lang = localeInfo(ticket.locale).tag;
        message.dir = 'auto';
      } else {
        transcript.append(detail.transcript);
      }
      renderNotes(detail.notes);
    },
    showNothing(notice) {
      nothing.textContent = ui[notice ?? 'ticketEmpty'];
      current = null;
      delete root.dataset.ticketId;
      status.textContent = '';
      setVisible(false);
    },
    appendLines(lines) {
      transcript.append(lines);
    },
    showTyping() {
      transcript.showTyping();
    },
    showStatus(key) {
      status.textContent = key === null ? '' : ui[key];
    },
    tick(now) {
      if (current?.ticket.state === 'waiting') wait.textContent = fill(ui.waitingFor, { time: formatDuration(secondsSince(current.ticket.waitingSince, now)) });
    },
    focusMessage() {
      message.focus();
    },
  };
}
