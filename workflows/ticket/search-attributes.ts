// Search attributes that let ops find tickets in the Temporal UI and CLI.
// Every place that starts a Temporal server registers exactly these (see src/temporal/). SQL
// visibility holds at most 3 Int, 3 Bool, 10 Keyword and 3 KeywordList custom attributes per
// namespace; these spend 1 Int, 2 Bool, 6 Keyword and 1 KeywordList.
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { TicketState } from './model.js';

export const TicketNumber = defineSearchAttributeKey('TicketNumber', SearchAttributeType.INT);
export const TicketStatus = defineSearchAttributeKey('TicketStatus', SearchAttributeType.KEYWORD);
export const TicketType = defineSearchAttributeKey('TicketType', SearchAttributeType.KEYWORD);
export const Requester = defineSearchAttributeKey('Requester', SearchAttributeType.KEYWORD);
export const Organization = defineSearchAttributeKey('Organization', SearchAttributeType.KEYWORD);
export const Assignee = defineSearchAttributeKey('Assignee', SearchAttributeType.KEYWORD);
export const SlaBreached = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
export const TicketPriority = defineSearchAttributeKey('TicketPriority', SearchAttributeType.KEYWORD);
export const TicketTags = defineSearchAttributeKey('TicketTags', SearchAttributeType.KEYWORD_LIST);
/** Set while the ticket's projection cannot be written and the ticket waits for ops (README, Operating). */
export const ProjectionStuck = defineSearchAttributeKey('ProjectionStuck', SearchAttributeType.BOOL);

export const TICKET_SEARCH_ATTRIBUTES = [TicketNumber, TicketStatus, TicketType, Requester, Organization, Assignee, SlaBreached, ProjectionStuck, TicketPriority, TicketTags];

/** The first revision (input.ts) whose runs publish TicketPriority and TicketTags. */
export const PRIORITY_REVISION = 4;

/**
 * A ticket's search attributes as its state gives them; null where the ticket has no value. A run
 * of an earlier revision publishes what it did when it was recorded, so that it replays.
 */
export function ticketSearchAttributes(state: TicketState, revision: number = PRIORITY_REVISION): SearchAttributeUpdatePair[] {
  const priorityAndTags: SearchAttributeUpdatePair[] =
    revision >= PRIORITY_REVISION
      ? [
          { key: TicketPriority, value: state.priority },
          { key: TicketTags, value: state.tags.length ? state.tags : null },
        ]
      : [];
  return [
    { key: TicketNumber, value: state.number },
    { key: TicketStatus, value: state.status },
    { key: TicketType, value: state.type },
    { key: Requester, value: state.requester.email },
    { key: Organization, value: state.organizationId },
    { key: Assignee, value: state.assignee?.email ?? null },
    { key: SlaBreached, value: state.slaBreachedAt !== null },
    ...priorityAndTags,
  ];
}

/** The same, without the absent ones: what a workflow start request sets. */
export function startSearchAttributes(state: TicketState): SearchAttributePair[] {
  return ticketSearchAttributes(state).filter((pair): pair is SearchAttributePair => pair.value !== null);
}
