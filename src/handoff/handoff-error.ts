import { HuurhulpError } from '../shared/errors.js';

export type HandoffErrorCode = 'TICKET_NOT_FOUND' | 'TICKET_CLAIMED' | 'TICKET_NOT_HELD' | 'TICKET_CLOSED';

/** A queue operation that cannot be done on the ticket as it is now (HTTP 404 or 409). */
export class HandoffError extends HuurhulpError {
  declare readonly code: HandoffErrorCode;
  readonly ticketId: string;

  constructor(code: HandoffErrorCode, ticketId: string) {
    super(code);
    this.name = 'HandoffError';
    this.ticketId = ticketId;
  }
}
