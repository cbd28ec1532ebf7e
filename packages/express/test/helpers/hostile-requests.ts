import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Answer, Sent } from './raw-http.js';

/** One hostile request, and whether Node's HTTP parser (not the app) is expected to refuse it. */
export interface HostileCase {
  /** What is hostile about it, for the failure message. */
  name: string;
  /** The request as sent. */
  sent: Sent;
  /** Node answers it (431 or 400) before any middleware runs: no body in the app's shape. */
  refusedByNode?: boolean;
}

/** Where a hostile request goes, and the credentials a legitimate same-origin page would send with it. */
export interface HostileTarget {
  method: string;
  path: string;
  /** The site's origin. */
  origin: string;
  /** The session cookie header of a visitor. */
  cookie: string;
  /** That visitor's CSRF token. */
  csrf: string;
  /** The CSRF token of another visitor's session. */
  otherCsrf: string;
  /** Send the 10 MB bodies too (state-changing routes); 1 MB bodies go to every route. */
  largeBodies?: boolean;
}

const MB = 1024 * 1024;

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Bodies no client should send: broken JSON, wrong types, encodings that do not decode, huge, deep, prototype keys, NUL and odd unicode. */
function hostileBodies(largeBodies: boolean): Array<{ name: string; headers: Record<string, string>; body: Buffer | string }> {
  const asJson = { 'content-type': 'application/json' };
  const token = { sessionToken: '20111hostileTokenNeverIssuedByOkta' };
  const deepArray = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const deepObject = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
  const megabyte = json({ sessionToken: 'x'.repeat(MB) });
  const bodies: Array<{ name: string; headers: Record<string, string>; body: Buffer | string }> = [
    { name: 'truncated JSON', headers: asJson, body: '{"sessionToken":' },
    { name: 'a bare word', headers: asJson, body: 'nul' },
    { name: 'a JSON string, not an object', headers: asJson, body: '"sessionToken"' },
    { name: 'a number too large for a double', headers: asJson, body: '{"sessionToken":1e99999}' },
    { name: 'an empty body that says it is JSON', headers: asJson, body: '' },
    { name: 'text/plain', headers: { 'content-type': 'text/plain' }, body: 'sessionToken=abc' },
    { name: 'a form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'sessionToken=abc' },
    { name: 'multipart', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="sessionToken"\r\n\r\nabc\r\n--x--\r\n' },
    { name: 'XML', headers: { 'content-type': 'application/xml' }, body: '<sessionToken>abc</sessionToken>' },
    { name: 'UTF-16 JSON', headers: { 'content-type': 'application/json; charset=utf-16' }, body: Buffer.from(json(token), 'utf16le') },
    { name: 'a made-up content type', headers: { 'content-type': '../../etc/passwd' }, body: json(token) },
    { name: 'gzip that does not inflate', headers: { ...asJson, 'content-encoding': 'gzip' }, body: json(token) },
    { name: 'deflate that does not inflate', headers: { ...asJson, 'content-encoding': 'deflate' }, body: json(token) },
    { name: 'br that does not inflate', headers: { ...asJson, 'content-encoding': 'br' }, body: json(token) },
    { name: 'an unknown encoding', headers: { ...asJson, 'content-encoding': 'compress' }, body: json(token) },
    { name: 'two encodings', headers: { ...asJson, 'content-encoding': 'gzip, gzip' }, body: gzipSync(json(token)) },
    { name: 'truncated gzip', headers: { ...asJson, 'content-encoding': 'gzip' }, body: gzipSync(json(token)).subarray(0, 20) },
    { name: 'a gzip bomb (10 MB of zeros)', headers: { ...asJson, 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(10 * MB)) },
    { name: 'deflate of garbage JSON', headers: { ...asJson, 'content-encoding': 'deflate' }, body: deflateSync('{"sessionToken":') },
    { name: 'br of a huge token', headers: { ...asJson, 'content-encoding': 'br' }, body: brotliCompressSync(megabyte) },
    { name: 'a 1 MB JSON body', headers: asJson, body: megabyte },
    { name: 'a 1 MB body without a content type', headers: {}, body: Buffer.alloc(MB, 0x41) },
    { name: 'a 1 MB chunked body', headers: { ...asJson, 'transfer-encoding': 'chunked' }, body: megabyte },
    { name: 'arrays nested 5000 deep', headers: asJson, body: deepArray },
    { name: 'objects nested 2000 deep', headers: asJson, body: deepObject },
    { name: 'a token nested deep', headers: asJson, body: `{"sessionToken":${deepArray}}` },
    { name: '__proto__ carrying the token', headers: asJson, body: '{"__proto__":{"sessionToken":"20111x","polluted":true}}' },
    { name: 'constructor.prototype', headers: asJson, body: '{"constructor":{"prototype":{"polluted":true}},"sessionToken":"20111x"}' },
    { name: 'a token beside __proto__', headers: asJson, body: '{"sessionToken":"20111x","__proto__":{"polluted":true}}' },
    { name: 'a NUL token', headers: asJson, body: json({ sessionToken: '\u0000' }) },
    { name: 'a token with a NUL inside', headers: asJson, body: json({ sessionToken: '20111ab\u0000cd' }) },
    { name: 'a lone surrogate', headers: asJson, body: '{"sessionToken":"\\ud800"}' },
    { name: 'emoji and right-to-left override', headers: asJson, body: json({ sessionToken: '20111😀\u202e\u0301' }) },
    { name: 'bytes that are not UTF-8', headers: asJson, body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
    { name: 'a byte-order mark', headers: asJson, body: `\ufeff${json(token)}` },
    { name: 'a token too long', headers: asJson, body: json({ sessionToken: 't'.repeat(513) }) },
  ];
  if (largeBodies) {
    bodies.push({ name: 'a 10 MB JSON body', headers: asJson, body: json({ sessionToken: 'x'.repeat(10 * MB) }) });
    bodies.push({ name: 'a 10 MB body of NULs', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(10 * MB) });
  }
  return bodies;
}

/**
 * Every hostile request for one route: each hostile body with valid credentials (so it reaches the body
 * parser), then forged or missing CSRF and origins, long and odd headers, and odd paths.
 */
export function hostileRequests(target: HostileTarget): HostileCase[] {
  const { method, path, origin, cookie, csrf, otherCsrf } = target;
  const valid = { cookie, origin, 'x-csrf-token': csrf, accept: 'application/json' };
  const cases: HostileCase[] = hostileBodies(target.largeBodies ?? false).map(({ name, headers, body }) => ({
    name,
    sent: { method, path, headers: { ...valid, ...headers }, body },
  }));
  const token = json({ sessionToken: '20111hostileTokenNeverIssuedByOkta' });
  const withHeaders = (name: string, headers: Record<string, string | string[]>, options: { drop?: string[]; refusedByNode?: boolean } = {}): HostileCase => {
    const merged: Record<string, string | string[]> = { ...valid, 'content-type': 'application/json', ...headers };
    for (const header of options.drop ?? []) delete merged[header];
    return { name, sent: { method, path, headers: merged, body: token }, ...(options.refusedByNode ? { refusedByNode: true } : {}) };
  };
  cases.push(
    withHeaders('no CSRF token', {}, { drop: ['x-csrf-token'] }),
    withHeaders('a forged CSRF token', { 'x-csrf-token': 'A'.repeat(43) }),
    withHeaders("another session's CSRF token", { 'x-csrf-token': otherCsrf }),
    withHeaders('the CSRF token twice', { 'x-csrf-token': [csrf, csrf] }),
    withHeaders('another origin', { origin: 'http://evil.test' }),
    withHeaders('origin null', { origin: 'null' }),
    withHeaders('an origin that is not a URL', { origin: 'http://[' }),
    withHeaders('no origin, a referer from another site', { referer: 'http://evil.test/page' }, { drop: ['origin'] }),
    withHeaders('neither origin nor referer', {}, { drop: ['origin'] }),
    withHeaders('no session cookie', {}, { drop: ['cookie'] }),
    withHeaders('a forged signed session cookie', { cookie: 'connect.sid=s%3Aforged.AAAA; okta-authn-demo.sid=s%3Aforged.AAAA' }),
    withHeaders('an 8 KB CSRF token', { 'x-csrf-token': 'x'.repeat(8 * 1024) }),
    withHeaders('an 8 KB origin', { origin: `http://${'a'.repeat(8 * 1024)}.test` }),
    withHeaders('an 8 KB cookie', { cookie: `${cookie}; junk=${'j'.repeat(8 * 1024)}` }),
    withHeaders('100 extra headers', Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`x-junk-${index}`, 'v'.repeat(50)]))),
    withHeaders('latin-1 bytes in the CSRF token', { 'x-csrf-token': '\u00ff\u00fe\u00e9' }),
    withHeaders('a 64 KB header', { 'x-junk': 'j'.repeat(64 * 1024) }, { refusedByNode: true }),
  );
  for (const suffix of ['%00', '?x=%00', '/%F0%9F%98%80', '%E0%A4%A', '/..%2f..%2fetc%2fpasswd', `?${'q'.repeat(4000)}=1`]) {
    cases.push({ name: `the path ${path}${suffix.slice(0, 20)}`, sent: { method, path: `${path}${suffix}`, headers: { ...valid, 'content-type': 'application/json' }, body: token } });
  }
  return cases;
}

