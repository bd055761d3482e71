import type { ActionDefinition } from './action-types.js';

/** Stores the node's args as answers, e.g. `{ phase: 3 }`. */
export const setAnswers: ActionDefinition = {
  outcomes: ['ok'],
  run(args) {
    return { set: { ...args }, outcome: 'ok' };
  },
};
