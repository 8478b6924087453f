// Cross-site request forgery guard, on top of the SameSite=Lax session cookie: a state-changing
// request must, when the browser says where it comes from, come from the portal's own origin; and
// a tRPC call must be JSON, which a plain HTML form cannot send. Uploads are raw bytes, so they
// rely on the origin check alone (a browser always sends Origin with a cross-site POST).
import type { RequestHandler } from 'express';

function refuse(res: Parameters<RequestHandler>[1], status: number, code: string, message: string) {
  res.status(status).json({ error: { message, code: status === 415 ? -32015 : -32003, data: { code, httpStatus: status } } });
}

/** Refuses a state-changing request that a browser says comes from another site. */
export function fromOwnSite(publicUrl: string): RequestHandler {
  const portal = new URL(publicUrl).origin;
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host')}`;
    if ((origin && origin !== portal && origin !== own) || (!origin && req.get('sec-fetch-site') === 'cross-site')) {
      return refuse(res, 403, 'FORBIDDEN', 'Requests from another site are not accepted.');
    }
    next();
  };
}

/** For the tRPC API: from the portal's own site, and JSON. */
export function sameOriginOnly(publicUrl: string): RequestHandler {
  const ownSite = fromOwnSite(publicUrl);
  return (req, res, next) =>
    ownSite(req, res, () => {
      if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
      const type = (req.get('content-type') ?? '').toLowerCase();
      if (!type.startsWith('application/json')) return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON (content-type: application/json).');
      next();
    });
}
