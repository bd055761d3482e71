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

export const widgetLocales = ['nl', 'en'] as const;
export type WidgetLocale = (typeof widgetLocales)[number];
export type WidgetStringTable = Readonly<Record<WidgetLocale, WidgetStrings>>;

export function isWidgetLocale(value: unknown): value is WidgetLocale {
  return value === 'nl' || value === 'en';
}

export function otherLocale(locale: WidgetLocale): WidgetLocale {
  return locale === 'nl' ? 'en' : 'nl';
}
