// Serves the web client's production build (web/dist) on the API's origin. Hashed assets are
// cached for good; every other GET that wants a page gets index.html, so that addresses the
// client routes itself (/tickets/12, /set-password?token=…) work when opened from an e-mail.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import express, { type Router } from 'express';
import { ATTACHMENTS_PATH, CODEC_PATH, TEMPORAL_UI_PATH } from '../api/paths.js';

/** Where `npm run web:build` writes the client. */
export const WEB_DIST_DIR = join(PROJECT_ROOT, 'web', 'dist');

/** Paths that belong to the server, never to the client's routes. */
const SERVER_PREFIXES = ['/trpc', '/dev/', '/metrics', '/health', '/ready', '/live', CODEC_PATH, TEMPORAL_UI_PATH, ATTACHMENTS_PATH, '/auth/'];

export function webClientRouter(distDir: string = WEB_DIST_DIR): Router {
  const router = express.Router();
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    // Started without a build: say how to make one instead of answering 404 to every page.
    router.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The web client is not built yet: run `npm run web:build`.');
    });
    return router;
  }
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }),
  );
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.get(/.*/, (req, res, next) => {
    if (SERVER_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) return next();
    if (!req.accepts('html')) return next();
    // The page itself must never be cached: it names the current build's assets.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}
