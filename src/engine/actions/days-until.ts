import { daysBetween } from '../parse-date.js';
import type { ActionDefinition } from './action-types.js';

/** Days from today to the date in answer `args.date`, saved as `args.save`. Under 14 days is urgent (DESIGN.md §4). */
export const daysUntil: ActionDefinition = {
  outcomes: ['unknown', 'past', 'today', 'urgent', 'later'],
  run(args, answers, now) {
    const dateName = typeof args['date'] === 'string' ? args['date'] : '';
    const saveName = typeof args['save'] === 'string' ? args['save'] : 'days_left';
    const iso = answers[dateName];
    if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { set: {}, outcome: 'unknown' };
    const days = daysBetween(now, iso);
    const outcome = days < 0 ? 'past' : days === 0 ? 'today' : days < 14 ? 'urgent' : 'later';
    return { set: { [saveName]: days }, outcome };
  },
};
