import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

interface UserBody {
  id: string;
  status: string;
  _links: Record<string, { href: string; method?: string }>;
}

const NEW_PASSWORD = 'Fresh-Passw0rd!';

async function user(id: string): Promise<UserBody> {
  return (await org.admin('GET', `/api/v1/users/${id}`)).body as UserBody;
}

async function withQuestion(login: string): Promise<string> {
  const created = await org.admin('POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Rita', lastName: 'Question', email: login, login },
    credentials: { password: { value: PASSWORD }, recovery_question: { question: 'Name of my first robot?', answer: 'Babbage' } },
  });
  return (created.body as UserBody).id;
}

async function signIn(username: string, password: string) {
  return org.call('POST', '/api/v1/authn', { username, password });
}

describe('reset_password (admin)', () => {
  test('sendEmail=false answers a reset URL whose token runs the authn recovery; the user is in RECOVERY until the reset', async () => {
    const login = 'admin.reset@example.test';
    const id = await withQuestion(login);
    const reset = await org.admin('POST', `/api/v1/users/${id}/lifecycle/reset_password?sendEmail=false`);
    expect(reset.status).toBe(200);
    const url = (reset.body as { resetPasswordUrl: string }).resetPasswordUrl;
    expect(url).toMatch(new RegExp(`^${org.sim.url}/reset_password/[A-Za-z0-9]{20}$`));
    const recovering = await user(id);
    expect(recovering.status).toBe('RECOVERY');
    expect(Object.keys(recovering._links).sort()).toEqual(['changePassword', 'changeRecoveryQuestion', 'deactivate', 'resetPassword', 'self']);
    expect((await signIn(login, PASSWORD)).body).toMatchObject({ errorCode: 'E0000004' });
    const recovery = await org.client.verifyRecoveryToken({ recoveryToken: url.split('/').at(-1) ?? '' });
    expect(recovery.status).toBe('RECOVERY');
    const resetState = await recovery.answer('babbage');
    expect(resetState.status).toBe('PASSWORD_RESET');
    expect((await resetState.resetPassword({ newPassword: NEW_PASSWORD })).status).toBe('SUCCESS');
    expect(await user(id)).toMatchObject({ status: 'ACTIVE' });
    expect((await signIn(login, NEW_PASSWORD)).body).toMatchObject({ status: 'SUCCESS' });
  });

  test('by default it emails the link and answers {}; revokeSessions ends sessions; a STAGED user is 403 E0000038', async () => {
    const login = 'admin.reset.mail@example.test';
    const id = await withQuestion(login);
    const session = await org.call('POST', '/api/v1/sessions', { sessionToken: ((await signIn(login, PASSWORD)).body as { sessionToken: string }).sessionToken });
    const reset = await org.admin('POST', `/api/v1/users/${id}/lifecycle/reset_password?revokeSessions=true`);
    expect(reset.body).toEqual({});
    expect((await org.outbox(login)).at(-1)?.text).toContain(`${org.sim.url}/reset_password/`);
    expect((await org.admin('GET', `/api/v1/sessions/${(session.body as { id: string }).id}`)).status).toBe(404);
    const staged = await org.admin('POST', '/api/v1/users?activate=false', { profile: { firstName: 'S', lastName: 'T', email: 'staged.reset@example.test', login: 'staged.reset@example.test' } });
    expect((await org.admin('POST', `/api/v1/users/${(staged.body as UserBody).id}/lifecycle/reset_password`)).body).toMatchObject({ errorCode: 'E0000038' });
  });
});

