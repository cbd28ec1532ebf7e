import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { SimContext } from './context.js';
import { oktaErrors } from './errors.js';
import { safeEqual } from './secrets.js';

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** Validates a value; 400 E0000001 `Api validation failed: <what>` naming each bad field. */
export function validate<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw oktaErrors.validation(what, describeIssues(result.error));
  return result.data;
}

/** Validates a JSON body; 400 E0000001 `Api validation failed: <what>` naming each bad field. */
export function parseBody<T extends z.ZodType>(schema: T, req: Request, what: string): z.output<T> {
  const body: unknown = req.body === undefined ? {} : req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw oktaErrors.malformedBody('The request body must be a JSON object.');
  }
  return validate(schema, body, what);
}

/** Validates the query string; 400 E0000001 naming each bad parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, req: Request): z.output<T> {
  const result = schema.safeParse(req.query);
  if (!result.success) throw oktaErrors.validation('query', describeIssues(result.error));
  return result.data;
}

/** Validates path parameters; an id of the wrong shape is simply not found. */
export function param(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown>)[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) throw oktaErrors.unknownPath();
  return value;
}

/** How the request authenticates as an admin: `none`, a valid API token, or a bad one. */
export function apiTokenOf(ctx: SimContext, req: Request): 'none' | 'valid' | 'invalid' {
  const header = req.headers.authorization;
  if (header === undefined) return 'none';
  const match = /^SSWS (\S{1,512})$/.exec(header);
  if (!match?.[1]) return 'invalid';
  return safeEqual(match[1], ctx.apiToken) ? 'valid' : 'invalid';
}

/** Requires `Authorization: SSWS <apiToken>`; 401 E0000011 otherwise. */
export function requireApiToken(ctx: SimContext, req: Request): void {
  if (apiTokenOf(ctx, req) !== 'valid') throw oktaErrors.invalidToken();
}

/** True for a trusted (admin-token) call; a present but wrong token is 401 E0000011. */
export function isTrustedCall(ctx: SimContext, req: Request): boolean {
  const state = apiTokenOf(ctx, req);
  if (state === 'invalid') throw oktaErrors.invalidToken();
  return state === 'valid';
}

/** Reads one cookie from the request. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** Sends a JSON body (straight to Node's response: Express's `send` would re-parse the type and check freshness on every call). */
export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
