import type { ActionDefinition } from './action-types.js';
import { copyAnswers } from './copy-answers.js';
import { daysUntil } from './days-until.js';
import { huurtoeslagCheck } from './huurtoeslag-check.js';
import { setAnswers } from './set-answers.js';
import { submitMelding } from './submit-melding.js';
import { weekdayCheck } from './weekday-check.js';

export type { Action, ActionDefinition, ActionResult } from './action-types.js';

export type ActionRegistry = ReadonlyMap<string, ActionDefinition>;

export const defaultActions: ActionRegistry = new Map<string, ActionDefinition>([
  ['copy', copyAnswers],
  ['days_until', daysUntil],
  ['huurtoeslag_check', huurtoeslagCheck],
  ['set', setAnswers],
  ['submit_melding', submitMelding],
  ['weekday', weekdayCheck],
]);
