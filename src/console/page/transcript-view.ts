import type { ConsoleStrings } from './console-strings.js';
import type { Line, LineFrom } from './console-data.js';
import { clear, el, text } from './dom.js';
import { formatClock } from './format.js';
import { chatTextAttributes } from './language-chip.js';
import { sourceLocale, type Locale } from '../../shared/locale-registry.js';

export interface TranscriptView {
  readonly root: HTMLElement;
  /** Replaces every line (a newly opened ticket, or a refetch that does not simply extend what is shown). */
  reset(lines: readonly Line[], chat: Locale): void;
  /** Adds lines not shown yet; returns how many were new. */
  append(lines: readonly Line[]): number;
  showTyping(): void;
  hideTyping(): void;
}

const typingMs = 3000;

/** The bot conversation and the live chat, one list, every line as text. */
export function createTranscriptView(strings: ConsoleStrings, locale: string): TranscriptView {
  const ui = strings.ui;
  const who: Readonly<Record<LineFrom, string>> = { person: ui.fromPerson, bot: ui.fromBot, volunteer: ui.fromVolunteer, system: ui.fromSystem };
  const root = el('section', 'c-chat', { 'aria-labelledby': 'c-chat-h' });
  const heading = text(el('h3', 'c-h3', { id: 'c-chat-h' }), ui.transcriptHeading);
  // The log itself scrolls, and is focusable so keyboard users can scroll a long conversation.
  const scroller = el('div', 'c-scroll', { role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'c-chat-h', tabindex: '0' });
  const log = el('ol', 'c-log');
  const empty = text(el('p', 'c-empty'), ui.transcriptEmpty);
  scroller.append(log, empty);
  const typing = text(el('p', 'c-typing', { role: 'status' }), '');
  root.append(heading, scroller, typing);
  const seen = new Set<string>();
  let typingTimer = 0;
  let chat: Locale = sourceLocale;

  function lineNode(line: Line): HTMLLIElement {
    const li = el('li', `c-line c-from-${line.from}`, { 'data-from': line.from, 'data-line-id': line.id });
    const meta = el('span', 'c-meta');
    const name = line.from === 'volunteer' && line.volunteer ? `${who.volunteer} (${line.volunteer})` : who[line.from];
    meta.append(text(el('span', 'c-who'), name), document.createTextNode(' '), text(el('time', 'c-time', { datetime: line.at }), formatClock(line.at, locale)));
    // Right-to-left chats read right to left here too, inside the volunteer's own UI.
    li.append(meta, text(el('p', 'c-text', chatTextAttributes(line.from, chat)), line.text));
    return li;
  }

  /** Adds the lines not shown yet and returns them. */
  function add(lines: readonly Line[]): Line[] {
    const stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    const added: Line[] = [];
    for (const line of lines) {
      if (seen.has(line.id)) continue;
      seen.add(line.id);
      log.append(lineNode(line));
      added.push(line);
    }
    empty.hidden = seen.size > 0;
    // Follow the conversation unless the volunteer scrolled up to read.
    if (added.length > 0 && stick) scroller.scrollTop = scroller.scrollHeight;
    return added;
  }

  function hideTyping(): void {
    window.clearTimeout(typingTimer);
    typing.textContent = '';
  }

  return {
    root,
    reset(lines, locale) {
      chat = locale;
      clear(log);
      seen.clear();
      hideTyping();
      scroller.scrollTop = 0;
      add(lines);
      scroller.scrollTop = scroller.scrollHeight;
    },
    append(lines) {
      const added = add(lines);
      // The person's message arrived: they stopped typing.
      if (added.some((line) => line.from === 'person')) hideTyping();
      return added.length;
    },
    showTyping() {
      typing.textContent = ui.personTyping;
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(hideTyping, typingMs);
    },
    hideTyping,
  };
}