describe('forgot_password (admin)', () => {
  test('sendEmail=false answers a /signin/reset-password link and leaves the user ACTIVE', async () => {
    const id = await withQuestion('forgot.link@example.test');
    const answer = await org.admin('POST', `/api/v1/users/${id}/credentials/forgot_password?sendEmail=false`);
    expect((answer.body as { resetPasswordUrl: string }).resetPasswordUrl).toMatch(new RegExp(`^${org.sim.url}/signin/reset-password/`));
    expect(await user(id)).toMatchObject({ status: 'ACTIVE' });
  });

  test('with the recovery answer it sets the password: wrong answer 403 E0000087, weak password 400 E0000001, half a body 400', async () => {
    const login = 'forgot.answer@example.test';
    const id = await withQuestion(login);
    const path = `/api/v1/users/${id}/credentials/forgot_password`;
    expect((await org.admin('POST', path, { password: { value: NEW_PASSWORD }, recovery_question: { answer: 'Lovelace' } })).body).toMatchObject({ errorCode: 'E0000087' });
    const weak = await org.admin('POST', path, { password: { value: 'weak' }, recovery_question: { answer: 'Babbage' } });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: password' });
    expect((await org.admin('POST', path, { password: { value: NEW_PASSWORD } })).body).toMatchObject({ errorCode: 'E0000001', errorCauses: [{ errorSummary: 'recovery_question: Required' }] });
    const done = await org.admin('POST', path, { password: { value: NEW_PASSWORD }, recovery_question: { answer: ' babbage ' } });
    expect(done.body).toEqual({ password: {}, recovery_question: { question: 'Name of my first robot?' }, provider: { type: 'OKTA', name: 'OKTA' } });
    expect((await signIn(login, NEW_PASSWORD)).body).toMatchObject({ status: 'SUCCESS' });
  });

  test('a user without a recovery question is 403 E0000034, and has no forgotPassword link', async () => {
    const id = await org.createUser('forgot.none@example.test');
    expect((await user(id))._links.forgotPassword).toBeUndefined();
    expect((await org.admin('POST', `/api/v1/users/${id}/credentials/forgot_password`)).body).toMatchObject({ errorCode: 'E0000034' });
  });
});

describe('change_password and change_recovery_question (admin)', () => {
  test('change_password checks the old password (403 E0000014), the policy (400 E0000001) and, with strict, the minimum age', async () => {
    const login = 'api.change@example.test';
    const id = await org.createUser(login, { password: { age: { minAgeMinutes: 60 } } });
    const path = `/api/v1/users/${id}/credentials/change_password`;
    expect((await org.admin('POST', path, { oldPassword: { value: 'nope' }, newPassword: { value: NEW_PASSWORD } })).body).toMatchObject({
      errorCode: 'E0000014',
      errorCauses: [{ errorSummary: 'oldPassword: The credentials provided were incorrect.' }],
    });
    expect((await org.admin('POST', path, { oldPassword: { value: PASSWORD }, newPassword: { value: 'short' } })).body).toMatchObject({ errorCode: 'E0000001' });
    expect((await org.admin('POST', `${path}?strict=true`, { oldPassword: { value: PASSWORD }, newPassword: { value: NEW_PASSWORD } })).body).toMatchObject({ errorCode: 'E0000001' });
    const done = await org.admin('POST', path, { oldPassword: { value: PASSWORD }, newPassword: { value: NEW_PASSWORD }, revokeSessions: true });
    expect(done.body).toEqual({ password: {}, provider: { type: 'OKTA', name: 'OKTA' } });
    expect((await signIn(login, NEW_PASSWORD)).body).toMatchObject({ status: 'SUCCESS' });
  });

  test('change_password finishes an admin reset (RECOVERY → ACTIVE, the reset link stops working)', async () => {
    const id = await withQuestion('api.change.recovery@example.test');
    const url = ((await org.admin('POST', `/api/v1/users/${id}/lifecycle/reset_password?sendEmail=false`)).body as { resetPasswordUrl: string }).resetPasswordUrl;
    await org.admin('POST', `/api/v1/users/${id}/credentials/change_password`, { oldPassword: { value: PASSWORD }, newPassword: { value: NEW_PASSWORD } });
    expect(await user(id)).toMatchObject({ status: 'ACTIVE' });
    await expect(org.client.verifyRecoveryToken({ recoveryToken: url.split('/').at(-1) ?? '' })).rejects.toMatchObject({ errorCode: 'E0000011' });
  });

  test('change_recovery_question needs the password and changes what recovery asks', async () => {
    const login = 'api.question@example.test';
    const id = await withQuestion(login);
    const path = `/api/v1/users/${id}/credentials/change_recovery_question`;
    const body = { recovery_question: { question: 'Favourite engine?', answer: 'Analytical' } };
    expect((await org.admin('POST', path, { password: { value: 'wrong' }, ...body })).body).toMatchObject({
      errorCode: 'E0000014',
      errorCauses: [{ errorSummary: 'password: The credentials provided were incorrect.' }],
    });
    expect((await org.admin('POST', path, { password: { value: PASSWORD }, recovery_question: { question: 'No answer?' } })).body).toMatchObject({ errorCode: 'E0000001' });
    const done = await org.admin('POST', path, { password: { value: PASSWORD }, ...body });
    expect(done.body).toMatchObject({ recovery_question: { question: 'Favourite engine?' } });
    const direct = await org.admin('POST', `/api/v1/users/${id}/credentials/forgot_password`, { password: { value: NEW_PASSWORD }, recovery_question: { answer: 'analytical' } });
    expect(direct.status).toBe(200);
  });
});