/** Error codes that are fail-closed 503s: allowed, since they are documented answers, not crashes. */
export const FAIL_CLOSED_CODES = new Set(['EOKTAUNAVAILABLE', 'EOKTARATELIMITED', 'ESESSIONSTORE', 'EATTEMPTSTORE']);

/**
 * Asserts an answer to a hostile request is one of the app's own: no 5xx other than a fail-closed 503,
 * an error body with one of `codes`, and no stack trace or internal detail in an error answer.
 */
export function expectOwnAnswer(hostile: HostileCase, answer: Answer, codes: ReadonlySet<string>): void {
  const label = `${hostile.sent.method ?? 'GET'} ${hostile.sent.path.slice(0, 60)} with ${hostile.name}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`;
  if (hostile.refusedByNode) {
    expect(answer.status, label).toBeGreaterThanOrEqual(400);
    expect(answer.status, label).toBeLessThan(500);
    return;
  }
  const code = typeof answer.json?.errorCode === 'string' ? answer.json.errorCode : undefined;
  if (answer.status >= 500) expect(answer.status === 503 && code !== undefined && FAIL_CLOSED_CODES.has(code), label).toBe(true);
  if (answer.status >= 400 && answer.json !== undefined) expect(codes.has(code ?? ''), label).toBe(true);
  if (answer.status >= 400) expect(answer.text, label).not.toMatch(/\bat .+:\d+:\d+\)?$|node_modules|Z_[A-Z_]+_ERROR|SyntaxError|TypeError/m);
}
