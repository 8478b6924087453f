// The cluster's reverse proxy (nginx): the portal's one address. It spreads requests over the API
// processes (a process that is down is skipped: nginx resends a request that never reached it),
// keeps server-sent events flowing, and serves the Temporal UI under /temporal to signed-in
// Support Ops only, asking the API (auth_request); anyone else is sent to sign in. The same text,
// rendered for containers, is the nginx config in docker-compose.yml (test/ops/compose.test.ts
// compares them).
import { AGENT_AUTH_PATH, ATTACHMENTS_PATH, TEMPORAL_UI_PATH } from '../api/paths.js';

export interface NginxOptions {
  /** `127.0.0.1:3000`, or `80` in a container. */
  listen: string;
  /** host:port of each API process. */
  apis: string[];
  /** host:port of the Temporal UI server. */
  temporalUi: string;
  /** The user its worker processes run as, when started as root. */
  user?: string;
  /** Where a run outside a container keeps nginx's files; unset: the image's own places. */
  files?: { pidFile: string; tempDir: string; accessLog: string };
}

// Every proxied location sets these; nginx inherits proxy_set_header only into locations that set none.
const forwardedHeaders = [
  'proxy_set_header Host $http_host;',
  'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  'proxy_set_header X-Forwarded-Proto $scheme;',
  'proxy_set_header X-Request-Id $request_id;',
  // Keep-alive connections to the upstreams.
  'proxy_set_header Connection "";',
];

const block = (lines: string[], indent: string) => lines.map((line) => (line ? `${indent}${line}` : '')).join('\n');

export function renderNginxConfig(options: NginxOptions): string {
  const files = options.files;
  const ui = TEMPORAL_UI_PATH;
  return `# The support desk's reverse proxy: made by src/cluster/nginx.ts (do not edit by hand).
worker_processes 1;
${options.user ? `user ${options.user};\n` : ''}${files ? `daemon off;\npid ${files.pidFile};\nerror_log stderr warn;\n` : ''}
events {
  worker_connections 1024;
}

http {
  server_tokens off;
  log_format upstreams '$remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time upstream=$upstream_addr request_id=$request_id';
  access_log ${files ? files.accessLog : '/dev/stdout'} upstreams;
${files ? block(['client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path'].map((d) => `${d} ${files.tempDir}/${d.split('_')[0]};`), '  ') + '\n' : ''}
  upstream api {
${block(options.apis.map((api) => `server ${api} max_fails=1 fail_timeout=5s;`), '    ')}
    keepalive 16;
  }

  upstream temporal_ui {
    server ${options.temporalUi};
    keepalive 4;
  }

  server {
    listen ${options.listen};
    # No limit of its own: the API refuses a file past ATTACHMENT_MAX_FILE_SIZE as it streams in,
    # with a message the portal shows.
    client_max_body_size 0;
    proxy_http_version 1.1;
    proxy_connect_timeout 2s;
    # A process that is down or restarting is skipped. A request that reached one is never sent
    # again (nginx resends POSTs only when they were not sent): the client retries with its request id.
    proxy_next_upstream error timeout;
${block(forwardedHeaders, '    ')}

    # The API's yes or no for the Temporal UI: 204 for an agent's session, 401 otherwise.
    location = /_agent_check {
      internal;
      proxy_pass http://api${AGENT_AUTH_PATH};
      proxy_pass_request_body off;
${block([...forwardedHeaders, 'proxy_set_header Content-Length "";'], '      ')}
    }

    location ${ui}/ {
      auth_request /_agent_check;
      error_page 401 = @sign_in;
      proxy_pass http://temporal_ui;
    }

    location = ${ui} {
      return 302 ${ui}/;
    }

    location @sign_in {
      return 302 /sign-in?next=$uri;
    }

    # tRPC, with its subscriptions as server-sent events: passed on as they come, and kept open.
    location /trpc/ {
      proxy_pass http://api;
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
    }

    # Files, passed on as they arrive: the API stores them as they stream in.
    location ${ATTACHMENTS_PATH} {
      proxy_pass http://api;
      proxy_request_buffering off;
    }

    # The portal's pages, the codec endpoint, sign-in links, probes.
    location / {
      proxy_pass http://api;
    }
  }
}
`;
}
