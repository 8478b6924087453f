// Where the API serves what is not tRPC, shared with those who link to it (npm start, the cluster's proxy).

/** The Temporal remote-codec endpoint: POST /codec/decode, /codec/encode (src/api/codec-endpoint.ts). */
export const CODEC_PATH = '/codec';

/** The Temporal Web UI, served to agents on the portal's origin (src/api/temporal-ui.ts). */
export const TEMPORAL_UI_PATH = '/temporal';

/** 204 for a signed-in agent's session, 401 otherwise: for a proxy's auth check (src/api/agent-auth.ts). */
export const AGENT_AUTH_PATH = '/auth/agent';

/** Files: POST to upload, GET /attachments/:id to fetch (src/attachments/http.ts). */
export const ATTACHMENTS_PATH = '/attachments';
