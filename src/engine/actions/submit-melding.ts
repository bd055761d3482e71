import type { StoreMeldingEffect } from '../effects.js';
import type { Answers } from '../session-state.js';
import type { ActionDefinition, ActionResult } from './action-types.js';

/** Answer names of the melding dialog (prefix `m_`), plus the global crisis flag; the host maps them to a report. */
const meldingAnswer = /^(m_|risk_crisis$)/;

/**
 * Sends the relative's report: draws a reference code (injected source), tells the dialog the code (`melding_code`)
 * and asks the host to store the report and queue it for a volunteer (`store_melding`).
 */
export const submitMelding: ActionDefinition = {
  outcomes: ['ok', 'unavailable'],
  run(_args, answers, _now, tools): ActionResult {
    if (tools?.newCode === undefined) return { set: {}, outcome: 'unavailable' };
    const code = tools.newCode();
    const report: Answers = Object.fromEntries(Object.entries(answers).filter(([k]) => meldingAnswer.test(k)));
    const effect: StoreMeldingEffect = { type: 'store_melding', code, answers: report };
    return { set: { melding_code: code }, outcome: 'ok', effects: [effect] };
  },
};
