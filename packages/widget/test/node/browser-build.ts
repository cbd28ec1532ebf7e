import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { BROWSER_DIR } from '../../scripts/build-files.mjs';

/** A loopback server of the browser build. */
export interface BuildServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Serves dist/browser under `/widget/` (as a site or a CDN would: every chunk beside the entry)
 * and `pages` by path, every answer with `headers`; no favicon (204). Anything else is a 404.
 */
export async function serveBrowserBuild(pages: Record<string, string>, headers: Record<string, string> = {}): Promise<BuildServer> {
  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const page = pages[path];
      if (page !== undefined) return response.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(page);
      if (path === '/favicon.ico') return response.writeHead(204, headers).end();
      const file = path.startsWith('/widget/') ? normalize(join(BROWSER_DIR, decodeURIComponent(path.slice('/widget/'.length)))) : '';
      if (!file.startsWith(BROWSER_DIR.endsWith(sep) ? BROWSER_DIR : `${BROWSER_DIR}${sep}`) || !file.endsWith('.js')) return response.writeHead(404, headers).end();
      try {
        const body = await readFile(file);
        response.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
      } catch {
        response.writeHead(404, headers).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
