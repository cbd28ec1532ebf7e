import type { OktaSession } from '@okta-authn/core';
import type { Request, RequestHandler } from 'express';
import type { SessionData } from 'express-session';
import { describe, expectTypeOf, test } from 'vitest';
import type { createClient } from 'redis';
import { csrfToken, oktaAuthn, redisAttemptStore, requireSession, startTrustedRecovery } from '../src/index.js';
import type { OktaAuthnError, TrustedRecovery, TrustedRecoveryInput } from '../src/index.js';
import type { AttemptStore, ErrorCode, OktaAuthnOptions, OktaAuthnSessionData, OktaRequestContext, OktaUser, OktaUserProfile, RedisEvalClient } from '../src/index.js';

describe('type augmentation', () => {
  test("Express's Request carries req.okta, set by requireSession()", () => {
    expectTypeOf<Request['okta']>().toEqualTypeOf<OktaRequestContext | undefined>();
    expectTypeOf<OktaRequestContext['user']>().toEqualTypeOf<OktaUser>();
    expectTypeOf<OktaRequestContext['session']>().toEqualTypeOf<OktaSession>();
  });

  test("express-session's SessionData carries the Okta binding, the CSRF token and returnTo", () => {
    expectTypeOf<SessionData['okta']>().toEqualTypeOf<OktaAuthnSessionData>();
    expectTypeOf<SessionData['oktaCsrfToken']>().toEqualTypeOf<string>();
    expectTypeOf<SessionData['returnTo']>().toEqualTypeOf<string>();
    expectTypeOf<Request['session']['okta']>().toEqualTypeOf<OktaAuthnSessionData | undefined>();
  });

  test('a handler after the guard reads the user without casts', () => {
    const handler: RequestHandler = (req, res) => {
      expectTypeOf(req.okta?.user.login).toEqualTypeOf<string | undefined>();
      expectTypeOf(req.okta?.user.profile).toEqualTypeOf<OktaUserProfile | undefined>();
      expectTypeOf(req.okta?.user.profile?.login).toEqualTypeOf<string | undefined>();
      expectTypeOf(req.okta?.user.profile?.email).toEqualTypeOf<string | null | undefined>();
      expectTypeOf(req.okta?.user.profile?.['costCenter']).toEqualTypeOf<unknown>();
      res.end();
    };
    expectTypeOf(handler).toBeFunction();
  });
});

describe('public API types', () => {
  test('the factories take OktaAuthnOptions and give Express handlers with close()', () => {
    expectTypeOf(oktaAuthn).parameter(0).toEqualTypeOf<OktaAuthnOptions>();
    expectTypeOf(requireSession).parameter(0).toEqualTypeOf<OktaAuthnOptions>();
    expectTypeOf(requireSession).returns.toExtend<RequestHandler>();
    expectTypeOf(requireSession).returns.toHaveProperty('close').toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(oktaAuthn).returns.toHaveProperty('close').toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(csrfToken).returns.toEqualTypeOf<string>();
  });

  test('options are checked at compile time too', () => {
    // @ts-expect-error orgUrl is required
    expectTypeOf<OktaAuthnOptions>().toEqualTypeOf<{ appOrigin: string }>();
    expectTypeOf<{ orgUrl: string; exchange: 'magic' }>().not.toExtend<OktaAuthnOptions>();
    expectTypeOf<{ orgUrl: string; checkInterval: number; rolling: boolean }>().toExtend<OktaAuthnOptions>();
    expectTypeOf<{ orgUrl: string; profile: true }>().toExtend<OktaAuthnOptions>();
    expectTypeOf<{ orgUrl: string; profile: 'yes' }>().not.toExtend<OktaAuthnOptions>();
  });

  test('startTrustedRecovery takes a closed input and resolves the transaction for the element', () => {
    expectTypeOf(startTrustedRecovery).returns.resolves.toEqualTypeOf<TrustedRecovery>();
    expectTypeOf<TrustedRecovery['recoveryToken']>().toEqualTypeOf<string | null>();
    expectTypeOf<{ username: string; factorType: 'PIGEON' }>().not.toExtend<TrustedRecoveryInput>();
    expectTypeOf<'EUNKNOWNUSER' | 'ERECOVERYNOTALLOWED'>().toExtend<ErrorCode>();
  });

  test('errors branch on a closed set of codes', () => {
    expectTypeOf<OktaAuthnError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<'EBADCSRFTOKEN'>().toExtend<ErrorCode>();
    expectTypeOf<'EWHATEVER'>().not.toExtend<ErrorCode>();
  });
});

describe('attempt stores', () => {
  test("a node-redis client, such as the session store's, is what redisAttemptStore() takes", () => {
    expectTypeOf<ReturnType<typeof createClient>>().toExtend<RedisEvalClient>();
    expectTypeOf<{ eval: number }>().not.toExtend<RedisEvalClient>();
    expectTypeOf(redisAttemptStore).returns.toEqualTypeOf<AttemptStore>();
    expectTypeOf<OktaAuthnOptions['attemptStore']>().toEqualTypeOf<AttemptStore | undefined>();
  });
});
