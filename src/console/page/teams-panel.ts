import { ConsoleApiError, type ConsoleApi } from './console-api.js';
import type { ConsoleStrings } from './console-strings.js';
import { fill } from './console-strings.js';
import { parseLinkCode, parseTeamsStatus } from './console-data.js';
import { button, clear, el, text } from './dom.js';
import { formatDateTime } from './format.js';

export interface TeamsPanel {
  readonly root: HTMLElement;
  /** Reads the alert channel again (coordinators; it changes when someone types "meldingen hier" in Teams). */
  refresh(): Promise<void>;
}

export interface TeamsPanelOptions {
  readonly api: ConsoleApi;
  readonly strings: ConsoleStrings;
  readonly locale: string;
  readonly coordinator: boolean;
  call<T>(run: () => Promise<T>): Promise<T>;
}

/**
 * The console's Teams corner, shown only when the Teams channel is on (issue #9): every volunteer can ask for a
 * one-time code to link their Teams account; a coordinator also sees where urgent tickets are posted, and is told
 * when the app was removed from that channel.
 */
export function createTeamsPanel(options: TeamsPanelOptions): TeamsPanel {
  const { api, strings, locale, coordinator } = options;
  const ui = strings.ui;
  const root = el('section', 'c-teams', { 'aria-labelledby': 'c-teams-h' });
  const channel = el('div', 'c-teams-channel', { 'data-teams': 'channel' });
  const linkButton = button(ui.teamsLink, 'c-btn c-small', { 'data-action': 'teams-link' });
  const codeBox = el('div', 'c-teams-code', { 'data-teams': 'code', role: 'status' });
  root.append(text(el('h2', 'c-h2 c-inline', { id: 'c-teams-h' }), ui.teamsHeading), channel, linkButton, codeBox);
  channel.hidden = !coordinator;

  linkButton.addEventListener('click', () => {
    linkButton.disabled = true;
    void options
      .call(() => api.post('/teams/link-code'))
      .then((data) => {
        const link = parseLinkCode(data);
        clear(codeBox);
        if (link === null) throw new ConsoleApiError(500, 'BAD_RESPONSE');
        // The code stands on its own line, in a monospace box, so it reads and copies without mistakes.
        codeBox.append(
          text(el('p', 'c-code-line'), fill(ui.teamsCode, { code: link.code })),
          text(el('p'), fill(ui.teamsCodeHelp, { minutes: String(Math.round(link.expiresInSeconds / 60)) })),
        );
      })
      .catch(() => {
        clear(codeBox);
        codeBox.append(text(el('p', 'c-error'), ui.failed));
      })
      .finally(() => {
        linkButton.disabled = false;
      });
  });

  async function refresh(): Promise<void> {
    if (!coordinator) return;
    const status = await options.call(() => api.get('/teams')).then(parseTeamsStatus, () => null);
    // On a failure, keep what is shown; the next refresh tries again.
    if (status === null) return;
    clear(channel);
    const current = status.alertChannel;
    if (current === null) {
      channel.append(text(el('p'), ui.teamsAlertNone), text(el('p'), ui.teamsAlertHow));
    } else if (current.stale) {
      channel.append(text(el('p', 'c-error', { 'data-stale': 'true' }), fill(ui.teamsAlertStale, { label: current.label })), text(el('p'), ui.teamsAlertHow));
    } else {
      channel.append(text(el('p'), fill(ui.teamsAlertChannel, { label: current.label, name: current.setBy, time: formatDateTime(current.setAt, locale) })));
    }
  }

  return { root, refresh };
}
