import type { ActionDefinition } from './action-types.js';

/**
 * Copies answers: `args` maps a target answer name to the answer name to copy from (`{ m_phase: phase }`). Only known
 * values are copied, so a fact is never wiped by a missing one. Outcome `copied` when at least one was, else `none`.
 * Lets the guide and the relative's report use each other's facts instead of asking twice (issue #10).
 */
export const copyAnswers: ActionDefinition = {
  outcomes: ['copied', 'none'],
  run(args, answers) {
    const set: Record<string, string | number | boolean> = {};
    for (const [target, from] of Object.entries(args)) {
      const value = typeof from === 'string' ? answers[from] : undefined;
      if (value !== undefined && value !== null) set[target] = value;
    }
    return { set, outcome: Object.keys(set).length > 0 ? 'copied' : 'none' };
  },
};
