// The HTTP application: tRPC at /trpc behind the same-origin guard and a body size limit, and the
// development mailbox when no SMTP server is configured. Entry points and tests share it.
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { pino, type Logger } from 'pino';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../accounts/rate-limit.js';
import type { ApiDeps } from './deps.js';
import { createContextFactory } from './context.js';
import { DEV_MAILBOX_PATH, devMailbox } from './dev-mailbox.js';
import { hasDevMailbox } from '../mail/delivery.js';
import { appRouter } from './router.js';
import { fromOwnSite, sameOriginOnly } from './same-origin.js';
import { attachmentRoutes } from '../attachments/http.js';
import { securityHeaders } from './security-headers.js';
import { agentAuthCheck } from './agent-auth.js';
import { codecEndpoint } from './codec-endpoint.js';
import { AGENT_AUTH_PATH, ATTACHMENTS_PATH, CODEC_PATH, TEMPORAL_UI_PATH } from './paths.js';
import { temporalUi } from './temporal-ui.js';
import { EncryptionCodec } from '../temporal/codec.js';
import { RateLimitedError } from '../accounts/errors.js';
import { webClientRouter } from '../web/static.js';

/** Larger than the longest reply (32,000 characters, up to 4 bytes each), small enough to refuse abuse. */
export const MAX_BODY_BYTES = 200_000;

export type AppOptions = Omit<ApiDeps, 'logger' | 'limits'> & {
  logger?: Logger;
  limits?: Partial<RateLimits>;
  /** Serve the web client's build from this folder (default web/dist); false to serve the API only. */
  webClient?: string | false;
};

export function createApp(options: AppOptions): express.Express {
  const { webClient: _webClient, ...rest } = options;
  const deps: ApiDeps = {
    ...rest,
    logger: options.logger ?? pino({ level: options.config.LOG_LEVEL }),
    limits: { ...DEFAULT_RATE_LIMITS, ...options.limits },
  };
  const app = express();
  app.disable('x-powered-by');
  // Before the portal's headers: the Temporal UI is its own application, with its own policy.
  if (deps.config.TEMPORAL_UI_UPSTREAM) app.use(TEMPORAL_UI_PATH, ...temporalUi(deps.db, deps.config.TEMPORAL_UI_UPSTREAM));
  // Also X-Content-Type-Options: nosniff: people's text travels in JSON answers, and a browser must
  // never guess one of them to be a page.
  app.use(securityHeaders(deps.config.publicUrl));
  // Behind a proxy, the client's address (for rate limits) is in X-Forwarded-For. Left unset
  // otherwise, so that an app this one is mounted in decides for both.
  if (deps.config.TRUST_PROXY) app.set('trust proxy', true);

  app.use(
    '/trpc',
    sameOriginOnly(deps.config.publicUrl),
    createExpressMiddleware({
      router: appRouter,
      createContext: createContextFactory(deps),
      maxBodySize: MAX_BODY_BYTES,
      // A client told to slow down is told for how long.
      responseMeta({ errors }) {
        const limited = errors.map((error) => error.cause).find((cause): cause is RateLimitedError => cause instanceof RateLimitedError);
        return limited ? { headers: { 'retry-after': String(Math.ceil(limited.retryAfterSeconds)) } } : {};
      },
      onError({ error, path }) {
        // Client mistakes are answers, not incidents: only server-side failures are logged.
        if (getHTTPStatusCodeFromError(error) >= 500) deps.logger.error({ err: error.cause ?? error, path, code: error.code }, error.message);
      },
    }),
  );

  app.get(AGENT_AUTH_PATH, agentAuthCheck(deps.db));
  app.use(ATTACHMENTS_PATH, fromOwnSite(deps.config.publicUrl), attachmentRoutes(deps.db, { maxFileBytes: deps.config.ATTACHMENT_MAX_FILE_SIZE }));
  if (deps.payloadKeys) app.use(CODEC_PATH, codecEndpoint(deps.db, new EncryptionCodec(deps.payloadKeys), deps.config.TEMPORAL_NAMESPACE));

  if (hasDevMailbox(deps.config)) app.use(DEV_MAILBOX_PATH, fromOwnSite(deps.config.publicUrl), devMailbox(deps));
  // Last, so that the client's page routes never shadow the API.
  if (options.webClient !== false) app.use(webClientRouter(options.webClient));
  return app;
}
