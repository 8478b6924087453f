// The API together with the built web client on one origin, over a test file's stack, for the
// browser checks, with settings of the test's own where it needs them (a small limit on files,
// say). Unless the settings name an SMTP server, the development mailbox is served as well.
import { pino } from 'pino';
import { createApp } from '../../../src/api/app.js';
import { readConfig, type Config } from '../../../src/env.js';
import { freePort } from '../../../src/net.js';
import { listen } from '../../../src/runtime/http.js';
import { ROOMY_LIMITS, type TestApi } from '../../helpers/api.js';
import { ensureWebBuild } from '../../web/helpers/web-build.js';

export interface WebServer {
  url: string;
  /** The settings it runs with (its own PUBLIC_URL: the address its e-mails and threads name). */
  config: Config;
  close(): Promise<void>;
}

/** `settings`: more settings, as src/env.ts reads them. */
export async function serveWithWebClient(api: TestApi, settings: Record<string, string> = {}): Promise<WebServer> {
  ensureWebBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = readConfig({ NODE_ENV: 'test', PUBLIC_URL: url, LOG_LEVEL: 'silent', ...settings });
  const app = createApp({ config, db: api.stack.db, desk: api.stack.desk, logger: pino({ level: 'silent' }), limits: ROOMY_LIMITS });
  const http = await listen(app, '127.0.0.1', port);
  return { url, config, close: () => http.close() };
}
