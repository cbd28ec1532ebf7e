import { describe, expect, test } from 'vitest';
import { describePasswordRequirements, evaluatePassword } from '../src/index.js';
import type { PasswordPolicy, PasswordUser } from '../src/index.js';

const fullPolicy: PasswordPolicy = {
  complexity: {
    minLength: 8,
    minLowerCase: 1,
    minUpperCase: 1,
    minNumber: 1,
    minSymbol: 1,
    excludeUsername: true,
    excludeAttributes: ['firstName', 'lastName'],
  },
};
const isaac = { login: 'isaac.brock@example.com', firstName: 'Isaac', lastName: 'Brock' };
const met = (policy: PasswordPolicy | undefined, password: string, user: PasswordUser = isaac) =>
  Object.fromEntries(evaluatePassword(policy, password, user).map((result) => [result.rule, result.met]));

describe('evaluatePassword', () => {
  test('returns one entry per rule of the policy, with the required count', () => {
    expect(evaluatePassword(fullPolicy, 'Tr0ub4dor&3', isaac)).toEqual([
      { rule: 'minLength', met: true, value: 8 },
      { rule: 'lowerCase', met: true, value: 1 },
      { rule: 'upperCase', met: true, value: 1 },
      { rule: 'number', met: true, value: 1 },
      { rule: 'symbol', met: true, value: 1 },
      { rule: 'excludeUsername', met: true },
      { rule: 'excludeFirstName', met: true, value: 'firstName' },
      { rule: 'excludeLastName', met: true, value: 'lastName' },
    ]);
  });

  test('reports each character class that is missing', () => {
    expect(met(fullPolicy, 'short')).toMatchObject({ minLength: false, lowerCase: true, upperCase: false, number: false, symbol: false });
    expect(met(fullPolicy, 'ALLUPPER123!')).toMatchObject({ lowerCase: false, upperCase: true, number: true, symbol: true });
  });

  test('counts more than one required character of a class', () => {
    const policy = { complexity: { minNumber: 3, minSymbol: 2 } };
    expect(met(policy, 'ab12!')).toEqual({ number: false, symbol: false });
    expect(met(policy, 'a1b2c3!?')).toEqual({ number: true, symbol: true });
  });

  test('treats 0 and negative values as no requirement', () => {
    const policy = { complexity: { minLength: 0, minLowerCase: -1, minUpperCase: -1, minNumber: 0, minSymbol: -1, excludeUsername: false } };
    expect(evaluatePassword(policy, 'x', isaac)).toEqual([]);
    expect(evaluatePassword(undefined, 'x')).toEqual([]);
  });

  test('username rule: parts of 4+ characters split on , . _ # @ - are forbidden, the parent domain is not', () => {
    expect(met(fullPolicy, 'Brock-Solid-1!').excludeUsername).toBe(false);
    expect(met(fullPolicy, 'My-isaac-1!').excludeUsername).toBe(false);
    expect(met(fullPolicy, 'Example-1!').excludeUsername).toBe(false);
    expect(met(fullPolicy, 'dotcom-Is-1!').excludeUsername).toBe(true);
    const info = { login: 'ab_cd#wxyz@host.info', firstName: null, lastName: null };
    expect(met(fullPolicy, 'Great-info-1!', info).excludeUsername).toBe(true);
    expect(met(fullPolicy, 'Great-ab-cd-1!', info).excludeUsername).toBe(true);
    expect(met(fullPolicy, 'Great-WXYZ-1!', info).excludeUsername).toBe(false);
    expect(met(fullPolicy, 'Great-host-1!', info).excludeUsername).toBe(false);
  });

  test('excludeUsername given as the string "true" (one doc example) is honoured', () => {
    expect(met({ complexity: { excludeUsername: 'true' } }, 'isaac.brock@example.com!')).toEqual({ excludeUsername: false });
  });

  test('first and last names are matched case-insensitively; unsupported attributes are listed as met', () => {
    expect(met(fullPolicy, 'iSaAc-2024!')).toMatchObject({ excludeFirstName: false, excludeLastName: true });
    expect(met(fullPolicy, 'Strong-BROCK-1!')).toMatchObject({ excludeLastName: false });
    expect(evaluatePassword({ complexity: { excludeAttributes: ['nickName'] } }, 'x', isaac)).toEqual([{ rule: 'excludeAttribute', met: true, value: 'nickName' }]);
  });
});

describe('describePasswordRequirements', () => {
  test('uses Okta\'s wording, joined with commas and ending with a period', () => {
    expect(describePasswordRequirements(fullPolicy)).toBe(
      'Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, a symbol, no parts of your username, does not include your first name, does not include your last name.',
    );
  });

  test('leaves out unset rules and counts multiples', () => {
    expect(describePasswordRequirements({ complexity: { minLength: 12, minNumber: 2, minSymbol: -1 } })).toBe('Password requirements: at least 12 characters, at least 2 numbers.');
    expect(describePasswordRequirements({ age: { historyCount: 4 } })).toBe('');
  });
});
