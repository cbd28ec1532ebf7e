import { expect } from 'vitest';
import { AuthnClient } from '../src/index.js';

export const ORG = 'https://org.example.test';

/** One expected request and the response to give it. */
export interface Step {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL including the query string. */
  url: string;
  /** Expected JSON body (POST); checked with toEqual. */
  body?: unknown;
  /** Expected request headers (subset). */
  headers?: Record<string, string>;
  status?: number;
  /** JSON to answer with; a string is sent as is (e.g. an HTML error page). */
  response?: unknown;
  responseHeaders?: Record<string, string>;
  /** Reject the fetch instead of answering (a network failure). */
  networkError?: Error;
}

/** A fetch that asserts each request against the script, in order, and answers the recorded response. */
export function scriptedFetch(steps: Step[]) {
  const queue = [...steps];
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    calls.push({ url, init });
    const step = queue.shift();
    if (!step) throw new Error(`unexpected request ${init.method} ${url}`);
    expect(`${init.method} ${url}`).toBe(`${step.method ?? 'POST'} ${step.url}`);
    const headers = new Headers(init.headers);
    expect(headers.get('accept')).toBe('application/json');
    expect(headers.get('content-type')).toBe('application/json');
    for (const [name, value] of Object.entries(step.headers ?? {})) expect(headers.get(name)).toBe(value);
    if ((step.method ?? 'POST') === 'POST') expect(JSON.parse(String(init.body))).toEqual(step.body ?? {});
    else expect(init.body).toBeUndefined();
    if (step.networkError) throw step.networkError;
    const text = typeof step.response === 'string' ? step.response : JSON.stringify(step.response ?? {});
    const status = step.status ?? 200;
    // A 204 has no body at all: Response refuses one, even empty.
    return new Response(status === 204 ? null : text, { status, headers: step.responseHeaders });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    /** Steps not yet requested. */
    remaining: () => queue.length,
  };
}

/** A client over a scripted fetch. */
export function clientFor(steps: Step[], headers?: Record<string, string>) {
  const script = scriptedFetch(steps);
  return { client: new AuthnClient({ baseUrl: ORG, fetch: script.fetch, headers }), script };
}

/** A fetch that fails the test if it is ever called. */
export const forbiddenFetch = (async () => {
  throw new Error('no request may be sent');
}) as unknown as typeof globalThis.fetch;

const post = { hints: { allow: ['POST'] } };
/** A POST link on the org. */
export function link(path: string, name?: string) {
  return { ...(name ? { name } : {}), href: `${ORG}${path}`, ...post };
}

/** The user of the examples. */
export const user = {
  id: '00u1simUSER0000000a1',
  passwordChanged: '2026-02-20T08:00:00.000Z',
  profile: { login: 'ada.lovelace@example.test', firstName: 'Ada', lastName: 'Lovelace', locale: 'en_US', timeZone: 'Europe/London' },
};
