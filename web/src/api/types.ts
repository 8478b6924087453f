// The API's shapes, named for the pages, exactly as the router infers them: a field the API adds
// (src/api/ticket-views.ts) reaches the pages with no second definition and no mapping.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../src/api/router.js';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

/** The signed-in person. */
export type Me = NonNullable<Outputs['auth']['me']>;
/** Server settings the portal shows: the limits on files, whether e-mail answers reach tickets, where the Temporal UI is (for Support Ops). */
export type PortalConfig = Outputs['portalConfig']['get'];

/** A ticket page's whole content: the ticket, its conversation, audit trail and follow-ups. */
export type TicketDetail = Outputs['tickets']['get'];
/** A ticket, in the page and in the lists alike. */
export type Ticket = TicketDetail['ticket'];
export type TicketComment = TicketDetail['conversation'][number];
export type AuditEvent = TicketDetail['audit'][number];
/** Support Ops' own change in the trail (priority, tags), given to Support Ops only. */
export type WorkEvent = TicketDetail['workEvents'][number];
/** A file that came with a message: id, name, type (told by its bytes) and size. */
export type Attachment = TicketComment['attachments'][number];
/** One of the ticket's files, with the message it came with (`commentSeq`) and whether that is an internal note. */
export type TicketFile = TicketDetail['files'][number];
/** How the reader stands to a ticket, which decides what they may do (workflows/ticket/permissions.ts). */
export type Standing = TicketDetail['standing'];
/** Someone on a ticket: requester, assignee, CC'd. */
export type Person = Ticket['requester'];

/** A Support Ops member a ticket can be assigned to. */
export type Agent = Outputs['users']['agents'][number];

/** One change to the queue's selection (tickets.bulk), its answer, and one ticket's part of it: done, or refused or failed with why. */
export type BulkInput = Inputs['tickets']['bulk'];
export type BulkChange = BulkInput['change'];
export type BulkAnswer = Outputs['tickets']['bulk'];
export type BulkResult = BulkAnswer['results'][number];
/** Why the ticket said no (data.refusal of an error, `refusal` of a bulk result). */
export type Refusal = NonNullable<Extract<BulkResult, { outcome: 'refused' | 'failed' }>['refusal']>;

export type TicketList = Outputs['tickets']['list'];
/** A page of search results (tickets.search), one result, and a piece of highlighted text (`match`: a word that matched). */
export type SearchPage = Outputs['tickets']['search'];
export type SearchResult = SearchPage['items'][number];
export type SearchFragment = SearchResult['hit']['subject'][number];
/** A tag in use, with how many tickets carry it (tickets.tagSuggestions). */
export type TagSuggestion = Outputs['tickets']['tagSuggestions'][number];
export type ListQuery = Inputs['tickets']['list'];
export type ListView = NonNullable<ListQuery['view']>;

/** An e-mail from the support mailbox kept aside for Support Ops to release or discard. */
export type SuspendedEmail = Outputs['inbound']['suspended'][number];

/** The Support Ops lead's numbers for a range of days (reports.dashboard), and what it is asked with. */
export type Dashboard = Outputs['reports']['dashboard'];
export type ReportFilters = Inputs['reports']['dashboard'];
export type ReportName = Inputs['reports']['csv']['report'];

/** An account, as admins manage it (users.list), and a page of them. */
export type Account = Outputs['users']['list']['items'][number];
export type UserRole = Account['role'];
/** An organization, with its number of members (organizations.list), and one of its members. */
export type Organization = Outputs['organizations']['list'][number];
export type OrganizationMember = Outputs['organizations']['members'][number];

/** A canned reply as Support Ops keep it (macros.list), what one is saved with, and one filled in for a ticket (macros.render). */
export type Macro = Outputs['macros']['list'][number];
export type MacroFields = Inputs['macros']['create'];
export type MacroActions = NonNullable<MacroFields['actions']>;
export type RenderedMacro = Outputs['macros']['render'];
/** Someone else of Support Ops on a ticket, viewing it or writing a reply (presence.*). */
export type Presence = TicketDetail['presence'][number];
export type PresenceActivity = Presence['activity'];
