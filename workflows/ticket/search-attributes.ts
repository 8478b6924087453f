// Search attributes that let ops find tickets in the Temporal UI and CLI.
// Every place that starts a Temporal server registers exactly these (see src/temporal/).
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { TicketState } from './model.js';

export const TicketNumber = defineSearchAttributeKey('TicketNumber', SearchAttributeType.INT);
export const TicketStatus = defineSearchAttributeKey('TicketStatus', SearchAttributeType.KEYWORD);
export const TicketType = defineSearchAttributeKey('TicketType', SearchAttributeType.KEYWORD);
export const Requester = defineSearchAttributeKey('Requester', SearchAttributeType.KEYWORD);
export const Organization = defineSearchAttributeKey('Organization', SearchAttributeType.KEYWORD);
export const Assignee = defineSearchAttributeKey('Assignee', SearchAttributeType.KEYWORD);
export const SlaBreached = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
/** Set while the ticket's projection cannot be written and the ticket waits for ops (README, Operating). */
export const ProjectionStuck = defineSearchAttributeKey('ProjectionStuck', SearchAttributeType.BOOL);

export const TICKET_SEARCH_ATTRIBUTES = [TicketNumber, TicketStatus, TicketType, Requester, Organization, Assignee, SlaBreached, ProjectionStuck];

/** A ticket's search attributes as its state gives them; null where the ticket has no value. */
export function ticketSearchAttributes(state: TicketState): SearchAttributeUpdatePair[] {
  return [
    { key: TicketNumber, value: state.number },
    { key: TicketStatus, value: state.status },
    { key: TicketType, value: state.type },
    { key: Requester, value: state.requester.email },
    { key: Organization, value: state.organizationId },
    { key: Assignee, value: state.assignee?.email ?? null },
    { key: SlaBreached, value: state.slaBreachedAt !== null },
  ];
}

/** The same, without the absent ones: what a workflow start request sets. */
export function startSearchAttributes(state: TicketState): SearchAttributePair[] {
  return ticketSearchAttributes(state).filter((pair): pair is SearchAttributePair => pair.value !== null);
}
