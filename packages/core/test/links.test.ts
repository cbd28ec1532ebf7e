import { describe, expect, test } from 'vitest';
import { availableMoves, findLink, parseTransaction, TransitionNotAllowedError } from '../src/index.js';
import { link } from './helpers.js';

const links = {
  next: link('/api/v1/authn/factors/x/verify', 'verify'),
  resend: [link('/api/v1/authn/factors/x/verify/resend', 'sms'), link('/api/v1/authn/factors/y/verify/resend', 'call')],
  single: link('/api/v1/authn/recovery/factors/CALL/resend', 'CALL'),
  logo: { name: 'medium', href: 'https://org.example.test/logo.png', type: 'image/png' },
};

describe('findLink', () => {
  test('picks a link of an array relation by name, and the first one without a name', () => {
    expect(findLink(links, 'resend', 'call')?.href).toMatch(/\/y\//);
    expect(findLink(links, 'resend')?.name).toBe('sms');
    expect(findLink(links, 'resend', 'email')).toBeUndefined();
  });

  test('a single link is returned whatever name is asked, except next whose name is its operation', () => {
    expect(findLink(links, 'single', 'sms')?.name).toBe('CALL');
    expect(findLink(links, 'next', 'verify')).toBeDefined();
    expect(findLink(links, 'next', 'poll')).toBeUndefined();
    expect(findLink(undefined, 'next')).toBeUndefined();
  });
});

describe('availableMoves', () => {
  test('names next and resend links by operation and leaves data links (logo, qrcode) out', () => {
    const tx = parseTransaction({ status: 'MFA_CHALLENGE', stateToken: 't', _embedded: { user: { id: 'u', profile: { login: 'a' } }, factor: { factorType: 'sms', provider: 'OKTA' } }, _links: links });
    expect(availableMoves(tx)).toEqual(['next:verify', 'resend:sms', 'resend:call', 'single']);
  });

  test('the refusal names the state, the move and what is available', () => {
    const error = new TransitionNotAllowedError('LOCKED_OUT', 'prev', ['next:unlock', 'cancel']);
    expect(error.message).toBe('"prev" is not allowed in LOCKED_OUT; available: next:unlock, cancel');
    expect(error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(new TransitionNotAllowedError('SUCCESS', 'cancel', []).message).toMatch(/available: none$/);
  });
});
