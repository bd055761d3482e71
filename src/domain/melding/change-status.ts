import { RequestError } from '../../shared/errors.js';
import { meldingSchema, type Melding, type MeldingOutcome, type MeldingStatus } from './melding.js';

/**
 * Allowed moves: received -> in_progress -> closed; received -> closed (e.g. nothing to do);
 * in_progress -> received (a volunteer hands it back). A closed melding stays closed.
 */
const allowed: Readonly<Record<MeldingStatus, readonly MeldingStatus[]>> = {
  received: ['in_progress', 'closed'],
  in_progress: ['received', 'closed'],
  closed: [],
};

export function canChangeStatus(from: MeldingStatus, to: MeldingStatus): boolean {
  return allowed[from].includes(to);
}

/**
 * The melding with its new status, `updatedAt` = now, and the outcome (required for, and only for,
 * `closed`). Throws RequestError('BAD_REQUEST') for a move that is not allowed.
 */
export function changeMeldingStatus(melding: Melding, to: MeldingStatus, outcome: MeldingOutcome | null, now: Date): Melding {
  if (!canChangeStatus(melding.status, to)) {
    throw new RequestError('BAD_REQUEST', `A melding cannot go from ${melding.status} to ${to}.`);
  }
  if ((to === 'closed') !== (outcome !== null)) {
    throw new RequestError('BAD_REQUEST', to === 'closed' ? 'Closing a melding needs an outcome.' : 'Only closing a melding takes an outcome.');
  }
  return meldingSchema.parse({ ...melding, status: to, outcome, updatedAt: now.toISOString() });
}
