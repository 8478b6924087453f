// POST /attachments: a file's bytes as the request body (its name in X-File-Name), stored as they
// arrive and refused past the limit while streaming (413), never buffered whole. GET
// /attachments/:id: the file, to those who may see the message it came with (an internal note's
// files to Support Ops only; anyone else gets 404, as for a ticket they cannot see). Only safe
// raster images are shown inline; everything else is a download, in a sandbox.
import { create as contentDisposition } from 'content-disposition';
import express, { type Request, type Response, type Router } from 'express';
import { userOfSession } from '../accounts/sessions.js';
import { isStaff, type UserRow } from '../accounts/users.js';
import type { Database } from '../db/client.js';
import { sessionSecretOf } from '../api/agent-session.js';
import { maySee } from '../tickets/access.js';
import { cleanFileName } from './names.js';
import { findAttachment, readAttachment, storeUpload, UploadTooLargeError, type AttachmentRow } from './store.js';
import { isShownInline } from './types.js';

async function caller(db: Database, req: Request): Promise<UserRow | null> {
  const secret = sessionSecretOf(req);
  return secret ? userOfSession(db, secret) : null;
}

const refuse = (res: Response, status: number, message: string) => res.status(status).json({ message });

/** Whether the caller may fetch the file: its uploader before it is sent; afterwards who may see its message. */
async function mayFetch(db: Database, user: UserRow, file: AttachmentRow): Promise<boolean> {
  if (file.ticketNumber === null) return file.uploaderId === user.id;
  if (!(await maySee(db, user, file.ticketNumber))) return false;
  return !file.internal || isStaff(user);
}

export function attachmentRoutes(db: Database, limits: { maxFileBytes: number }): Router {
  const router = express.Router();

  router.post('/', async (req, res, next) => {
    try {
      const user = await caller(db, req);
      if (!user) return void refuse(res, 401, 'Sign in first.');
      const declared = Number(req.get('content-length') ?? NaN);
      if (declared > limits.maxFileBytes) return void tooLarge(req, res, limits.maxFileBytes);
      const name = cleanFileName(decodeName(req.get('x-file-name')));
      const stored = await storeUpload(db, { uploaderId: user.id, name, source: req, maxBytes: limits.maxFileBytes });
      res.status(201).json({ id: stored.id, name: stored.name, type: stored.type, size: stored.size });
    } catch (error) {
      if (error instanceof UploadTooLargeError) return void tooLarge(req, res, error.limitBytes);
      next(error);
    }
  });

  router.get('/:id', async (req, res, next) => {
    try {
      const user = await caller(db, req);
      const file = /^[0-9a-f-]{36}$/.test(req.params.id) ? await findAttachment(db, req.params.id) : null;
      if (!user || !file || !(await mayFetch(db, user, file))) return void refuse(res, 404, 'There is no such file that you can see.');
      const inline = isShownInline(file.type) && req.query.download === undefined;
      res.set({
        'Content-Type': file.type,
        'Content-Length': String(file.size),
        'Content-Disposition': contentDisposition(file.name, { type: inline ? 'inline' : 'attachment' }),
        // Whatever it is, it runs nothing: no scripts, no plugins, no forms, not even as a top page.
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'Cache-Control': 'private, max-age=3600',
        ETag: `"${file.sha256}"`,
      });
      if (req.get('if-none-match') === `"${file.sha256}"`) return void res.status(304).end();
      for await (const chunk of readAttachment(db, file.id)) {
        // Wait for the socket to take each piece: a slow reader never makes the server hold the file.
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } catch (error) {
      next(error);
    }
  });
  return router;
}

function decodeName(header: string | undefined): string {
  if (!header) return 'file';
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

/** Refuses the upload and stops reading it: the rest of a too-large body is not worth receiving. */
function tooLarge(req: Request, res: Response, limitBytes: number): void {
  res.set('Connection', 'close');
  refuse(res, 413, `A file is at most ${Math.round(limitBytes / 1024 / 1024)} MB.`);
  res.once('finish', () => req.destroy());
}
