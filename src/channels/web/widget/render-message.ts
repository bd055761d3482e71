import type { BotMessage, QuickReply } from './bot-message.js';
import { el, paragraphs, text } from './dom.js';
import { localeInfo } from '../../../shared/locale-registry.js';
import type { WidgetLocale, WidgetStrings } from './widget-strings.js';

/** A bot line. `local` marks the widget's own greeting, which was never sent by the server. */
export function renderBotMessage(strings: WidgetStrings, locale: WidgetLocale, message: Pick<BotMessage, 'id' | 'text'>, local = false): HTMLElement {
  const info = localeInfo(locale);
  const item = el('div', 'hh-msg hh-bot', { 'data-from': 'bot', lang: info.tag, dir: info.dir });
  if (local) item.dataset.local = 'true';
  else item.dataset.id = message.id;
  item.appendChild(text(el('span', 'hh-sr'), `${strings.bot} `));
  paragraphs(item, decodeEntities(message.text));
  return item;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x60;': '`', '&#x3D;': '=' };

/**
 * The server escapes template variables for the web (safe even for a client that renders HTML). We insert text
 * only, so turn the entities back into characters; the result still goes into text nodes, never HTML.
 */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/g, (m) => entities[m] ?? m);
}

export function renderUserMessage(strings: WidgetStrings, line: string): HTMLElement {
  // What a person types may be in any script: its own first strong character decides the direction.
  const item = el('div', 'hh-msg hh-you', { 'data-from': 'you', dir: 'auto' });
  item.appendChild(text(el('span', 'hh-sr'), `${strings.you} `));
  paragraphs(item, line);
  return item;
}

/** Real buttons; `data-payload` holds exactly the payload the server gave. */
export function renderQuickReplies(
  strings: WidgetStrings,
  replies: readonly QuickReply[],
  onPick: (reply: QuickReply) => void,
): HTMLElement {
  const group = el('div', 'hh-replies', { role: 'group', 'aria-label': strings.answers });
  for (const reply of replies) {
    const button = text(el('button', 'hh-reply', { type: 'button', 'data-payload': reply.payload }), reply.title);
    button.addEventListener('click', () => onPick(reply));
    group.appendChild(button);
  }
  return group;
}

/** The widget's own first button, shown before any network contact; it is not a server reply, so no data-payload. */
export function renderStartButton(strings: WidgetStrings, onStart: () => void): HTMLElement {
  const group = el('div', 'hh-replies', { role: 'group', 'aria-label': strings.answers });
  const button = text(el('button', 'hh-reply', { type: 'button', 'data-action': 'start' }), strings.start);
  button.addEventListener('click', onStart);
  group.appendChild(button);
  return group;
}
