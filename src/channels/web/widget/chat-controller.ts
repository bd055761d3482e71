import { ApiError, createApiClient } from './api-client.js';
import type { OutgoingMessage } from './api-client.js';
import type { BotMessage } from './bot-message.js';
import { applyInputHint, bindDateHelper } from './composer-hints.js';
import { createConnection } from './connection.js';
import { createReplyButtons } from './reply-buttons.js';
import { decodeEntities, renderBotMessage, renderStartButton, renderUserMessage } from './render-message.js';
import { clearStoredSession, readStoredSession, writeStoredSession } from './stored-session.js';
import type { StoredSession } from './stored-session.js';
import { injectStyles } from './styles.js';
import { applyStrings, createView } from './view.js';
import { isLocale } from '../../../shared/locale-registry.js';
import type { WidgetLocale, WidgetStringKey, WidgetStringTable } from './widget-strings.js';

export interface ChatOptions {
  readonly origin: string;
  readonly locale: WidgetLocale;
  readonly strings: WidgetStringTable;
}

/** What was sent and not yet answered, so a failure can put everything back as it was. */
interface Pending {
  readonly outgoing: OutgoingMessage;
  readonly line: HTMLElement;
  readonly replies: BotMessage | null;
  readonly text: string | null;
  readonly undo: (() => void) | undefined;
  /** Sent as a socket frame: only then can a socket close or error frame mean it was lost. */
  viaSocket: boolean;
  /** Attempts refused because the store was down (503 STORE_UNAVAILABLE): sets the retry backoff. */
  storeRetries: number;
}

const catchUpAfterMs = 8_000;
const giveUpAfterMs = 25_000;
const typingEveryMs = 3_000;
// With the store down the message is kept and sent again by itself: after 2 s, 4 s, 8 s, then every 15 s.
const storeRetryMs = 2_000;
const storeRetryMaxMs = 15_000;
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
  let pending: Pending | null = null;
  let sending = false;
  let watchdogs: number[] = [];
  let storeRetryTimer = 0;
  let notice: WidgetStringKey | null = null;
  /** The first bot line of the current answer: on a small screen the person reads from there, not from the end. */
  let answerStart: HTMLElement | null = null;
  let lastBotLine: HTMLElement | null = null;

  const replies = createReplyButtons(view, () => strings, append, (reply) => send({ payload: reply.payload }, reply.title, null));
  const connection = createConnection({
    origin: options.origin,
    api,
    lastId: () => lastId,
    handlers: {
      onMessage: receive,
      onTyping: () => {
        setWaiting(true);
        // A typing signal with no answer behind it must not spin forever.
        watchdogs.push(window.setTimeout(() => pending || setWaiting(false), giveUpAfterMs));
      },
      onStatus: (text) => {
        view.queueStatus.textContent = decodeEntities(text);
        view.queueStatus.hidden = false;
      },
      onServerError: (code) => {
        if (code === 'STORE_UNAVAILABLE' && pending?.viaSocket) storeDown(pending);
        else if (pending?.viaSocket) fail('failed');
        else showNotice(code === 'STORE_UNAVAILABLE' ? 'unavailable' : 'failed');
      },
      onUnauthorized: () => {
        dropSession();
        if (pending?.viaSocket) fail('expired');
        else showNotice('expired');
      },
      onReachable: (reachable, storeUnavailable) => {
        if (!reachable) showNotice(storeUnavailable ? 'unavailable' : 'offline');
        else if (notice === 'offline' || notice === 'unavailable') hideNotice();
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

  /** Shows the person's line at once, then delivers; `typed` is their text, given back if it fails. */
  function send(outgoing: OutgoingMessage, line: string, typed: string | null, undo?: () => void): void {
    if (sending) {
      // One message at a time; nothing the person did is lost.
      if (typed !== null && view.textField.value === '') view.textField.value = typed;
      undo?.();
      return;
    }
    sending = true;
    const userLine = renderUserMessage(strings, line);
    answerStart = null;
    append(userLine);
    pending = { outgoing, line: userLine, replies: replies.source, text: typed, undo, viaSocket: false, storeRetries: 0 };
    replies.remove();
    hideNotice();
    setWaiting(true);
    attempt(pending);
  }

  /** Delivers the pending message; while the store is down it stays on screen and is sent again by itself. */
  function attempt(current: Pending): void {
    sending = true;
    deliver(current.outgoing, false).then(
      () => {
        sending = false;
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'STORE_UNAVAILABLE' && pending === current) {
          storeDown(current);
          return;
        }
        sending = false;
        fail(error instanceof ApiError && error.status === 0 ? 'offline' : 'failed');
      },
    );
  }

  /** "We can't save messages right now", with the help lines; the same message is tried again after a while. */
  function storeDown(current: Pending): void {
    // Until it is through, new messages wait (the typed text stays in the field), so the order is kept.
    sending = true;
    clearWatchdogs();
    setWaiting(false);
    showNotice('unavailable');
    const delay = Math.min(storeRetryMaxMs, storeRetryMs * 2 ** current.storeRetries);
    current.storeRetries += 1;
    window.clearTimeout(storeRetryTimer);
    storeRetryTimer = window.setTimeout(() => {
      storeRetryTimer = 0;
      if (pending !== current) return;
      current.viaSocket = false;
      setWaiting(true);
      attempt(current);
    }, delay);
  }

  async function deliver(outgoing: OutgoingMessage, retried: boolean): Promise<void> {
    const current = await ensureSession();
    if (connection.sendFrame(outgoing)) {
      if (pending) pending.viaSocket = true;
      armWatchdogs();
      return;
    }
    try {
      const answers = await api.sendMessage(current.token, outgoing);
      for (const message of answers) receive(message);
      if (answers.length === 0) settle();
    } catch (error) {
      // An expired token: start a fresh conversation once, quietly, with the same message.
      if (!retried && error instanceof ApiError && error.status === 401) {
        dropSession();
        await deliver(outgoing, true);
        return;
      }
      throw error;
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
    pending = null;
    if (storeRetryTimer !== 0) {
      // Answered after all (say, a socket frame that did get through): no retry, and the composer is free again.
      window.clearTimeout(storeRetryTimer);
      storeRetryTimer = 0;
      sending = false;
    }
    clearWatchdogs();
    setWaiting(false);
  }

  /** The last message did not get through: take the line back, restore buttons and typed text. */
  function fail(key: WidgetStringKey): void {
    const failed = pending;
    settle();
    if (failed) {
      failed.line.remove();
      failed.undo?.();
      if (failed.replies && !replies.visible) replies.show(failed.replies);
      if (failed.text !== null && view.textField.value === '') view.textField.value = failed.text;
    }
    if (!session && !replies.visible) showGreeting();
    showNotice(key);
  }

  function dropSession(): void {
    window.clearTimeout(storeRetryTimer);
    storeRetryTimer = 0;
    connection.stop();
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

  /** After a reload: redraw the bot's side of the conversation, then go on live. */
  async function loadHistory(stored: StoredSession): Promise<void> {
    setWaiting(true);
    try {
      const history = await api.fetchMessages(stored.token, undefined);
      setWaiting(false);
      for (const message of history) receive(message);
      // Show the end of the history, from the start of the last bot line.
      answerStart = lastBotLine;
      reveal();
      if (history.length === 0) showGreeting();
      connection.start(stored.token);
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
      connection.start(stored.token);
    }
  }
}
