import { request } from 'node:http';

/** An answer read in full. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body as JSON, or `undefined` when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

/** What to send: raw, so the path, headers and body reach the server exactly as a hostile client sends them. */
export interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
}

/**
 * Sends one request over loopback to the site at `url` (with `Host` set to the site's own host) and reads the
 * whole answer. A server may answer before it has read a large body and close the connection: the answer
 * still counts, and an error while the body is still being written is ignored once the answer is in.
 */
export function send(url: string, sent: Sent): Promise<Answer> {
  const target = new URL(url);
  const headers: Record<string, string | string[]> = { host: target.host, ...sent.headers };
  // Node sends a GET's or DELETE's body without framing unless told its length; the server would read it as the next request.
  const framed = Object.keys(headers).some((name) => /^(content-length|transfer-encoding)$/i.test(name));
  if (sent.body !== undefined && !framed) headers['content-length'] = String(Buffer.byteLength(sent.body));
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = request(
      // A connection of its own: a server may close one after a hostile request, and a reused one would then hang up.
      { host: '127.0.0.1', port: target.port, path: sent.path, method: sent.method ?? 'GET', headers, agent: false },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    outgoing.end(sent.body);
  });
}

/** A browser-like client of the site: keeps the session cookie it is given and sends the site's own `Origin`. */
export class Visitor {
  #cookies = new Map<string, string>();
  constructor(readonly url: string) {}

  /** The `Cookie` header this visitor sends. */
  get cookie(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Sends a request with this visitor's cookies and keeps the cookies it sets. */
  async send(sent: Sent): Promise<Answer> {
    const headers = { ...(this.#cookies.size > 0 ? { cookie: this.cookie } : {}), ...sent.headers };
    const answer = await send(this.url, { ...sent, headers });
    for (const line of ([] as string[]).concat(answer.headers['set-cookie'] ?? [])) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.#cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return answer;
  }

  /** This session's CSRF token (`GET /auth/csrf`). */
  async csrf(): Promise<string> {
    const answer = await this.send({ path: '/auth/csrf', headers: { accept: 'application/json' } });
    return String(answer.json?.csrfToken);
  }
}
