/**
 * The console's UI string keys. The texts live in locales/<lng>/console.json; build-console-page.ts checks
 * every file against this list and embeds them, so the page never fetches strings. `fields` (labels of the
 * bot's summary answers) and `values` (labels of coded answers) are open maps: an unknown key shows as is.
 */
export const consoleStringKeys = [
  'title',
  'noscript',
  'loginHeading',
  'loginIntro',
  'username',
  'password',
  'login',
  'loginFailed',
  'loginLimited',
  'signedOut',
  'signedInAs',
  'roleVolunteer',
  'roleCoordinator',
  'logout',
  'sound',
  'live',
  'reconnecting',
  'queueHeading',
  'queueEmpty',
  'mineHeading',
  'mineEmpty',
  'othersHeading',
  'othersEmpty',
  'waitingFor',
  'claimedBy',
  'kindChat',
  'kindMelding',
  'urgencyCrisis',
  'urgencyUrgent',
  'urgencySoon',
  'urgencyNormal',
  'newTicket',
  'crisisAlert',
  'crisisBanner',
  'ticketEmpty',
  'claim',
  'claimTaken',
  'release',
  'outcomeLabel',
  'close',
  'outcomeHelped',
  'outcomeReferred',
  'outcomeCallbackPlanned',
  'outcomeNoContact',
  'outcomeOther',
  'closed',
  'consentHeading',
  'consentMissing',
  'summaryHeading',
  'summaryEmpty',
  'transcriptHeading',
  'transcriptEmpty',
  'fromPerson',
  'fromBot',
  'fromVolunteer',
  'fromSystem',
  'personTyping',
  'messageLabel',
  'send',
  'cannedLabel',
  'cannedChoose',
  'cannedEdit',
  'cannedEditHeading',
  'cannedTitle',
  'cannedText',
  'cannedAdd',
  'cannedRemove',
  'cannedSave',
  'cannedCancel',
  'cannedSaved',
  'notesHeading',
  'notesEmpty',
  'noteLabel',
  'noteAdd',
  'statsHeading',
  'statsWaiting',
  'statsClaimed',
  'statsHandled',
  'statsMedian',
  'statsSignedIn',
  'statsNone',
  'statsLoginFailures',
  'loginFailureLine',
  'teamsHeading',
  'teamsLink',
  'teamsCode',
  'teamsCodeHelp',
  'teamsAlertChannel',
  'teamsAlertStale',
  'teamsAlertNone',
  'teamsAlertHow',
  'ticketNotFound',
  'failed',
  'notDelivered',
  'writeFirst',
] as const;

export type ConsoleStringKey = (typeof consoleStringKeys)[number];

export interface ConsoleStrings {
  readonly ui: Readonly<Record<ConsoleStringKey, string>>;
  readonly fields: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, string>>;
}

// The console speaks every shipped language (the registry decides which).
export { locales as consoleLocales } from '../../shared/locale-registry.js';
import type { Locale as ConsoleLocale } from '../../shared/locale-registry.js';
export type { ConsoleLocale };
export type ConsoleStringTable = Readonly<Record<ConsoleLocale, ConsoleStrings>>;

/** `{name}`-style placeholders, filled as text (the result is only ever set with textContent). */
export function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
