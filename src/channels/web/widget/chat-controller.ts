import { ApiError, createApiClient } from './api-client.js';
import type { OutgoingMessage } from './api-client.js';
import type { BotMessage, PersonLine } from './bot-message.js';
import { claimOwnLine } from './claim-own-line.js';
import type { OwnLine } from './claim-own-line.js';
import { applyInputHint, bindDateHelper } from './composer-hints.js';
import { createConnection } from './connection.js';
import { createOutbox } from './outbox.js';
import type { OutboxEntry } from './outbox.js';
import { createReplyButtons } from './reply-buttons.js';
import { decodeEntities, renderBotMessage, renderStartButton, renderUserMessage } from './render-message.js';
import { clearStoredSession, readStoredOutbox, readStoredSession, writeStoredOutbox, writeStoredSession } from './stored-session.js';
import type { StoredOutgoing, StoredSession } from './stored-session.js';
import { injectStyles } from './styles.js';
import { newTurnId } from './turn-id.js';
import { applyStrings, createView } from './view.js';
import { isLocale } from '../../../shared/locale-registry.js';
import type { WidgetLocale, WidgetStringKey, WidgetStringTable } from './widget-strings.js';

export interface ChatOptions {
  readonly origin: string;
  readonly locale: WidgetLocale;
  readonly strings: WidgetStringTable;
}

/** How a message is shown while it is on its way, so a refusal can put everything back as it was. */
interface ShownLine {
  readonly line: HTMLElement;
  readonly replies: BotMessage | null;
  readonly typed: string | null;
  readonly undo: (() => void) | undefined;
}

const catchUpAfterMs = 8_000;
const giveUpAfterMs = 25_000;
const typingEveryMs = 3_000;
// Own lines still waiting for their log entry: enough for any burst of typing; older ones are let go.
const maxOwnLines = 50;
// intent:start begins the first dialog of a new conversation (and re-asks the open question of a running one).
const startPayload = 'intent:start';

