// The Temporal UI server of the cluster, under /temporal on the portal's origin: nginx serves it
// there to Support Ops only (nginx.ts), and its remote codec is the API's /codec on the same
// origin, so the agent's session cookie goes with each decode and agents read tickets in clear.
// Its config is the template its Docker image uses, filled from the environment, as in
// docker-compose.yml.
import { readFileSync } from 'node:fs';
import { CODEC_PATH, TEMPORAL_UI_PATH } from '../api/paths.js';
import { answers } from '../net.js';
import type { ProcessSpec } from './supervisor.js';
import { templatedServerSpec } from './temporal-server.js';
import type { ClusterTools } from './tools.js';

/** The settings the config template reads (docker-compose.yml gives the temporal-ui service the same ones). */
export function temporalUiEnvironment(options: { temporalAddress: string; port: number; publicUrl: string; namespace: string }): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_UI_PORT: String(options.port),
    TEMPORAL_UI_PUBLIC_PATH: TEMPORAL_UI_PATH,
    TEMPORAL_DEFAULT_NAMESPACE: options.namespace,
    TEMPORAL_CODEC_ENDPOINT: `${options.publicUrl}${CODEC_PATH}`,
    TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'true',
    TEMPORAL_CORS_ORIGINS: new URL(options.publicUrl).origin,
    // Its CSRF cookie is Secure unless told otherwise, which a browser drops on plain http.
    TEMPORAL_CSRF_COOKIE_INSECURE: String(new URL(options.publicUrl).protocol === 'http:'),
  };
}

export function temporalUiSpec(options: { dir: string; tools: ClusterTools; temporalAddress: string; port: number; publicUrl: string; namespace: string; logDir: string }): ProcessSpec {
  return templatedServerSpec({
    name: 'temporal-ui',
    dir: options.dir,
    logDir: options.logDir,
    binary: options.tools.uiServer,
    // The template has no setting for the listening address; nginx is the only way in, so loopback.
    template: `${readFileSync(options.tools.uiConfigTemplate, 'utf8')}\nhost: 127.0.0.1\n`,
    env: temporalUiEnvironment(options),
    ready: () => answers(`http://127.0.0.1:${options.port}${TEMPORAL_UI_PATH}/`),
  });
}
