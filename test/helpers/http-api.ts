// The API as any HTTP client meets it: tRPC's wire format written by hand (a mutation POSTs its
// input as JSON, a query sends it as ?input=), with the session cookie. Tests that look at status
// codes, headers and malformed requests use this instead of @trpc/client, which hides them.

export interface ApiAnswer {
  status: number;
  contentType: string;
  /** The raw text, for checks on what exactly went over the wire. */
  text: string;
  /** `result.data` of a success. */
  data: unknown;
  /** tRPC's error code (BAD_REQUEST, …) and message of a refusal. */
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> | null } | null;
  setCookies: string[];
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
}

export interface CallOptions {
  cookie?: string;
  /** Defaults: POST for a mutation; pass 'GET' for a query. */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as is instead of JSON.stringify(input): for malformed or oversized bodies. */
  rawBody?: string;
  timeoutMs?: number;
}

export async function callApi(baseUrl: string, path: string, input: unknown, options: CallOptions = {}): Promise<ApiAnswer> {
  const method = options.method ?? 'POST';
  const url = new URL(`/trpc/${path}`, baseUrl);
  if (method === 'GET' && input !== undefined) url.searchParams.set('input', JSON.stringify(input));
  const response = await fetch(url, {
    method,
    headers: {
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: method === 'POST' ? (options.rawBody ?? JSON.stringify(input ?? null)) : undefined,
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
  });
  const text = await response.text();
  let parsed: { result?: { data?: unknown }; error?: { message?: string; data?: { code?: string; fieldErrors?: Record<string, string[]> | null } } } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: left for the caller to judge from `text` and `contentType`.
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    data: parsed.result?.data,
    error: parsed.error ? { code: parsed.error.data?.code ?? 'UNKNOWN', message: parsed.error.message ?? '', fieldErrors: parsed.error.data?.fieldErrors } : null,
    setCookies: response.headers.getSetCookie(),
    headers: headersOf(response.headers),
  };
}

function headersOf(headers: Headers): Record<string, string> {
  const all: Record<string, string> = {};
  headers.forEach((value, name) => (all[name] = value));
  return all;
}

/** Signs in over HTTP and returns the Cookie header that carries the session. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const answer = await callApi(baseUrl, 'auth.signIn', { email, password });
  if (answer.status !== 200) throw new Error(`sign-in of ${email} refused: ${answer.status} ${answer.text}`);
  const session = answer.setCookies.map((c) => c.split(';')[0]).find((c) => c.length > 0);
  if (!session) throw new Error(`sign-in of ${email} set no cookie`);
  return session;
}
