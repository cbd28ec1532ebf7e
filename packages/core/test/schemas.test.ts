import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as z from 'zod/mini';
import {
  AuthnUserSchema,
  FactorSchema,
  LinksSchema,
  MfaChallengeSchema,
  OktaErrorBodySchema,
  OktaSessionSchema,
  TRANSACTION_SCHEMAS,
  TRANSACTION_STATUSES,
  TransactionSchema,
} from '../src/index.js';

/** Each issue of a failed parse as `path: message`. */
function issues(schema: z.ZodMiniType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const examples = JSON.parse(readFileSync(new URL('./fixtures/api-examples.json', import.meta.url), 'utf8')) as {
  transactions: { json: Record<string, unknown> }[];
};
const user = { id: '00u1', profile: { login: 'ada@example.test', nickname: 'Ada' }, extra: { kept: true } };

describe('the exported schemas are zod schemas', () => {
  test('a valid value parses to the very object given: unknown fields are kept, nothing is copied', () => {
    const input = { ...user, recovery_question: { question: 'Who?', hint: 'kept' } };
    expect(AuthnUserSchema.parse(input)).toBe(input);
    for (const { json } of examples.transactions) expect(TransactionSchema.parse(json)).toBe(json);
  });

  test('every problem is reported with the path to the field, not one root issue', () => {
    expect(issues(AuthnUserSchema, { id: 7, profile: {}, recovery_question: null })).toEqual([
      'id: expected string',
      'profile.login: expected string',
      'recovery_question: expected object',
    ]);
    expect(issues(OktaErrorBodySchema, { errorCode: 'E0000001', errorCauses: [{ errorSummary: 'ok' }, {}] })).toEqual([
      'errorSummary: expected string',
      'errorCauses.1.errorSummary: expected string',
    ]);
    expect(issues(OktaSessionSchema, { id: 's', userId: 'u', login: 'l', expiresAt: 'e', status: 'ACTIVE', amr: ['pwd', 3] })).toEqual([
      'amr.1: expected string',
    ]);
  });

  test('with reportInput, each issue carries the value found at its path, not the whole response', () => {
    const tx = { status: 'MFA_REQUIRED', stateToken: 't', _embedded: { user, factors: [{ factorType: 'sms', provider: 9 }] }, _links: { next: 'x' } };
    const result = TransactionSchema.safeParse(tx, { reportInput: true });
    expect(result.error?.issues.map(({ path, input }) => [path.join('.'), input])).toEqual([
      ['_links.next', 'x'],
      ['_embedded.factors.0.provider', 9],
    ]);
  });

  test('nested in an application schema, their issues carry the outer path too', () => {
    const Stored = z.object({ owner: z.string(), transaction: TransactionSchema });
    const result = Stored.safeParse({ owner: 'me', transaction: { status: 'PASSWORD_WARN', stateToken: 't', _embedded: { user: { id: 'u' } } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['transaction._embedded.user.profile']);
  });

  test('links: one link or an array of links per relation, each with an href', () => {
    const links = { next: { href: 'https://o/n', name: 'verify', hints: { allow: ['POST'] } }, resend: [{ href: 'https://o/r', name: 'sms' }] };
    expect(LinksSchema.parse(links)).toBe(links);
    expect(issues(LinksSchema, { next: 'https://o/n', resend: [{ name: 'sms' }], cancel: null })).toEqual([
      'next: expected object',
      'resend.0.href: expected string',
      'cancel: expected object',
    ]);
    expect(issues(LinksSchema, [])).toEqual([': expected object']);
  });

  test('a factor of an unknown type parses; a factor without provider does not', () => {
    const factor = { factorType: 'signed_nonce', provider: 'OKTA', _embedded: null, vendorName: 'FastPass' };
    expect(FactorSchema.parse(factor)).toBe(factor);
    expect(issues(FactorSchema, { factorType: 'sms', _embedded: { activation: 'x' } })).toEqual([
      'provider: expected string',
      '_embedded.activation: expected object',
    ]);
  });

  test('MFA_CHALLENGE takes one factor, or a list of them (WebAuthn verify by type)', () => {
    const base = { status: 'MFA_CHALLENGE', stateToken: 't' };
    const factor = { factorType: 'webauthn', provider: 'FIDO' };
    expect(MfaChallengeSchema.safeParse({ ...base, _embedded: { user, factor } }).success).toBe(true);
    expect(MfaChallengeSchema.safeParse({ ...base, _embedded: { user, factor: [factor, factor] } }).success).toBe(true);
    expect(issues(MfaChallengeSchema, { ...base, _embedded: { user, factor: [factor, {}] } })).toEqual([
      '_embedded.factor.1.factorType: expected string',
      '_embedded.factor.1.provider: expected string',
    ]);
  });

  test('each state schema accepts its own status only; TransactionSchema names the twelve', () => {
    for (const status of TRANSACTION_STATUSES) {
      const other = status === 'SUCCESS' ? 'LOCKED_OUT' : 'SUCCESS';
      expect(issues(TRANSACTION_SCHEMAS[status], { status: other, stateToken: 't' })).toContain(`status: expected ${status}`);
    }
    expect(issues(TransactionSchema, { status: 'PROFILE_REQUIRED' })).toEqual([`status: expected one of ${TRANSACTION_STATUSES.join(', ')}`]);
    expect(issues(TransactionSchema, null)).toEqual([': expected object']);
  });

  test('continuable states need their stateToken', () => {
    expect(issues(TRANSACTION_SCHEMAS.MFA_REQUIRED, { status: 'MFA_REQUIRED', _embedded: { user, factors: [] } })).toEqual(['stateToken: expected string']);
    expect(issues(TRANSACTION_SCHEMAS.LOCKED_OUT, { status: 'LOCKED_OUT' })).toEqual([]);
  });
});
