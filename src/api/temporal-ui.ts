// The Temporal Web UI, served at /temporal on the portal's own origin, to signed-in Support Ops
// only (npm start; a cluster's proxy does the same, asking agent-auth.ts). On this origin the UI's
// calls to the codec endpoint carry the agent's session, so agents see tickets decrypted; and
// nobody who reaches the portal without being an agent reaches the Temporal UI, which can change
// every ticket.
import type { RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Database } from '../db/client.js';
import { agentOf } from './agent-session.js';
import { TEMPORAL_UI_PATH } from './paths.js';

/** `upstream`: the UI server, itself serving under TEMPORAL_UI_PATH (the dev server's --ui-public-path). */
export function temporalUi(db: Database, upstream: string): RequestHandler[] {
  const guard: RequestHandler = async (req, res, next) => {
    try {
      if (await agentOf(db, req)) return next();
      // A person in a browser goes to sign in; anything else is told.
      if (req.accepts('html')) res.redirect(302, `/sign-in?next=${encodeURIComponent(TEMPORAL_UI_PATH + req.url)}`);
      else res.status(401).json({ message: 'The Temporal UI is for Support Ops: sign in to the portal first.' });
    } catch (error) {
      next(error);
    }
  };
  // Express strips the mount path; the UI serves under it, so it goes back on.
  const proxy = createProxyMiddleware({ target: upstream.replace(/\/temporal\/?$/, ''), changeOrigin: true, pathRewrite: (path) => `${TEMPORAL_UI_PATH}${path}` });
  return [guard, proxy];
}
