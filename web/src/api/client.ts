// The one tRPC client, typed by the API's router: pages call `api.tickets.get.query(…)` and get
// the router's own output types (api/types.ts names them). Queries and mutations go over batched
// HTTP; the live feed is a subscription over server-sent events. The session cookie travels by
// itself: the portal is served on the API's origin.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
// Types only: nothing of the server's code reaches the browser bundle.
import type { AppRouter } from '../../../src/api/router';

export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpBatchLink({ url: '/trpc' }),
    }),
  ],
});
