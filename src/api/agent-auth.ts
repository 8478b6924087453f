// A yes or no for a reverse proxy that guards what is for Support Ops only (the cluster's nginx
// asks this with auth_request before serving the Temporal UI): 204 for a signed-in agent's or
// admin's session, 401 otherwise. It answers nothing else about the caller.
import type { RequestHandler } from 'express';
import type { Database } from '../db/client.js';
import { agentOf } from './agent-session.js';

export function agentAuthCheck(db: Database): RequestHandler {
  return async (req, res, next) => {
    try {
      res.set('Cache-Control', 'no-store').status((await agentOf(db, req)) ? 204 : 401).end();
    } catch (error) {
      next(error);
    }
  };
}