describe('deactivate and delete (admin)', () => {
  test('deactivate ends sessions and sign-in, leaves only self and activate; activate brings the user back; delete twice removes it', async () => {
    const login = 'deactivated@example.test';
    const id = await org.createUser(login);
    const session = await org.call('POST', '/api/v1/sessions', { sessionToken: ((await signIn(login, PASSWORD)).body as { sessionToken: string }).sessionToken });
    expect((await org.admin('POST', `/api/v1/users/${id}/lifecycle/deactivate`)).body).toEqual({});
    const deactivated = await user(id);
    expect(deactivated.status).toBe('DEPROVISIONED');
    expect(Object.keys(deactivated._links).sort()).toEqual(['activate', 'self']);
    expect((await org.admin('GET', `/api/v1/sessions/${(session.body as { id: string }).id}`)).status).toBe(404);
    expect((await signIn(login, PASSWORD)).body).toMatchObject({ errorCode: 'E0000004' });
    expect((await org.admin('POST', `/api/v1/users/${id}/lifecycle/deactivate`)).body).toMatchObject({ errorCode: 'E0000038' });
    expect((await org.admin('POST', `/api/v1/users/${id}/lifecycle/activate?sendEmail=false`)).status).toBe(200);
    expect(await user(id)).toMatchObject({ status: 'ACTIVE' });
    expect((await org.admin('DELETE', `/api/v1/users/${id}`)).status).toBe(204);
    expect(await user(id)).toMatchObject({ status: 'DEPROVISIONED' });
    expect((await org.admin('DELETE', `/api/v1/users/${id}`)).status).toBe(204);
    expect((await org.admin('GET', `/api/v1/users/${id}`)).body).toMatchObject({ errorCode: 'E0000007' });
  });

  test('a user in a list links only to itself', async () => {
    const list = (await org.admin('GET', '/api/v1/users?q=plain')).body as UserBody[];
    expect(list[0]?._links).toEqual({ self: { href: `${org.sim.url}/api/v1/users/${list[0]?.id}` } });
    expect(Object.keys((await user(list[0]?.id ?? ''))._links)).toContain('resetPassword');
  });

  test('every operation needs the API token (401 E0000011) and a known user (404 E0000007)', async () => {
    const id = await org.userId('plain@example.test');
    for (const path of ['lifecycle/deactivate', 'lifecycle/reset_password', 'credentials/forgot_password', 'credentials/change_password', 'credentials/change_recovery_question']) {
      expect((await org.call('POST', `/api/v1/users/${id}/${path}`, {})).body).toMatchObject({ errorCode: 'E0000011' });
      expect((await org.admin('POST', `/api/v1/users/00uNobody00000000000/${path}`, {})).body).toMatchObject({ errorCode: 'E0000007' });
    }
  });
});
