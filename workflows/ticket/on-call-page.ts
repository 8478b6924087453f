// Whether and how a ticket pages the on-call at its SLA breaches: only a Critical / SEV ticket, by
// the channels it pinned when it started (NewTicket.onCallPage). Pure: state.ts records the page
// with the breach, deadlines.ts names it in the breach timer's summary.
import type { PageChannel, TicketState } from './model.js';

export function pageChannels(state: Pick<TicketState, 'type' | 'onCallPage'>): PageChannel[] {
  return state.type === 'critical' ? (state.onCallPage ?? []) : [];
}
