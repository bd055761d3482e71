import { localeInfo, type Locale } from '../../shared/locale-registry.js';
import { el, text } from './dom.js';

/** The chat's language in its own name ("العربية", "Türkçe"), so a volunteer sees it before answering. */
export function languageChip(locale: Locale): HTMLSpanElement {
  const info = localeInfo(locale);
  return text(el('span', 'c-lang', { lang: info.tag, dir: info.dir, 'data-locale': locale }), info.nativeName);
}

/**
 * Direction and language for a line of the chat: the bot and the volunteer write in the chat's language; a
 * person may type in any script, so the first strong character of their line decides (dir=auto).
 */
export function chatTextAttributes(from: string, chat: Locale): Readonly<Record<string, string>> {
  if (from === 'person') return { dir: 'auto' };
  const info = localeInfo(chat);
  return { lang: info.tag, dir: info.dir };
}
