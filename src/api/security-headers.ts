// Security headers on every answer, HTML and API alike (helmet): a Content-Security-Policy that
// allows the portal's own scripts, styles and API only, never in a frame; no Referer to other
// sites; HSTS where the portal is served over https. A page that needs an inline style names its
// exact hash (styleHash) rather than allowing inline styles at large.
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(publicUrl: string): RequestHandler {
  const https = publicUrl.startsWith('https:');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        // Over plain http (a laptop's localhost), upgrading subresources to https would break them.
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    // The portal loads nothing from other origins, and nothing else embeds it.
    crossOriginEmbedderPolicy: false,
  });
}

/** The CSP source for one exact inline <style> block. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}