/** Mounts the widget and runs the conversation: rendering, sending, failures and the panel. */
export function startChat(options: ChatOptions): void {
  let session: StoredSession | null = readStoredSession();
  let locale: WidgetLocale = session?.locale ?? options.locale;
  let strings = options.strings[locale];
  const view = createView();
  applyStrings(view, strings, locale);
  injectStyles();
  document.body.appendChild(view.root);

  const api = createApiClient(options.origin);
  const seen = new Set<string>();
  let lastId: string | undefined;
  let greeting: HTMLElement | null = null;
  let watchdogs: number[] = [];
  let notice: WidgetStringKey | null = null;
  /** The first bot line of the current answer: on a small screen the person reads from there, not from the end. */
  let answerStart: HTMLElement | null = null;
  let lastBotLine: HTMLElement | null = null;
  /** Messages on their way, by turn id. */
  const shown = new Map<string, ShownLine>();
  /** The person's lines shown here whose message log entry has not come back yet (so a catch-up does not repeat them). */
  let ownLines: OwnLine<HTMLElement>[] = [];

  const replies = createReplyButtons(view, () => strings, append, (reply) => send({ payload: reply.payload }, reply.title, null));
  const connection = createConnection({
    origin: options.origin,
    api,
    lastId: () => lastId,
    handlers: {
      onMessage: receive,
      onPersonLine: receivePersonLine,
      onAck: (turnId) => {
        outbox.ack(turnId);
        shown.delete(turnId);
        // A resent turn's answer was already on screen: nothing more will come for it.
        if (outbox.size === 0) watchdogs.push(window.setTimeout(() => outbox.size === 0 && settle(), 1_500));
      },
      onOpen: () => outbox.socketOpened(),
      onSocketDown: () => outbox.socketDown(),
      onTyping: () => {
        setWaiting(true);
        // A typing signal with no answer behind it must not spin forever.
        watchdogs.push(window.setTimeout(() => outbox.size > 0 || setWaiting(false), giveUpAfterMs));
      },
      onStatus: (text) => {
        view.queueStatus.textContent = decodeEntities(text);
        view.queueStatus.hidden = false;
      },
      onServerError: (code) => {
        if (!outbox.frameError(code)) showNotice(code === 'STORE_UNAVAILABLE' ? 'unavailable' : 'failed');
      },
      onUnauthorized: () => {
        dropSession();
        takeBack(outbox.abandon());
        showNotice('expired');
      },
      onReachable: (reachable, storeUnavailable) => {
        if (!reachable) showNotice(storeUnavailable ? 'unavailable' : 'offline');
        else if (notice === 'offline' || notice === 'unavailable') hideNotice();
        if (reachable) outbox.reachable();
      },
    },
  });
  const outbox = createOutbox({
    connection,
    api,
    handlers: {
      session: ensureSession,
      sending: () => {
        setWaiting(true);
        armWatchdogs();
      },
      answered: (entry, messages) => {
        shown.delete(entry.turn.turnId);
        for (const message of messages) receive(message);
        if (messages.length === 0) settle();
      },
      delayed: (reason) => {
        clearWatchdogs();
        setWaiting(false);
        showNotice(reason);
      },
      refused: (entries, key) => {
        settle();
        takeBack(entries);
        if (!session && !replies.visible) showGreeting();
        showNotice(key);
      },
      tokenRefused: dropSession,
      persist: (entries) => {
        if (session) writeStoredOutbox(session.conversationId, entries.map(storedOutgoing));
      },
    },
  });

  function append(node: HTMLElement): void {
    view.log.appendChild(node);
    reveal();
  }

  function reveal(): void {
    const scroller = view.scroller;
    const bottom = scroller.scrollHeight - scroller.clientHeight;
    scroller.scrollTop = answerStart ? Math.min(bottom, answerStart.offsetTop - 8) : bottom;
  }

  function showGreeting(): void {
    greeting?.remove();
    greeting = renderBotMessage(strings, locale, { id: '', text: strings.greeting }, true);
    append(greeting);
    replies.show(null, renderStartButton(strings, () => send({ payload: startPayload }, strings.start, null)));
  }

  function receive(message: BotMessage): void {
    if (seen.has(message.id)) return;
    seen.add(message.id);
    // A new message from the bot or the volunteer supersedes the waiting line's status.
    view.queueStatus.hidden = true;
    lastId = message.id;
    settle();
    // An answer means the line works again; only "your conversation ended" stays until the person acts.
    if (notice !== 'expired') hideNotice();
    const line = renderBotMessage(strings, locale, message);
    answerStart ??= line;
    lastBotLine = line;
    append(line);
    if (message.quickReplies.length > 0) replies.show(message);
    applyInputHint(view, message.input);
  }

  /** The person's own line from the message log: shown unless it is one this page already shows. */
  function receivePersonLine(entry: PersonLine): HTMLElement | null {
    if (seen.has(entry.id)) return null;
    seen.add(entry.id);
    lastId = entry.id;
    const claimed = claimOwnLine(ownLines, entry);
    if (claimed) {
      claimed.ref.dataset.id = entry.id;
      return claimed.ref;
    }
    // What a person typed is shown as text, never as HTML (renderUserMessage makes text nodes only).
    const line = renderUserMessage(strings, entry.text);
    line.dataset.id = entry.id;
    append(line);
    return line;
  }

  function setWaiting(waiting: boolean): void {
    view.typing.hidden = !waiting;
    view.log.setAttribute('aria-busy', waiting ? 'true' : 'false');
    if (waiting) reveal();
  }

  function showNotice(key: WidgetStringKey): void {
    notice = key;
    view.notice.textContent = strings[key];
    view.notice.hidden = false;
  }

  function hideNotice(): void {
    notice = null;
    view.notice.hidden = true;
    view.notice.textContent = '';
  }

  /** Shows the person's line at once and hands it to the outbox, which delivers it (again) until it is confirmed. */
  function send(outgoing: OutgoingMessage, text: string, typed: string | null, undo?: () => void): void {
    const turnId = newTurnId();
    const line = renderUserMessage(strings, text);
    answerStart = null;
    append(line);
    shown.set(turnId, { line, replies: replies.source, typed, undo });
    ownLines = [...ownLines, { text, after: lastId, ref: line }].slice(-maxOwnLines);
    replies.remove();
    hideNotice();
    setWaiting(true);
    outbox.add({ turn: { ...outgoing, turnId }, line: text, after: lastId });
  }

  /** Messages that did not get through: take their lines back, restore buttons and typed text. */
  function takeBack(entries: readonly OutboxEntry[]): void {
    for (const entry of entries) {
      const gone = shown.get(entry.turn.turnId);
      shown.delete(entry.turn.turnId);
      if (!gone) continue;
      gone.line.remove();
      ownLines = ownLines.filter((own) => own.ref !== gone.line);
      gone.undo?.();
      if (gone.replies && !replies.visible) replies.show(gone.replies);
      if (gone.typed !== null && view.textField.value === '') view.textField.value = gone.typed;
    }
  }

  async function ensureSession(): Promise<StoredSession> {
    if (session) return session;
    const created = await api.createSession(locale);
    session = { token: created.token, conversationId: created.conversationId, locale };
    writeStoredSession(session);
    connection.start(session.token);
    return session;
  }

  function armWatchdogs(): void {
    clearWatchdogs();
    watchdogs = [
      window.setTimeout(() => connection.catchUp(), catchUpAfterMs),
      window.setTimeout(() => {
        settle();
        showNotice('slow');
      }, giveUpAfterMs),
    ];
  }

  function clearWatchdogs(): void {
    for (const timer of watchdogs) window.clearTimeout(timer);
    watchdogs = [];
  }

  /** An answer arrived (or we stopped waiting for one). */
  function settle(): void {
    clearWatchdogs();
    setWaiting(false);
  }

  function dropSession(): void {
    connection.stop();
    outbox.reset();
    session = null;
    lastId = undefined;
    clearStoredSession();
  }

  function openPanel(): void {
    view.panel.hidden = false;
    view.root.classList.add('hh-open');
    view.launcher.setAttribute('aria-expanded', 'true');
    reveal();
    (replies.firstButton ?? view.textField).focus();
    connection.setActive(true);
  }

  function closePanel(): void {
    view.panel.hidden = true;
    view.root.classList.remove('hh-open');
    view.launcher.setAttribute('aria-expanded', 'false');
    connection.setActive(false);
    view.launcher.focus();
  }

  function setLocale(next: WidgetLocale): void {
    locale = next;
    strings = options.strings[next];
    applyStrings(view, strings, next);
    if (session) {
      session = { ...session, locale: next };
      writeStoredSession(session);
    }
  }

  view.launcher.addEventListener('click', () => (view.panel.hidden ? openPanel() : closePanel()));
  view.closeButton.addEventListener('click', closePanel);
  view.panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    closePanel();
  });
  view.restartButton.addEventListener('click', () => send({ payload: 'intent:opnieuw' }, strings.restart, null));
  view.humanButton.addEventListener('click', () => send({ payload: 'intent:mens' }, strings.human, null));
  view.languageButton.addEventListener('change', () => {
    const previous = locale;
    const next = view.languageButton.value;
    if (!isLocale(next) || next === previous) return;
    const label = view.languageButton.selectedOptions[0]?.textContent ?? next;
    setLocale(next);
    if (session) send({ payload: `intent:taal:${next}` }, label, null, () => setLocale(previous));
    else showGreeting();
  });
  // At most one typing signal per few seconds: enough for "typt…" in the console, cheap on a slow phone.
  let lastTyping = 0;
  view.textField.addEventListener('input', () => {
    const now = Date.now();
    if (now - lastTyping < typingEveryMs || view.textField.value.trim() === '') return;
    lastTyping = now;
    connection.sendTyping();
  });
  view.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = view.textField.value.trim();
    if (typed === '') return;
    view.textField.value = '';
    send({ text: typed }, typed, typed);
  });
  bindDateHelper(view);

  if (session) void loadHistory(session);
  else showGreeting();

  /** After a reload: redraw the whole thread (the bot's messages and the person's own lines), then go on live. */
  async function loadHistory(stored: StoredSession): Promise<void> {
    const kept = readStoredOutbox(stored.conversationId);
    setWaiting(true);
    try {
      const history = await api.fetchMessages(stored.token, undefined);
      setWaiting(false);
      // A kept message whose line is already in the log was taken before the reload: its line is not shown twice.
      const waiting: OwnLine<string>[] = kept.map((k) => ({ text: k.line, after: k.after, ref: k.turnId }));
      const inLog = new Map<string, HTMLElement>();
      for (const entry of history) {
        if (entry.kind === 'bot') {
          receive(entry.message);
          continue;
        }
        const line = receivePersonLine(entry.line);
        const claimed = claimOwnLine(waiting, entry.line);
        if (line && claimed) inLog.set(claimed.ref, line);
      }
      // Show the end of the history, from the start of the last bot line.
      answerStart = lastBotLine;
      reveal();
      if (history.length === 0 && kept.length === 0) showGreeting();
      restoreOutbox(kept, inLog);
    } catch (error) {
      setWaiting(false);
      if (error instanceof ApiError && error.status === 401) {
        dropSession();
        showGreeting();
        showNotice('expired');
        return;
      }
      // Offline now (or the store is down): keep the session; the connection retries and catches up.
      showNotice(error instanceof ApiError && error.code === 'STORE_UNAVAILABLE' ? 'unavailable' : 'offline');
      restoreOutbox(kept, new Map());
    }
    connection.start(stored.token);
  }

  /** Messages that were still on their way before the reload: shown as sent, and sent again with their turn ids. */
  function restoreOutbox(kept: readonly StoredOutgoing[], inLog: ReadonlyMap<string, HTMLElement>): void {
    if (kept.length === 0) return;
    for (const k of kept) {
      let line = inLog.get(k.turnId);
      if (!line) {
        line = renderUserMessage(strings, k.line);
        append(line);
        ownLines = [...ownLines, { text: k.line, after: k.after, ref: line }].slice(-maxOwnLines);
      }
      shown.set(k.turnId, { line, replies: null, typed: null, undo: undefined });
    }
    // The open question was answered by what is on its way.
    replies.remove();
    setWaiting(true);
    outbox.restore(kept.map(outboxEntry));
  }
}

/** The stored form of an outbox entry (sessionStorage). */
function storedOutgoing(entry: OutboxEntry): StoredOutgoing {
  const { turnId, text, payload } = entry.turn;
  return { turnId, line: entry.line, ...(text !== undefined ? { text } : {}), ...(payload !== undefined ? { payload } : {}), ...(entry.after !== undefined ? { after: entry.after } : {}) };
}

function outboxEntry(stored: StoredOutgoing): OutboxEntry {
  const { turnId, text, payload, line, after } = stored;
  return { turn: { turnId, ...(text !== undefined ? { text } : {}), ...(payload !== undefined ? { payload } : {}) }, line, after };
}
