import { localeInfo, toLocale } from '../../shared/locale-registry.js';
import type { ConsoleStrings } from './console-strings.js';
import type { SummaryValue, Urgency } from './console-data.js';
import type { ConsoleStringKey } from './console-strings.js';

/** "4:07" or "1:02:05": a calm clock, no units to translate. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export function secondsSince(iso: string, now: number): number {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? 0 : (now - then) / 1000;
}

/** The clock time of a line (HH:MM in the page's language), or the raw text when it is not a date. */
export function formatClock(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleTimeString(localeInfo(toLocale(locale)).tag, { hour: '2-digit', minute: '2-digit', numberingSystem: 'latn' });
}

/** Day and time ("7 dec, 10:00"), for things set days ago. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(localeInfo(toLocale(locale)).tag, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', numberingSystem: 'latn' });
}

export function fieldLabel(strings: ConsoleStrings, key: string): string {
  return strings.fields[key] ?? key.replace(/_/g, ' ');
}

/** A summary value as text: coded answers get their label, lists are joined, nothing is ever HTML. */
export function formatValue(strings: ConsoleStrings, value: SummaryValue): string {
  if (value === null) return '–';
  if (Array.isArray(value)) return value.map((v) => strings.values[v] ?? v).join(', ');
  const key = String(value);
  return strings.values[key] ?? key;
}

export const urgencyKey: Readonly<Record<Urgency, ConsoleStringKey>> = {
  crisis: 'urgencyCrisis',
  urgent: 'urgencyUrgent',
  soon: 'urgencySoon',
  normal: 'urgencyNormal',
};
