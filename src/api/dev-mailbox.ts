// The development mailbox: without SMTP, every e-mail the desk would have sent is readable here
// (newest first), access links included, each as its reader gets it, in their language. An e-mail
// a person may answer has a form that answers it as its recipient would from their mail app: the
// answer is written as a real e-mail to the Reply-To address and goes through the very door a
// support mailbox's e-mails go through (src/mail/inbound/receive.ts). Never mounted in production
// or when SMTP is configured.
import { desc, eq } from 'drizzle-orm';
import express, { type Router } from 'express';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Database } from '../db/client.js';
import { notifications } from '../db/schema.js';
import { groupAddresses, mailContextOf, type MailConfig } from '../mail/delivery.js';
import { receiveMail, type InboundDeps } from '../mail/inbound/receive.js';
import { replyTokenFor } from '../mail/reply-tokens.js';
import { isAnswerable, recipientAddress, renderMail } from '../mail/templates.js';
import { replyAddress, threadHeaders } from '../mail/threading.js';
import { isWebhookKind } from '../../workflows/ticket/effects.js';
import { styleHash } from './security-headers.js';

export const DEV_MAILBOX_PATH = '/dev/mailbox';

const STYLE =
  'body{font-family:sans-serif;max-width:50rem;margin:2rem auto}article{border-bottom:1px solid #ccc}pre{white-space:pre-wrap}.meta{color:#666}textarea{width:100%;min-height:4rem}.outcome{background:#eef;padding:.5rem}';
// The page's one inline style block is allowed by its hash; nothing else inline is. Its forms post to itself only.
const CSP = `default-src 'none'; style-src ${styleHash(STYLE)}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const linkify = (html: string) => html.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

type DevMailboxDeps = InboundDeps & { config: InboundDeps['config'] & MailConfig };

export function devMailbox(deps: { db: Database; desk: InboundDeps['desk']; config: DevMailboxDeps['config'] }): Router {
  const { db, config } = deps;
  const router = express.Router();

  router.get('/', async (req, res, next) => {
    try {
      const rows = await db.select().from(notifications).orderBy(desc(notifications.id)).limit(100);
      const items = [];
      for (const row of rows) {
        // The on-call's webhook pages are not e-mails.
        if (isWebhookKind(row.kind)) continue;
        const mail = renderMail(row, await mailContextOf(db, row, config));
        const to = recipientAddress(row.recipient, groupAddresses(config)) ?? '(no address configured)';
        const answer =
          row.ticketNumber !== null && row.recipientId !== null && isAnswerable(row.kind)
            ? `<form method="post" action="${DEV_MAILBOX_PATH}/answer"><input type="hidden" name="notification" value="${row.id}">` +
              `<label>Answer as ${escape(to)}<textarea name="text" required></textarea></label><button>Send the answer</button></form>`
            : '';
        items.push(
          `<article><h2>${escape(mail.subject)}</h2><p class="meta">To ${escape(to)} · ${row.createdAt.toISOString()}</p><pre>${linkify(escape(mail.text))}</pre>${answer}</article>`,
        );
      }
      const outcome = typeof req.query.answered === 'string' ? `<p class="outcome" role="status">Your answer was taken: ${escape(req.query.answered)}.</p>` : '';
      res
        .type('html')
        .set('Cache-Control', 'no-store')
        .set('Content-Security-Policy', CSP)
        .send(
          `<!doctype html><html><head><meta charset="utf-8"><title>Development mailbox</title>` +
            `<style>${STYLE}</style>` +
            `</head><body><h1>Development mailbox</h1><p>SMTP is not configured: these are the e-mails the desk would have sent. Answer one as its recipient would, from their mail app.</p>` +
            outcome +
            (items.join('') || '<p>No e-mail yet.</p>') +
            `</body></html>`,
        );
    } catch (error) {
      next(error);
    }
  });

  router.post('/answer', express.urlencoded({ extended: false, limit: '100kb' }), async (req, res, next) => {
    try {
      const id = Number(req.body?.notification);
      const text = typeof req.body?.text === 'string' ? req.body.text : '';
      const [row] = Number.isSafeInteger(id) ? await db.select().from(notifications).where(eq(notifications.id, id)) : [];
      if (!row || row.ticketNumber === null || row.recipientId === null || !isAnswerable(row.kind)) {
        return void res.status(404).type('text').send('There is no such e-mail to answer.');
      }
      const mail = renderMail(row, await mailContextOf(db, row, config));
      const thread = threadHeaders(row, { from: config.MAIL_FROM, publicUrl: config.publicUrl });
      const token = await replyTokenFor(db, row.ticketNumber, row.recipientId);
      const quoted = mail.text.split('\n').map((line) => `> ${line}`).join('\n');
      const raw = await new MailComposer({
        from: row.recipient,
        to: replyAddress(config.REPLY_ADDRESS ?? config.MAIL_FROM, token),
        subject: `Re: ${mail.subject}`,
        inReplyTo: thread.messageId,
        references: [...(thread.references ?? []), thread.messageId],
        text: `${text}\n\n${row.recipient} wrote:\n${quoted}\n`,
      })
        .compile()
        .build();
      const result = await receiveMail(deps, raw);
      res.redirect(303, `${DEV_MAILBOX_PATH}?answered=${encodeURIComponent(result.reason ? `${result.outcome} (${result.reason})` : result.outcome)}`);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
