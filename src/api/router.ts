// The whole API. Clients import `type AppRouter` only. Dates travel as ISO strings, errors as
// TRPCErrors with codes a client can act on (BAD_REQUEST carries data.fieldErrors per field; a
// refused transition carries data.refusal, its reason and the ticket's status).
//
//   auth           requestAccess, requestPasswordReset, setPassword, signIn, signOut,
//                  signOutEverywhere, me, setLanguage
//   tickets        create, get, list (views mine | ccd | organization | queue), search, reply, setPending,
//                  putOnHold, solve, reopen, assign, addCc, removeCc, setPriority, changeTags,
//                  tagSuggestions, followUp
//   macros         list, placeholders, create, update, remove, render, send: canned replies (Support Ops)
//   presence       heartbeat, leave, list: who else of Support Ops is on a ticket, viewing or replying
//   users          agents (Support Ops); list, create, update, revokeSessions (admins)
//   admin          log, accessPolicy, setAccessPolicy (admins)
//   policies       current, history (Support Ops); setSla, setLifecycle, setCalendar (admins): SLA
//                  targets, lifecycle durations and business-hours calendars, versioned
//   organizations  list, members (members and admins); create, rename, addMember, removeMember (admins)
//   inbound        suspended, release, discard: e-mails the desk would not add by itself (Support Ops)
//   reports        dashboard, csv: how the desk is doing over a range of days (Support Ops)
//   satisfaction   survey, rate: the satisfaction survey after Solved, from its one-time link (no sign-in)
//   live           changes: which visible tickets changed, for pages to reload
//   portalConfig   get: settings the web client shows
import { adminRouter } from './routers/admin.js';
import { authRouter } from './routers/auth.js';
import { inboundRouter } from './routers/inbound.js';
import { liveRouter } from './routers/live.js';
import { macrosRouter } from './routers/macros.js';
import { policiesRouter } from './routers/policies.js';
import { presenceRouter } from './routers/presence.js';
import { organizationsRouter } from './routers/organizations.js';
import { portalConfigRouter } from './routers/portal-config.js';
import { reportsRouter } from './routers/reports.js';
import { satisfactionRouter } from './routers/satisfaction.js';
import { ticketsRouter } from './routers/tickets.js';
import { usersRouter } from './routers/users.js';
import { router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  tickets: ticketsRouter,
  macros: macrosRouter,
  presence: presenceRouter,
  users: usersRouter,
  admin: adminRouter,
  policies: policiesRouter,
  organizations: organizationsRouter,
  inbound: inboundRouter,
  reports: reportsRouter,
  satisfaction: satisfactionRouter,
  live: liveRouter,
  // The web client's settings (where the Temporal UI is).
  portalConfig: portalConfigRouter,
});

export type AppRouter = typeof appRouter;
