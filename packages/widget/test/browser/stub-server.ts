/**
 * A scripted authn server behind the element's `fetch` property, for tests that need answers the
 * simulator never gives (a stalled request, a hostile link, a failure in the middle of polling).
 * Each request is recorded; a handler answers it, or holds it until the test releases it.
 */

/** One request the element made. */
export interface StubRequest {
  url: URL;
  method: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
}

/** What a handler answers: a JSON body with a status, a network failure, or `hold` (answered later with `release`). */
export type StubAnswer = { status?: number; json: unknown; headers?: Record<string, string> } | 'network' | 'hold';

/** A pending (held) request and the way to answer it. */
export interface Held {
  request: StubRequest;
  release(answer: Exclude<StubAnswer, 'hold'>): void;
}

/** A JSON response. */
function respond(answer: Exclude<StubAnswer, 'hold' | 'network'>): Response {
  return new Response(JSON.stringify(answer.json), { status: answer.status ?? 200, headers: { 'Content-Type': 'application/json', ...answer.headers } });
}

/** A stub server; `fetch` goes into the element's `fetch` property. */
export function stubServer(handler: (request: StubRequest) => StubAnswer) {
  const requests: StubRequest[] = [];
  const held: Held[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [name.toLowerCase(), value]));
    const request: StubRequest = { url, method: init.method ?? 'GET', body: init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {}, headers, signal: init.signal ?? undefined };
    requests.push(request);
    const answer = handler(request);
    if (answer === 'network') throw new TypeError('Failed to fetch');
    if (answer !== 'hold') return respond(answer);
    return new Promise<Response>((resolve, reject) => {
      request.signal?.addEventListener('abort', () => reject(request.signal?.reason), { once: true });
      held.push({
        request,
        release: (later) => (later === 'network' ? reject(new TypeError('Failed to fetch')) : resolve(respond(later))),
      });
    });
  };
  return {
    fetch,
    requests,
    held,
    /** Requests whose path ends with `path`. */
    to: (path: string) => requests.filter((request) => request.url.pathname.endsWith(path)),
  };
}

/** Lets every pending promise callback run (one macrotask). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
