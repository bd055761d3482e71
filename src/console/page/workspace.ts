import { toLocale, type Locale } from '../../shared/locale-registry.js';
import type { Attention } from './attention.js';
import type { ConsoleApi } from './console-api.js';
import { ConsoleApiError, ticketPath } from './console-api.js';
import type { ConsoleStrings, ConsoleStringKey } from './console-strings.js';
import { fill } from './console-strings.js';
import type { CannedReply, Line, Me, TicketItem } from './console-data.js';
import { parseCannedList, parseDetail, parseLine, parseStats, parseTicketList } from './console-data.js';
import { createCannedEditor, createCannedPicker } from './canned-replies.js';
import { button, el, isRecord, text } from './dom.js';
import { createLiveEvents } from './live-events.js';
import { createQueueView } from './queue-view.js';
import { createStatsView } from './stats-view.js';
import { createTeamsPanel } from './teams-panel.js';
import { createTicketView } from './ticket-view.js';

export interface WorkspaceContext {
  readonly api: ConsoleApi;
  readonly strings: ConsoleStrings;
  readonly locale: string;
  readonly attention: Attention;
  /** Whether the Teams channel is on (the page shell says so): shows the Teams corner. */
  readonly teams: boolean;
  /** Runs an API call; a 401 also signs the page out (this workspace closes). Errors are thrown. */
  call<T>(run: () => Promise<T>): Promise<T>;
  logout(): void;
}

export interface Workspace {
  readonly root: HTMLElement;
  close(): void;
}

const heartbeatMs = 30_000;
const pollMs = 30_000;
const typingPingMs = 2_000;
const refreshDelayMs = 150;
const reconnectMs = 5_000;

