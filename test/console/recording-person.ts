import type { PersonSide, TicketChange } from '../../src/console/person-side.js';
import type { Ticket } from '../../src/handoff/ticket.js';
import type { DeliveryResult } from '../../src/runtime/channel-port.js';

export type PersonCall =
  | { readonly kind: 'message'; readonly conversationId: string; readonly text: string; readonly volunteer: string }
  | { readonly kind: 'typing'; readonly conversationId: string }
  | { readonly kind: 'change'; readonly ticketId: string; readonly state: Ticket['state']; readonly change: TicketChange };

/** A fake of the console's port to the person: it records what the person would hear. */
export class RecordingPerson implements PersonSide {
  readonly calls: PersonCall[] = [];

  async sendVolunteerMessage(conversationId: string, text: string, volunteer: string): Promise<DeliveryResult> {
    this.calls.push({ kind: 'message', conversationId, text, volunteer });
    return { ok: true };
  }

  async volunteerTyping(conversationId: string): Promise<void> {
    this.calls.push({ kind: 'typing', conversationId });
  }

  async ticketChanged(ticket: Ticket, change: TicketChange): Promise<void> {
    this.calls.push({ kind: 'change', ticketId: ticket.id, state: ticket.state, change });
  }

  changes(ticketId?: string): TicketChange[] {
    return this.calls.flatMap((c) => (c.kind === 'change' && (ticketId === undefined || c.ticketId === ticketId) ? [c.change] : []));
  }
}
