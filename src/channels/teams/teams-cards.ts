import type { IAdaptiveCard, CardElement, ISubmitAction } from '@microsoft/teams.cards';
import type { RenderedMessage } from '../../content/create-renderer.js';
import type { Locale } from '../../engine/session-state.js';
import type { Ticket } from '../../handoff/ticket.js';
import { sourceLocale } from '../../shared/locale-registry.js';

/** A label from locales/<lng>/teams.json (i18next `t` with the `teams:` namespace). */
export type TeamsText = (key: string, locale: Locale, vars?: Readonly<Record<string, string | number>>) => string;

/** `data.hh` of a question card's buttons; `data.card` says which card was pressed (old presses are recognised). */
export const ANSWER_ACTION = 'answer';
/** The alert card's "Oppakken": the Action.Execute verb, and `data.hh` of its Action.Submit fallback. */
export const CLAIM_VERB = 'claim';

/** Card schema 1.4: Universal Actions (Action.Execute) need it; older clients use each action's fallback. */
const CARD_VERSION = '1.4';

/** What the alert card may show: ids, states and codes of the ticket, never the summary or anything the person wrote. */
export interface AlertFacts {
  readonly ticketId: string;
  readonly urgency: Ticket['urgency'];
  readonly kind: Ticket['kind'];
  readonly reason: string;
  readonly waitingSince: string;
}

/** How the alert card looks now: open for claims, or who has it / what happened. */
export type AlertView =
  | { readonly state: 'open' }
  | { readonly state: 'claimed'; readonly by: string }
  | { readonly state: 'closed'; readonly by: string }
  | { readonly state: 'cancelled' }
  | { readonly state: 'gone' };

export function alertFacts(ticket: Ticket): AlertFacts {
  return { ticketId: ticket.id, urgency: ticket.urgency, kind: ticket.kind, reason: ticket.reason, waitingSince: ticket.waitingSince };
}

/** A bot message with choices: its text and one Action.Submit per choice, carrying the payload and the card's id. */
export function questionCard(message: RenderedMessage, cardId: string): IAdaptiveCard {
  const actions: ISubmitAction[] = (message.quick_replies ?? []).map((choice) => ({
    type: 'Action.Submit',
    title: choice.title,
    data: { hh: ANSWER_ACTION, payload: choice.payload, card: cardId },
  }));
  return { type: 'AdaptiveCard', version: CARD_VERSION, body: [{ type: 'TextBlock', text: message.text, wrap: true }], actions };
}

/**
 * The volunteers' alert: urgency, kind, reason in a few words, waiting since, a link to the ticket in the console,
 * and (while open) "Oppakken" as Action.Execute with an Action.Submit fallback for clients without Universal Actions.
 */
export function alertCard(facts: AlertFacts, view: AlertView, t: TeamsText, consoleUrl: string, locale: Locale = sourceLocale): IAdaptiveCard {
  // i18next answers a missing key with the key itself, which ends with the code.
  const reason = t(`teams:reason.${facts.reason}`, locale);
  const body: CardElement[] = [
    { type: 'TextBlock', text: t(facts.urgency === 'crisis' ? 'teams:alert.title_crisis' : 'teams:alert.title_urgent', locale), weight: 'Bolder', size: 'Medium', wrap: true, color: 'Attention' },
    {
      type: 'FactSet',
      facts: [
        { title: t('teams:alert.urgency', locale), value: t(`teams:urgency.${facts.urgency}`, locale) },
        { title: t('teams:alert.kind', locale), value: t(`teams:kind.${facts.kind}`, locale) },
        // An unknown reason code shows the generic words, never the code's neighbour data.
        { title: t('teams:alert.reason', locale), value: reason.endsWith(facts.reason) ? t('teams:reason.other', locale) : reason },
        // Teams shows {{DATE}}/{{TIME}} in the reader's own time zone.
        { title: t('teams:alert.waiting', locale), value: `{{DATE(${facts.waitingSince}, SHORT)}} {{TIME(${facts.waitingSince})}}` },
      ],
    },
  ];
  const status = statusLine(view, t, locale);
  if (status !== null) body.push({ type: 'TextBlock', text: status, weight: 'Bolder', wrap: true });
  const openConsole = { type: 'Action.OpenUrl' as const, title: t('teams:alert.open_console', locale), url: consoleUrl };
  const claimData = { hh: CLAIM_VERB, ticketId: facts.ticketId };
  const actions: IAdaptiveCard['actions'] =
    view.state === 'open'
      ? [
          {
            type: 'Action.Execute',
            title: t('teams:alert.claim', locale),
            verb: CLAIM_VERB,
            data: claimData,
            style: 'positive',
            fallback: { type: 'Action.Submit', title: t('teams:alert.claim', locale), data: claimData },
          },
          openConsole,
        ]
      : view.state === 'claimed'
        ? [openConsole]
        : [];
  return { type: 'AdaptiveCard', version: CARD_VERSION, body, actions };
}

function statusLine(view: AlertView, t: TeamsText, locale: Locale): string | null {
  switch (view.state) {
    case 'open':
      return null;
    case 'claimed':
      return t('teams:alert.claimed_by', locale, { name: view.by });
    case 'closed':
      return t('teams:alert.closed', locale, { name: view.by });
    case 'cancelled':
      return t('teams:alert.cancelled', locale);
    case 'gone':
      return t('teams:alert.gone', locale);
  }
}

/** The alert card's view for a ticket as it is now (a waiting ticket is open again after a release or expiry). */
export function viewOf(ticket: Ticket | null): AlertView {
  if (ticket === null) return { state: 'gone' };
  if (ticket.state === 'waiting') return { state: 'open' };
  if (ticket.state === 'claimed') return { state: 'claimed', by: ticket.claimedBy ?? '?' };
  return ticket.closeReason === 'cancelled' ? { state: 'cancelled' } : { state: 'closed', by: ticket.closedBy ?? '?' };
}
