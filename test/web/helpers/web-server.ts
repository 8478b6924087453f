// The built portal and the API on one origin, over a test API's stack, with settings of the test's
// own (a small limit on files, say): test/hostile/helpers/web-server.ts with settings.
import { pino } from 'pino';
import { createApp } from '../../../src/api/app.js';
import { readConfig } from '../../../src/env.js';
import { freePort } from '../../../src/net.js';
import { listen } from '../../../src/runtime/http.js';
import { ROOMY_LIMITS, type TestApi } from '../../helpers/api.js';
import { ensureWebBuild } from './web-build.js';

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export async function servePortal(api: TestApi, settings: Record<string, string> = {}): Promise<WebServer> {
  ensureWebBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = readConfig({ NODE_ENV: 'test', PUBLIC_URL: url, LOG_LEVEL: 'silent', ...settings });
  const app = createApp({ config, db: api.stack.db, desk: api.stack.desk, logger: pino({ level: 'silent' }), limits: ROOMY_LIMITS });
  const http = await listen(app, '127.0.0.1', port);
  return { url, close: () => http.close() };
}
