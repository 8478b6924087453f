// The tRPC client the bench drives the API with: the web client's own kind (httpLink over fetch,
// keep-alive), signed in with a session cookie, one HTTP request per call (no batching, so each
// latency is one call's).
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../src/api/router.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';

export type ApiClient = TRPCClient<AppRouter>;

export function apiClient(apiUrl: string, sessionSecret: string): ApiClient {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${apiUrl}/trpc`, headers: { cookie: `${SESSION_COOKIE}=${sessionSecret}` } })],
  });
}
