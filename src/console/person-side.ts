import type { Ticket } from '../handoff/ticket.js';
import type { DeliveryResult } from '../runtime/channel-port.js';

/** What happened to a ticket, as the person should hear it. */
export type TicketChange = 'claimed' | 'released' | 'expired' | 'closed';

/**
 * The console's port to the person in the chat, implemented by the runtime. The console calls it after
 * each change it makes; the runtime decides the words (content files) and the channel.
 */
export interface PersonSide {
  /**
   * The volunteer's line reaches the transcript and the person on their own channel. The result says whether the
   * channel took it (e.g. `window_closed`: on WhatsApp the person must write first).
   */
  sendVolunteerMessage(conversationId: string, text: string, volunteer: string): Promise<DeliveryResult>;
  volunteerTyping(conversationId: string): Promise<void>;
  /** Tells the person what happened: claimed (a volunteer joined), closed (goodbye + menu), released/expired (a new volunteer is coming). */
  ticketChanged(ticket: Ticket, change: TicketChange): Promise<void>;
}
