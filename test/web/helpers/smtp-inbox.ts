// A real SMTP server on 127.0.0.1 that keeps what it receives, so tests read the e-mails the
// desk actually sent (access links, notices) instead of peeking into the outbox table.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from '../../helpers/wait.js';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

export interface SmtpInbox {
  url: string;
  mails: ReceivedMail[];
  /** The first mail to `to` whose subject or text matches, waiting for it to arrive. */
  waitFor(to: string, match?: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain local SMTP: no TLS upgrade or login to negotiate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitFor: (to, match, timeoutMs = 20_000) =>
      eventually(
        async () => {
          const mail = mails.find((m) => m.to.includes(to.toLowerCase()) && (!match || match.test(`${m.subject}\n${m.text}`)));
          if (!mail) throw new Error(`no mail to ${to}${match ? ` matching ${match}` : ''} (received: ${mails.map((m) => `${m.to} "${m.subject}"`).join(', ') || 'none'})`);
          return mail;
        },
        { timeoutMs, intervalMs: 200 },
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that points at `path` on the portal. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${path.replace(/[/]/g, '\\/')}[^\\s]*`));
  if (!match) throw new Error(`no ${path} link in "${mail.subject}":\n${mail.text}`);
  return match[0];
}
