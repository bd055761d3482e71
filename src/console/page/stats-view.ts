import type { ConsoleStrings } from './console-strings.js';
import { fill } from './console-strings.js';
import type { Stats } from './console-data.js';
import { button, clear, el, text } from './dom.js';
import { formatClock, formatDuration } from './format.js';

export interface StatsView {
  readonly root: HTMLElement;
  readonly editButton: HTMLButtonElement;
  render(stats: Stats): void;
}

/**
 * The coordinator's bar: who is signed in, waiting and handled counts, the median wait today, and the accounts
 * with failed sign-ins (someone guessing a volunteer's password shows here before it matters).
 */
export function createStatsView(strings: ConsoleStrings, locale: string): StatsView {
  const ui = strings.ui;
  const root = el('section', 'c-stats', { 'aria-labelledby': 'c-stats-h' });
  const list = el('dl', 'c-stat-list');
  const failures = el('ul', 'c-failures', { 'aria-labelledby': 'c-failures-h' });
  const editButton = button(ui.cannedEdit, 'c-btn c-small', { 'data-action': 'edit-canned' });
  const failuresBox = el('div', 'c-failures-box', { 'data-stat': 'login-failures' });
  failuresBox.append(text(el('h3', 'c-h3', { id: 'c-failures-h' }), ui.statsLoginFailures), failures);
  failuresBox.hidden = true;
  root.append(text(el('h2', 'c-h2 c-inline', { id: 'c-stats-h' }), ui.statsHeading), list, editButton, failuresBox);

  function stat(key: string, label: string, value: string): void {
    const pair = el('div', 'c-stat', { 'data-stat': key });
    pair.append(text(el('dt'), label), text(el('dd'), value));
    list.append(pair);
  }

  return {
    root,
    editButton,
    render(stats) {
      clear(list);
      stat('waiting', ui.statsWaiting, String(stats.waiting));
      stat('claimed', ui.statsClaimed, String(stats.claimed));
      stat('handled', ui.statsHandled, String(stats.handledToday));
      stat('median', ui.statsMedian, stats.medianWaitTodaySeconds === null ? '–' : formatDuration(stats.medianWaitTodaySeconds));
      stat('signed-in', ui.statsSignedIn, stats.signedIn.length > 0 ? stats.signedIn.join(', ') : ui.statsNone);
      clear(failures);
      for (const f of stats.loginFailures) {
        failures.append(text(el('li'), fill(ui.loginFailureLine, { name: f.username, count: String(f.failures), time: formatClock(f.lastFailureAt, locale) })));
      }
      failuresBox.hidden = stats.loginFailures.length === 0;
    },
  };
}
