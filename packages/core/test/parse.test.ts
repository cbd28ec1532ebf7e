import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { OktaSessionSchema, parseOktaError, parseTransaction, TransactionExpiredError } from '../src/index.js';

interface Example {
  section: string;
  line: number;
  json: Record<string, unknown>;
}
const examples = JSON.parse(readFileSync(new URL('./fixtures/api-examples.json', import.meta.url), 'utf8')) as {
  transactions: Example[];
  errors: Example[];
  sessions: Example[];
};

describe('examples of the API digest', () => {
  test.each(examples.transactions.map((e) => [`${e.json.status} (${e.section}, line ${e.line})`, e] as const))(
    '%s parses and keeps every field',
    (_name, example) => {
      const tx = parseTransaction(example.json);
      expect(tx.status).toBe(example.json.status);
      expect(tx.raw).toBe(example.json);
      const { raw: _raw, links, ...body } = tx;
      expect(body).toEqual(example.json);
      expect(links).toEqual(example.json._links ?? {});
    },
  );

  test.each(examples.errors.map((e) => [e.json.errorCode as string, e] as const))('error %s parses', (_code, example) => {
    const error = parseOktaError(example.json, 403);
    expect(error.errorCode).toBe(example.json.errorCode);
    expect(error.errorSummary).toBe(example.json.errorSummary);
  });

  test.each(examples.sessions.map((e) => [e.line, e] as const))('session at line %s parses', (_line, example) => {
    expect(OktaSessionSchema.parse(example.json)).toEqual(example.json);
  });
});

test('E0000011 becomes a TransactionExpiredError', () => {
  const error = parseOktaError({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] }, 401);
  expect(error).toBeInstanceOf(TransactionExpiredError);
  expect(error.status).toBe(401);
});
