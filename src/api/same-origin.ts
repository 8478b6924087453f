// Cross-site request forgery guard for the API, on top of the SameSite=Lax session cookie:
// a state-changing request must be JSON (which a plain HTML form cannot send) and, when the
// browser says where it comes from, come from the portal's own origin.
import type { RequestHandler } from 'express';

function refuse(res: Parameters<RequestHandler>[1], status: number, code: string, message: string) {
  res.status(status).json({ error: { message, code: status === 415 ? -32015 : -32003, data: { code, httpStatus: status } } });
}

export function sameOriginOnly(publicUrl: string): RequestHandler {
  const portal = new URL(publicUrl).origin;
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host')}`;
    if (origin && origin !== portal && origin !== own) {
      return refuse(res, 403, 'FORBIDDEN', 'Requests from another site are not accepted.');
    }
    if (!origin && req.get('sec-fetch-site') === 'cross-site') {
      return refuse(res, 403, 'FORBIDDEN', 'Requests from another site are not accepted.');
    }
    const type = (req.get('content-type') ?? '').toLowerCase();
    if (!type.startsWith('application/json')) {
      return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON (content-type: application/json).');
    }
    next();
  };
}
