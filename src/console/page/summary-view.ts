import type { ConsoleStrings } from './console-strings.js';
import type { SummaryValue, TicketItem } from './console-data.js';
import { clear, el, text } from './dom.js';
import { fieldLabel, formatValue } from './format.js';

/** The melding's "does the tenant know / agree" answers, shown first: no contact before they are read. */
const consentKeys = ['tenant_knows', 'tenant_consents', 'tenantKnows', 'tenantConsents'] as const;
const isConsentKey = (key: string): boolean => consentKeys.some((k) => k === key);

export interface SummaryView {
  readonly consent: HTMLElement;
  readonly summary: HTMLElement;
  render(ticket: TicketItem): void;
}

function row(list: HTMLDListElement, strings: ConsoleStrings, key: string, value: SummaryValue): void {
  const item = el('div', 'c-pair', { 'data-field': key });
  item.append(text(el('dt'), fieldLabel(strings, key)), text(el('dd'), formatValue(strings, value)));
  list.append(item);
}

export function createSummaryView(strings: ConsoleStrings): SummaryView {
  const ui = strings.ui;
  const consent = el('section', 'c-consent', { 'aria-labelledby': 'c-consent-h' });
  const consentList = el('dl', 'c-dl');
  const consentMissing = text(el('p', 'c-missing'), ui.consentMissing);
  consent.append(text(el('h3', 'c-h3', { id: 'c-consent-h' }), ui.consentHeading), consentList, consentMissing);

  const summary = el('section', 'c-summary', { 'aria-labelledby': 'c-summary-h' });
  const list = el('dl', 'c-dl');
  const empty = text(el('p', 'c-empty'), ui.summaryEmpty);
  summary.append(text(el('h3', 'c-h3', { id: 'c-summary-h' }), ui.summaryHeading), list, empty);

  return {
    consent,
    summary,
    render(ticket) {
      clear(consentList);
      clear(list);
      const entries = Object.entries(ticket.summary);
      const consentEntries = entries.filter(([key]) => isConsentKey(key));
      for (const [key, value] of consentEntries) row(consentList, strings, key, value);
      consent.hidden = ticket.kind !== 'melding' && consentEntries.length === 0;
      consentMissing.hidden = consentEntries.length > 0;
      // Any "no" or "not asked" means: careful, no direct contact with the tenant yet.
      consent.classList.toggle('c-warn', consentEntries.length === 0 || consentEntries.some(([, v]) => v !== 'yes' && v !== true));
      const rest = entries.filter(([key]) => !isConsentKey(key));
      for (const [key, value] of rest) row(list, strings, key, value);
      empty.hidden = rest.length > 0;
    },
  };
}
