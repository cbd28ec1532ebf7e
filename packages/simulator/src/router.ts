import type { Express, Request, Response } from 'express';

/** A route handler; thrown Okta errors become Okta error responses. */
export type Handler = (req: Request, res: Response) => Promise<void> | void;

/** HTTP methods the simulator routes. */
export type Method = 'get' | 'post' | 'put' | 'delete';

/** Registers routes on the app and remembers them, so an unknown method on a known path is 405, not 404. */
export class RouteTable {
  private readonly entries: { method: string; pattern: RegExp }[] = [];
  constructor(private readonly app: Express) {}

  /** Adds a route (`:name` segments are parameters). */
  add(method: Method, path: string, handler: Handler): void {
    this.app[method](path, handler);
    const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}/?$`);
    this.entries.push({ method: method.toUpperCase(), pattern });
  }

  /** Methods registered for a path (empty when the path is unknown). */
  methodsFor(path: string): string[] {
    return this.entries.filter((entry) => entry.pattern.test(path)).map((entry) => entry.method);
  }
}
