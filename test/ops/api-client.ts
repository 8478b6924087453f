// Just enough of tRPC's HTTP wire format to use the product's API as a browser does: JSON bodies
// for mutations, ?input= for queries, the session cookie carried by hand.

export async function call<T = unknown>(baseUrl: string, path: string, input: unknown, options: { cookie?: string; query?: boolean } = {}) {
  const url = new URL(`/trpc/${path}`, baseUrl);
  if (options.query) url.searchParams.set('input', JSON.stringify(input));
  const response = await fetch(url, {
    method: options.query ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(options.cookie ? { cookie: options.cookie } : {}) },
    body: options.query ? undefined : JSON.stringify(input),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!response.ok || !body.result) throw new Error(`${path}: ${response.status} ${body.error?.message ?? JSON.stringify(body)}`);
  return { data: body.result.data, setCookies: response.headers.getSetCookie() };
}

/** Signs in and returns the Cookie header of the new session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const { setCookies } = await call(baseUrl, 'auth.signIn', { email, password });
  const cookie = setCookies.map((c) => c.split(';')[0]).find(Boolean);
  if (!cookie) throw new Error(`no session cookie for ${email}`);
  return cookie;
}
