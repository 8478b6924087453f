// The development mailbox: without SMTP, every e-mail the desk would have sent is readable here
// (newest first), access links included. Never mounted in production or when SMTP is configured.
import { desc } from 'drizzle-orm';
import type { RequestHandler } from 'express';
import type { Database } from '../db/client.js';
import { notifications } from '../db/schema.js';
import { mailContextOf, type MailConfig } from '../mail/delivery.js';
import { recipientAddress, renderMail } from '../mail/templates.js';
import { styleHash } from './security-headers.js';

const STYLE = 'body{font-family:sans-serif;max-width:50rem;margin:2rem auto}article{border-bottom:1px solid #ccc}pre{white-space:pre-wrap}.meta{color:#666}';
// The page's one inline style block is allowed by its hash; nothing else inline is.
const CSP = `default-src 'none'; style-src ${styleHash(STYLE)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const linkify = (html: string) => html.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

export function devMailbox(db: Database, config: MailConfig): RequestHandler {
  return async (_req, res, next) => {
    try {
      const rows = await db.select().from(notifications).orderBy(desc(notifications.id)).limit(100);
      const items = [];
      for (const row of rows) {
        // Each e-mail as its reader gets it, in their language.
        const mail = renderMail(row, await mailContextOf(db, row, config));
        const to = recipientAddress(row.recipient, config.SUPPORT_OPS_EMAIL);
        items.push(`<article><h2>${escape(mail.subject)}</h2><p class="meta">To ${escape(to)} · ${row.createdAt.toISOString()}</p><pre>${linkify(escape(mail.text))}</pre></article>`);
      }
      res
        .type('html')
        .set('Cache-Control', 'no-store')
        .set('Content-Security-Policy', CSP)
        .send(
          `<!doctype html><html><head><meta charset="utf-8"><title>Development mailbox</title>` +
            `<style>${STYLE}</style>` +
            `</head><body><h1>Development mailbox</h1><p>SMTP is not configured: these are the e-mails the desk would have sent.</p>` +
            (items.join('') || '<p>No e-mail yet.</p>') +
            `</body></html>`,
        );
    } catch (error) {
      next(error);
    }
  };
}
