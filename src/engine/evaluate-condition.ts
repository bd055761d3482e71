import type { Condition } from './dialog-schema.js';
import type { Answers } from './session-state.js';

/** Evaluates a branch condition against the stored answers. A missing answer fails every comparison except `exists: false`. */
export function evaluateCondition(cond: Condition, answers: Answers): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, answers));
  if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, answers));
  if ('not' in cond) return !evaluateCondition(cond.not, answers);
  const has = Object.hasOwn(answers, cond.answer) && answers[cond.answer] !== null;
  const value = answers[cond.answer];
  if (cond.exists !== undefined && cond.exists !== has) return false;
  if (cond.exists === undefined && !has) return false;
  if (cond.eq !== undefined && value !== cond.eq) return false;
  if (cond.ne !== undefined && value === cond.ne) return false;
  if (cond.in !== undefined && !cond.in.includes(value ?? null)) return false;
  const numeric = typeof value === 'number' ? value : NaN;
  if (cond.lt !== undefined && !(numeric < cond.lt)) return false;
  if (cond.lte !== undefined && !(numeric <= cond.lte)) return false;
  if (cond.gt !== undefined && !(numeric > cond.gt)) return false;
  if (cond.gte !== undefined && !(numeric >= cond.gte)) return false;
  return true;
}
