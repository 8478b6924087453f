// Search attributes that let ops find tickets in the Temporal UI and CLI.
// Every place that starts a Temporal server registers exactly these (see src/temporal/).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TicketNumber = defineSearchAttributeKey('TicketNumber', SearchAttributeType.INT);
export const TicketStatus = defineSearchAttributeKey('TicketStatus', SearchAttributeType.KEYWORD);
export const TicketType = defineSearchAttributeKey('TicketType', SearchAttributeType.KEYWORD);
export const Requester = defineSearchAttributeKey('Requester', SearchAttributeType.KEYWORD);
export const Organization = defineSearchAttributeKey('Organization', SearchAttributeType.KEYWORD);
export const Assignee = defineSearchAttributeKey('Assignee', SearchAttributeType.KEYWORD);
export const SlaBreached = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);

export const TICKET_SEARCH_ATTRIBUTES = [TicketNumber, TicketStatus, TicketType, Requester, Organization, Assignee, SlaBreached];
