import type { Priority } from './dialog-schema.js';
import type { Answers } from './session-state.js';

/**
 * Urgency for a handoff from what the conversation already knows (DESIGN.md §4: crisis > date near > court > other).
 * The same ranking as the guide's own handoff branch (dialogs/start.yaml handoff_route).
 */
export function handoffPriority(a: Readonly<Answers>): Priority {
  if (a['risk_crisis'] === true) return 'crisis';
  const days = a['days_left'];
  if (typeof days === 'number' && days >= 0 && days < 14) return 'urgent';
  if (a['phase'] === 5 || a['sleep_tonight'] === 'no' || a['sleep_tonight'] === 'dont_know') return 'urgent';
  if (a['handoff_priority'] === 'urgent' || a['handoff_priority'] === 'crisis') return a['handoff_priority'];
  if (a['phase'] === 3 || a['phase'] === 4 || a['phase'] === 6) return 'soon';
  if (a['handoff_priority'] === 'soon') return 'soon';
  return 'normal';
}

/** The answers a volunteer gets: the named ones when a list is given, else all. */
export function summaryOf(answers: Readonly<Answers>, names: readonly string[] | undefined): Answers {
  const keys = names ?? Object.keys(answers);
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(answers, k)).map((k) => [k, answers[k] ?? null]));
}
