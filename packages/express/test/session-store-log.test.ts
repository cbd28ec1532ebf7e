import { createHmac } from 'node:crypto';
import { format } from 'node:util';
import createDebug from 'debug';
import express from 'express';
import session, { MemoryStore } from 'express-session';
import request from 'supertest';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { guardSessionStore } from '../src/index.js';

// A store that cannot load sessions, behind express-session as an app would mount it.
class FailingStore extends MemoryStore {
  override get(_sid: string, callback: (error: unknown) => void): void {
    callback(new Error('store down'));
  }
}

const SECRET = 'test-secret-for-express-session';

/** A session cookie express-session accepts (signed as cookie-signature signs), so that it asks the store. */
const signedCookie = (sid: string) => `connect.sid=${encodeURIComponent(`s:${sid}.${createHmac('sha256', SECRET).update(sid).digest('base64').replace(/=+$/, '')}`)}`;

let lines: string[] = [];
let previousLog: typeof createDebug.log;
let previouslyEnabled = '';

beforeEach(() => {
  lines = [];
  previousLog = createDebug.log;
  previouslyEnabled = createDebug.disable();
  createDebug.enable('okta-authn:express');
  createDebug.log = (...args: unknown[]) => {
    lines.push(format(...args));
  };
});

afterEach(() => {
  createDebug.log = previousLog;
  createDebug.disable();
  if (previouslyEnabled) createDebug.enable(previouslyEnabled);
});

test('a store failure is logged with the method and the path with its tokens and ids redacted, never the raw path', async () => {
  const app = express();
  app.use(guardSessionStore(session({ secret: SECRET, resave: false, saveUninitialized: false, store: new FailingStore() })));
  app.get('/reset/:token/confirm', (_req, res) => {
    res.send('unreachable');
  });
  const response = await request(app).get('/reset/Zk3pQ9sEcReT-token-4711/confirm').set('cookie', signedCookie('a-session-id'));
  expect(response.status).toBe(503);
  expect(response.body.code).toBe('ESESSIONSTORE');
  const failures = lines.filter((line) => line.includes('the session store failed'));
  expect(failures).toHaveLength(1);
  expect(failures[0]).toContain('the session store failed on GET /reset/:redacted/confirm (Error)');
  expect(failures[0]).not.toContain('Zk3pQ9sEcReT');
});