/** The signed-in console: header, (coordinator) figures, the queue and the open ticket, kept live. */
export function openWorkspace(ctx: WorkspaceContext, me: Me): Workspace {
  const { api, strings, attention } = ctx;
  const ui = strings.ui;
  const coordinator = me.role === 'coordinator';
  const root = el('div', 'c-app');

  // Header.
  const header = el('header', 'c-top');
  const connection = el('span', 'c-conn', { 'data-connected': 'false' });
  const who = text(el('span', 'c-me'), fill(ui.signedInAs, { name: me.username, role: coordinator ? ui.roleCoordinator : ui.roleVolunteer }));
  const soundWrap = el('label', 'c-sound');
  const sound = el('input', '', { type: 'checkbox' });
  sound.checked = attention.soundOn();
  sound.addEventListener('change', () => attention.setSoundOn(sound.checked));
  soundWrap.append(sound, document.createTextNode(` ${ui.sound}`));
  const logout = button(ui.logout, 'c-btn c-small', { 'data-action': 'logout' });
  logout.addEventListener('click', () => ctx.logout());
  header.append(text(el('h1', 'c-h1'), ui.title), connection, who, soundWrap, logout);

  const alert = el('div', 'c-alert', { role: 'alert' });
  const alertButton = el('button', 'c-btn c-alert-btn', { type: 'button' });
  alert.append(alertButton);
  alert.hidden = true;
  const announcer = el('p', 'c-sr', { role: 'status' });

  let tickets: TicketItem[] = [];
  let canned: CannedReply[] = [];
  let closed = false;
  let lastTypingPing = 0;
  let refreshTimer = 0;
  let reconnectTimer = 0;
  let crisisTicket: string | null = null;
  /** The language of the quick replies on screen: the open chat's, else the console's. */
  let cannedLocale: Locale | null = null;

  async function loadCanned(locale: Locale): Promise<void> {
    cannedLocale = locale;
    try {
      const list = parseCannedList(await ctx.call(() => api.get(`/canned?locale=${locale}`)));
      if (cannedLocale !== locale) return; // another chat was opened meanwhile
      canned = list;
      picker.render(canned);
    } catch {
      if (cannedLocale === locale) picker.render([]);
    }
  }

  const picker = createCannedPicker(strings, (reply) => {
    const field = document.getElementById('c-message');
    if (field instanceof HTMLTextAreaElement) {
      field.value = field.value.trim() === '' ? reply.text : `${field.value.trimEnd()} ${reply.text}`;
      field.focus();
    }
  });
  const queue = createQueueView(strings, (id) => void openTicket(id, true));
  const ticket = createTicketView(strings, ctx.locale, {
    claim: (id) => void act(id, 'claim'),
    release: (id) => void act(id, 'release'),
    close: (id, outcome) => void act(id, 'close', { outcome }),
    send: (id, message) => sendMessage(id, message),
    typing: (id) => {
      const now = Date.now();
      if (now - lastTypingPing < typingPingMs) return;
      lastTypingPing = now;
      void ctx.call(() => api.post(ticketPath(id, 'typing'))).catch(() => undefined);
    },
    addNote: async (id, note) => {
      const ok = await attempt(() => api.post(ticketPath(id, 'notes'), { text: note }));
      if (ok) await refreshTicket();
      return ok;
    },
  }, picker);

  const layout = el('div', 'c-layout');
  layout.append(queue.root, ticket.root);
  root.append(header, alert, announcer);
  const stats = coordinator ? createStatsView(strings, ctx.locale) : null;
  if (stats) {
    const editor = createCannedEditor(strings, async (replies) => {
      try {
        // Saved in the language of the replies being edited (the open chat's, else the console's).
        const locale = cannedLocale ?? toLocale(ctx.locale);
        canned = parseCannedList(await ctx.call(() => api.put('/canned', { locale, replies })));
      } catch {
        return false;
      }
      picker.render(canned);
      announce('cannedSaved');
      return true;
    });
    stats.editButton.addEventListener('click', () => editor.open(canned, stats.editButton));
    root.append(stats.root, editor.root);
  }
  const teams = ctx.teams ? createTeamsPanel({ api, strings, locale: ctx.locale, coordinator, call: ctx.call }) : null;
  if (teams) root.append(teams.root);
  root.append(layout);

  function announce(key: ConsoleStringKey): void {
    // Cleared first, so the same message is announced again.
    announcer.textContent = '';
    window.setTimeout(() => (announcer.textContent = ui[key]), 50);
  }

  /** Runs a change; shows the generic failure in the ticket view when it fails. */
  async function attempt(run: () => Promise<unknown>): Promise<boolean> {
    try {
      await ctx.call(run);
      return true;
    } catch {
      ticket.showStatus('failed');
      return false;
    }
  }

  async function refreshLists(): Promise<void> {
    try {
      const [waiting, claimed] = await Promise.all([ctx.call(() => api.get('/tickets?state=waiting')), ctx.call(() => api.get('/tickets?state=claimed'))]);
      if (closed) return;
      tickets = [...parseTicketList(waiting), ...parseTicketList(claimed)];
      queue.render(tickets, me.username, ticket.openId);
      attention.setWaitingCount(tickets.filter((t) => t.state === 'waiting').length);
    } catch {
      // The next event or poll tries again; the lists stay as they were.
    }
    if (stats) void refreshStats();
  }

  async function refreshStats(): Promise<void> {
    try {
      const parsed = parseStats(await ctx.call(() => api.get('/stats')));
      if (parsed && stats && !closed) stats.render(parsed);
    } catch {
      // Figures are a help, not a must: keep the last ones.
    }
  }

  function scheduleRefresh(): void {
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(() => void refreshLists(), refreshDelayMs);
  }

  /** `/console#ticket=<id>`: the link on a Teams alert card opens that chat. */
  function openFromHash(): void {
    const match = /^#ticket=([^&]+)$/.exec(window.location.hash);
    if (match?.[1] === undefined) return;
    let id: string;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      return;
    }
    void openTicket(id, true, 'ticketNotFound');
  }

  async function openTicket(id: string, focus: boolean, goneNotice?: ConsoleStringKey): Promise<void> {
    try {
      const detail = parseDetail(await ctx.call(() => api.get(ticketPath(id))));
      if (closed || detail === null) return;
      ticket.show(detail, me.username);
      // Quick replies in the chat's own language.
      if (detail.ticket.locale !== cannedLocale) void loadCanned(detail.ticket.locale);
      queue.render(tickets, me.username, ticket.openId);
      if (focus) ticket.root.focus();
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 404) {
        ticket.showNothing(goneNotice);
        scheduleRefresh();
      } else ticket.showStatus('failed');
    }
  }

  async function refreshTicket(): Promise<void> {
    const id = ticket.openId;
    if (id !== null) await openTicket(id, false);
  }

  async function act(id: string, action: 'claim' | 'release' | 'close', body?: unknown): Promise<void> {
    try {
      await ctx.call(() => api.post(ticketPath(id, action), body));
      ticket.showStatus(null);
    } catch (error) {
      const taken = error instanceof ConsoleApiError && error.code === 'TICKET_CLAIMED';
      ticket.showStatus(taken ? 'claimTaken' : 'failed');
    }
    await Promise.all([refreshTicket(), refreshLists()]);
    if (action === 'claim' && ticket.openId === id) ticket.focusMessage();
  }

  async function sendMessage(id: string, message: string): Promise<boolean> {
    try {
      const sent = await ctx.call(() => api.post(ticketPath(id, 'messages'), { text: message }));
      // The line is kept either way; say so when the person's channel did not take it (WhatsApp's 24 hours).
      ticket.showStatus(isRecord(sent) && sent.delivered === false ? (sent.reason === 'window_closed' ? 'writeFirst' : 'notDelivered') : null);
      // Show the line at once when the server returns it; otherwise it comes with the event stream or a refetch.
      const line = isRecord(sent) ? parseLine(sent.line, typeof sent.id === 'string' ? sent.id : undefined) ?? parseLine(sent) : null;
      if (line !== null && ticket.openId === id) ticket.appendLines([line]);
      else await refreshTicket();
      return true;
    } catch {
      ticket.showStatus('failed');
      return false;
    }
  }

  function isOpen(conversationId: string, ticketId: string | null): boolean {
    return (ticketId !== null && ticketId === ticket.openId) || conversationId === ticket.conversationId;
  }

  const live = createLiveEvents({
    onTicket(event) {
      scheduleRefresh();
      if (event.type === 'created' || (event.type === 'raised' && event.urgency === 'crisis')) {
        announce('newTicket');
        attention.beep(event.urgency === 'crisis' ? 2 : 1);
      }
      if (event.ticketId === ticket.openId) void refreshTicket();
    },
    onMessage(conversationId, ticketId, line: Line) {
      if (isOpen(conversationId, ticketId)) ticket.appendLines([line]);
    },
    onTyping(conversationId, from) {
      if (from === 'person' && isOpen(conversationId, null)) ticket.showTyping();
    },
    onCrisis(conversationId, ticketId) {
      crisisTicket = ticketId ?? tickets.find((t) => t.conversationId === conversationId)?.id ?? null;
      alertButton.textContent = ui.crisisAlert;
      alert.hidden = false;
      attention.beep(3);
      scheduleRefresh();
    },
    onConnected(connected) {
      connection.dataset.connected = String(connected);
      connection.textContent = connected ? ui.live : ui.reconnecting;
      // Events may have been missed while the stream was down.
      if (connected) scheduleRefresh();
    },
    onClosed() {
      // A refused stream: a 401 on the check signs out; otherwise try again in a while.
      const retry = (): void => {
        if (!closed) reconnectTimer = window.setTimeout(() => live.start(), reconnectMs);
      };
      void ctx.call(() => api.get('/me')).then(retry, retry);
    },
  });

  alertButton.addEventListener('click', () => {
    alert.hidden = true;
    if (crisisTicket !== null) void openTicket(crisisTicket, true);
  });

  const heartbeat = window.setInterval(() => void ctx.call(() => api.post('/heartbeat')).catch(() => undefined), heartbeatMs);
  // The alert channel changes rarely (someone types "meldingen hier" in Teams): read it on the poll, not per event.
  const poll = window.setInterval(() => {
    void refreshLists();
    void teams?.refresh();
  }, pollMs);
  const ticker = window.setInterval(() => {
    const now = Date.now();
    queue.tick(now);
    ticket.tick(now);
  }, 1000);

  window.addEventListener('hashchange', openFromHash);
  connection.textContent = ui.reconnecting;
  live.start();
  openFromHash();
  void refreshLists();
  void teams?.refresh();
  void loadCanned(toLocale(ctx.locale));
  void ctx.call(() => api.post('/heartbeat')).catch(() => undefined);

  return {
    root,
    close() {
      closed = true;
      window.removeEventListener('hashchange', openFromHash);
      live.stop();
      window.clearInterval(heartbeat);
      window.clearInterval(poll);
      window.clearInterval(ticker);
      window.clearTimeout(refreshTimer);
      window.clearTimeout(reconnectTimer);
      root.remove();
    },
  };
}
