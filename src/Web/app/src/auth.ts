// The session: access and refresh tokens in localStorage, and listeners told when they change. A 401 from the API
// triggers one refresh (refreshSession rotates the refresh token); failing that, the session ends.
const ACCESS = 'streamengine.accessToken';
const REFRESH = 'streamengine.refreshToken';

type Listener = () => void;
const listeners = new Set<Listener>();

export const session = {
  get accessToken(): string | null {
    return localStorage.getItem(ACCESS);
  },
  get signedIn(): boolean {
    return Boolean(localStorage.getItem(ACCESS));
  },
  set(accessToken: string, refreshToken: string | null | undefined) {
    localStorage.setItem(ACCESS, accessToken);
    if (refreshToken) localStorage.setItem(REFRESH, refreshToken);
    listeners.forEach((l) => l());
  },
  clear() {
    localStorage.removeItem(ACCESS);
    localStorage.removeItem(REFRESH);
    listeners.forEach((l) => l());
  },
  onChange(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for new tokens once, however many requests failed at the same time. */
export function refreshSession(): Promise<boolean> {
  const refreshToken = localStorage.getItem(REFRESH);
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({
      query:
        'mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }',
      variables: { input: { refreshToken } },
    }),
  })
    .then((r) => r.json())
    .then((body) => {
      const payload = body?.data?.refreshSession;
      if (payload?.accessToken) {
        // Quietly: the client keeps its cache; only the header changes.
        localStorage.setItem(ACCESS, payload.accessToken);
        localStorage.setItem(REFRESH, payload.refreshToken);
        return true;
      }
      return false;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** fetch for the GraphQL client: adds the bearer token, waits out a 429, and on a 401 refreshes once and retries. */
export async function authorizedFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const headers = new Headers(init.headers);
    const token = session.accessToken;
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  let response = await send();
  // Over the rate limit: wait as long as the server says (a few seconds at most) and ask again, twice at most.
  for (let retry = 0; response.status === 429 && retry < 2; retry++) {
    const seconds = Number(response.headers.get('retry-after') ?? '1');
    if (!(seconds >= 0 && seconds <= 10)) break;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
    response = await send();
  }
  if (response.status !== 401 || !session.signedIn) return response;
  if (await refreshSession()) return send();
  session.clear();
  return response;
}
