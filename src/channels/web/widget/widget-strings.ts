/**
 * The widget's UI string keys. The texts live in locales/<lng>/widget.json; build-widget.ts checks
 * every file against this list and embeds them, so the browser bundle never fetches strings.
 */
export const widgetStringKeys = [
  'launcher',
  'title',
  'subtitle',
  'close',
  'restart',
  'human',
  'switchLanguage',
  'greeting',
  'start',
  'conversation',
  'answers',
  'you',
  'bot',
  'inputLabel',
  'inputPlaceholder',
  'send',
  'dateLabel',
  'typing',
  'offline',
  'failed',
  'slow',
  'expired',
  'unavailable',
] as const;

export type WidgetStringKey = (typeof widgetStringKeys)[number];
export type WidgetStrings = Readonly<Record<WidgetStringKey, string>>;

// The widget speaks every shipped language: the registry decides which (bundled into the browser script).
export { locales as widgetLocales, isLocale as isWidgetLocale } from '../../../shared/locale-registry.js';
export type { Locale as WidgetLocale } from '../../../shared/locale-registry.js';
import type { Locale as WidgetLocale } from '../../../shared/locale-registry.js';
export type WidgetStringTable = Readonly<Record<WidgetLocale, WidgetStrings>>;
