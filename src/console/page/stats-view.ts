import type { ConsoleStrings } from './console-strings.js';
import type { Stats } from './console-data.js';
import { button, clear, el, text } from './dom.js';
import { formatDuration } from './format.js';

export interface StatsView {
  readonly root: HTMLElement;
  readonly editButton: HTMLButtonElement;
  render(stats: Stats): void;
}

/** The coordinator's bar: who is signed in, waiting and handled counts, the median wait today. */
export function createStatsView(strings: ConsoleStrings): StatsView {
  const ui = strings.ui;
  const root = el('section', 'c-stats', { 'aria-labelledby': 'c-stats-h' });
  const list = el('dl', 'c-stat-list');
  const editButton = button(ui.cannedEdit, 'c-btn c-small', { 'data-action': 'edit-canned' });
  root.append(text(el('h2', 'c-h2 c-inline', { id: 'c-stats-h' }), ui.statsHeading), list, editButton);

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
    },
  };
}
