// A real IMAP server for the e-mail-in tests: Dovecot (Debian's dovecot-imapd, installed by
// .ci/run) on a free local port, one mailbox, its files in a folder of its own. Tests put e-mails
// in with IMAP APPEND, as a mail server's delivery would, and read what the desk flagged.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from '../../src/net.js';

export interface ImapMailbox {
  /** IMAP_URL for the desk. */
  url: string;
  /** Puts an e-mail (its raw source) in the inbox, unread. */
  deliver(raw: string | Buffer): Promise<void>;
  /** How many e-mails in the inbox are still unread. */
  unread(): Promise<number>;
  close(): Promise<void>;
}

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) => existsSync(path));
const USER = 'support';
const PASSWORD = 'mailbox-secret';

export async function startImapMailbox(): Promise<ImapMailbox> {
  if (!DOVECOT) throw new Error('Dovecot is not installed: apt-get install dovecot-imapd (.ci/run does it)');
  const dir = await mkdtemp(join(tmpdir(), 'desk-imap-'));
  const port = await freePort();
  // Dovecot refuses to give mail to root: as root, the files belong to its own user.
  const asRoot = userInfo().uid === 0;
  const mailUser = asRoot ? 'dovecot' : userInfo().username;
  const mailGroup = asRoot ? 'dovecot' : String(userInfo().gid);
  await Promise.all(['run', 'state', 'mail'].map((name) => mkdir(join(dir, name))));
  if (asRoot) await chown(join(dir, 'mail'), idOf('-u'), idOf('-g'));
  // Dovecot's own processes read the password file: the folder must let them through.
  await chmod(dir, 0o711);
  await writeFile(join(dir, 'users'), `${USER}:{PLAIN}${PASSWORD}\n`, { mode: 0o644 });
  await writeFile(
    join(dir, 'dovecot.conf'),
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain',
      'first_valid_uid = 1',
      'first_valid_gid = 1',
      `mail_location = maildir:${dir}/mail/%u`,
      // Without root, every Dovecot process runs as the one user there is.
      ...(asRoot ? [] : [`default_internal_user = ${mailUser}`, `default_login_user = ${mailUser}`]),
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/users\n}`,
      `userdb {\n  driver = static\n  args = uid=${mailUser} gid=${mailGroup} home=${dir}/mail/%u\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service stats {\n  unix_listener stats-reader {\n    mode = 0666\n  }\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}',
      '',
    ].join('\n'),
  );
  const server: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const url = `imap://${USER}:${PASSWORD}@127.0.0.1:${port}/INBOX`;
  const connect = async () => {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false });
    await client.connect();
    return client;
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await (await connect()).logout();
      break;
    } catch (error) {
      if (Date.now() > deadline || server.exitCode !== null) {
        server.kill('SIGKILL');
        throw new Error(`Dovecot did not answer (its log: ${join(dir, 'dovecot.log')})`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    async deliver(raw) {
      const client = await connect();
      try {
        await client.append('INBOX', raw);
      } finally {
        await client.logout();
      }
    },
    async unread() {
      const client = await connect();
      try {
        const status = await client.status('INBOX', { unseen: true });
        return status.unseen ?? 0;
      } finally {
        await client.logout();
      }
    },
    async close() {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function idOf(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'dovecot']).toString().trim());
}
