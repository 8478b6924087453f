// The whole API. Clients import `type AppRouter` only.
import { authRouter } from './routers/auth.js';
import { liveRouter } from './routers/live.js';
import { organizationsRouter } from './routers/organizations.js';
import { portalConfigRouter } from './routers/portal-config.js';
import { ticketsRouter } from './routers/tickets.js';
import { usersRouter } from './routers/users.js';
import { router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  tickets: ticketsRouter,
  users: usersRouter,
  organizations: organizationsRouter,
  live: liveRouter,
  // The web client's settings (where the Temporal UI is).
  portalConfig: portalConfigRouter,
});

export type AppRouter = typeof appRouter;
