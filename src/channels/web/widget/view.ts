import { el, text } from './dom.js';
import { localeDefinitions, localeInfo } from '../../../shared/locale-registry.js';
import type { WidgetLocale, WidgetStrings } from './widget-strings.js';

/** The widget's fixed DOM: launcher, panel, log and composer. Labels are set by `applyStrings`. */
export interface View {
  readonly root: HTMLDivElement;
  readonly launcher: HTMLButtonElement;
  readonly panel: HTMLElement;
  readonly title: HTMLHeadingElement;
  readonly subtitle: HTMLParagraphElement;
  readonly closeButton: HTMLButtonElement;
  readonly closeLabel: HTMLSpanElement;
  readonly restartButton: HTMLButtonElement;
  readonly humanButton: HTMLButtonElement;
  /** The language picker: every shipped language in its own name. */
  readonly languageButton: HTMLSelectElement;
  readonly scroller: HTMLDivElement;
  readonly log: HTMLDivElement;
  readonly typing: HTMLDivElement;
  readonly typingLabel: HTMLSpanElement;
  readonly notice: HTMLParagraphElement;
  readonly queueStatus: HTMLParagraphElement;
  readonly form: HTMLFormElement;
  readonly dateRow: HTMLDivElement;
  readonly dateLabel: HTMLLabelElement;
  readonly dateField: HTMLInputElement;
  readonly textLabel: HTMLLabelElement;
  readonly textField: HTMLInputElement;
  readonly sendButton: HTMLButtonElement;
}

const panelId = 'huurhulp-panel';

export function createView(): View {
  const root = el('div', 'hh-root', { id: 'huurhulp' });
  const launcher = el('button', 'hh-launcher', { type: 'button', 'aria-expanded': 'false', 'aria-controls': panelId });
  const panel = el('section', 'hh-panel', { id: panelId, role: 'dialog', 'aria-labelledby': 'huurhulp-title' });
  panel.hidden = true;

  const head = el('div', 'hh-head');
  const titles = el('div', 'hh-titles');
  const title = el('h2', 'hh-title', { id: 'huurhulp-title' });
  const subtitle = el('p', 'hh-subtitle');
  const closeButton = el('button', 'hh-close', { type: 'button' });
  const closeLabel = el('span', 'hh-sr');
  closeButton.append(text(el('span', '', { 'aria-hidden': 'true' }), '×'), closeLabel);
  const languageButton = el('select', 'hh-lang', { 'data-action': 'language' });
  for (const def of localeDefinitions()) {
    const option = text(el('option', '', { value: def.code, lang: def.tag, dir: def.dir }), def.nativeName);
    languageButton.appendChild(option);
  }
  titles.append(title, subtitle);
  head.append(titles, languageButton, closeButton);

  const tools = el('div', 'hh-tools');
  const restartButton = el('button', 'hh-tool', { type: 'button', 'data-action': 'restart' });
  const humanButton = el('button', 'hh-tool', { type: 'button', 'data-action': 'human' });
  tools.append(restartButton, humanButton);

  const scroller = el('div', 'hh-scroll');
  const log = el('div', 'hh-log', { role: 'log', 'aria-live': 'polite', tabindex: '-1' });
  const typing = el('div', 'hh-typing', { role: 'status' });
  const typingLabel = el('span', 'hh-sr');
  const dots = el('span', 'hh-dots', { 'aria-hidden': 'true' });
  dots.append(el('span'), el('span'), el('span'));
  typing.append(typingLabel, dots);
  typing.hidden = true;
  scroller.append(log, typing);

  const notice = el('p', 'hh-notice', { role: 'status' });
  notice.hidden = true;
  // The waiting room's place in the line: replaced in place, not added to the chat log.
  const queueStatus = el('p', 'hh-queue', { role: 'status' });
  queueStatus.hidden = true;

  const form = el('form', 'hh-form', { novalidate: '' });
  const dateRow = el('div', 'hh-date');
  const dateLabel = el('label', '', { for: 'huurhulp-date' });
  const dateField = el('input', '', { id: 'huurhulp-date', type: 'date' });
  dateRow.append(dateLabel, dateField);
  dateRow.hidden = true;
  const textLabel = el('label', 'hh-sr', { for: 'huurhulp-text' });
  const textField = el('input', 'hh-text', {
    id: 'huurhulp-text',
    type: 'text',
    maxlength: '2000',
    autocomplete: 'off',
    enterkeyhint: 'send',
  });
  const sendButton = el('button', 'hh-send', { type: 'submit' });
  const row = el('div', 'hh-row');
  row.append(textField, sendButton);
  form.append(dateRow, textLabel, row);

  panel.append(head, tools, scroller, queueStatus, notice, form);
  root.append(launcher, panel);
  return {
    root, launcher, panel, title, subtitle, closeButton, closeLabel, restartButton, humanButton, languageButton,
    scroller, log, typing, typingLabel, notice, queueStatus, form, dateRow, dateLabel, dateField, textLabel, textField, sendButton,
  };
}

/** (Re)labels every fixed part of the widget in one language. */
export function applyStrings(view: View, strings: WidgetStrings, locale: WidgetLocale): void {
  const info = localeInfo(locale);
  view.root.lang = info.tag;
  // Right-to-left languages mirror the whole widget; the stylesheet uses logical properties only.
  view.root.dir = info.dir;
  view.launcher.textContent = strings.launcher;
  view.title.textContent = strings.title;
  view.subtitle.textContent = strings.subtitle;
  view.closeLabel.textContent = strings.close;
  view.restartButton.textContent = strings.restart;
  view.humanButton.textContent = strings.human;
  view.languageButton.setAttribute('aria-label', strings.switchLanguage);
  view.languageButton.value = locale;
  view.log.setAttribute('aria-label', strings.conversation);
  view.typingLabel.textContent = strings.typing;
  view.dateLabel.textContent = strings.dateLabel;
  view.textLabel.textContent = strings.inputLabel;
  view.textField.placeholder = strings.inputPlaceholder;
  view.sendButton.textContent = strings.send;
}
