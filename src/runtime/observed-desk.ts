// The ticket desk the API is given: the same desk, but every call tags the current request's log
// lines with the ticket's number, so a ticket's requests can be found in the logs by number.
import type { MessageName } from '../../workflows/ticket/commands.js';
import type { MessageInputs } from '../../workflows/ticket/messages.js';
import type { TicketState } from '../../workflows/ticket/model.js';
import { annotateTicket } from '../observability/logger.js';
import { TicketDesk, type CreateTicketInput } from '../tickets/desk.js';

export class ObservedTicketDesk extends TicketDesk {
  override async create(input: CreateTicketInput): Promise<{ number: number; state: TicketState | null }> {
    const created = await super.create(input);
    annotateTicket(created.number);
    return created;
  }

  override send<N extends MessageName>(number: number, name: N, input: MessageInputs[N], updateId?: string): Promise<TicketState> {
    annotateTicket(number);
    return super.send(number, name, input, updateId);
  }

  override state(number: number): Promise<TicketState> {
    annotateTicket(number);
    return super.state(number);
  }
}
