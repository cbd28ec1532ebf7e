import type { PasswordPolicy } from './schemas/policy.js';

/** The password rules {@link evaluatePassword} checks. */
export type PasswordRuleId =
  | 'minLength'
  | 'lowerCase'
  | 'upperCase'
  | 'number'
  | 'symbol'
  | 'excludeUsername'
  | 'excludeFirstName'
  | 'excludeLastName'
  | 'excludeAttribute';

/** Whether a password meets one rule of the policy; `value` is the required count or attribute name. */
export interface PasswordRuleResult {
  /** Which rule of the policy this is. */
  rule: PasswordRuleId;
  /** True when the password satisfies the rule. */
  met: boolean;
  /** The required count (`minLength`, `lowerCase`, …) or the attribute name (`excludeAttribute`); absent for yes/no rules. */
  value?: number | string;
}

/** The user a password must not resemble. */
export interface PasswordUser {
  /** The login the username rule checks against (e.g. `ada.lovelace@example.test`). */
  login?: string;
  /** First name, for `excludeFirstName` / `excludeAttributes: ['firstName']`. */
  firstName?: string | null;
  /** Last name, for `excludeLastName` / `excludeAttributes: ['lastName']`. */
  lastName?: string | null;
}

const CHARACTER_RULES = [
  ['minLowerCase', 'lowerCase', /\p{Ll}/gu],
  ['minUpperCase', 'upperCase', /\p{Lu}/gu],
  ['minNumber', 'number', /\p{Nd}/gu],
  ['minSymbol', 'symbol', /[^\p{L}\p{N}\s]/gu],
] as const;

/** Okta's username rule: the login and its parts of ≥ 4 characters split on `, . _ # @ -`, without the parent domain. */
export function usernameParts(login: string): string[] {
  const lower = login.toLowerCase();
  const at = lower.lastIndexOf('@');
  const dot = lower.lastIndexOf('.');
  const withoutParentDomain = at >= 0 && dot > at ? lower.slice(0, dot) : lower;
  return [lower, ...withoutParentDomain.split(/[,._#@-]/).filter((part) => part.length >= 4)];
}

/** The required count of a complexity field; `<= 0`, absent or not a number means no requirement. */
function required(value: unknown): number {
  return typeof value === 'number' && value > 0 ? value : 0;
}

/**
 * Checks `password` against each rule of the policy (one entry per rule the policy sets), so a
 * form can tick requirements as the person types. The server remains the judge (history, dictionary).
 */
export function evaluatePassword(policy: PasswordPolicy | undefined, password: string, user?: PasswordUser): PasswordRuleResult[] {
  const complexity = policy?.complexity ?? {};
  const results: PasswordRuleResult[] = [];
  const lower = password.toLowerCase();
  const minLength = required(complexity.minLength);
  if (minLength) results.push({ rule: 'minLength', met: [...password].length >= minLength, value: minLength });
  for (const [field, rule, pattern] of CHARACTER_RULES) {
    const count = required(complexity[field]);
    if (count) results.push({ rule, met: (password.match(pattern) ?? []).length >= count, value: count });
  }
  if (complexity.excludeUsername === true || complexity.excludeUsername === 'true') {
    const parts = user?.login ? usernameParts(user.login) : [];
    results.push({ rule: 'excludeUsername', met: !parts.some((part) => lower.includes(part)) });
  }
  for (const attribute of complexity.excludeAttributes ?? []) {
    if (attribute === 'firstName' || attribute === 'lastName') {
      const name = user?.[attribute]?.trim().toLowerCase();
      const rule = attribute === 'firstName' ? 'excludeFirstName' : 'excludeLastName';
      results.push({ rule, met: !name || !lower.includes(name), value: attribute });
    } else {
      results.push({ rule: 'excludeAttribute', met: true, value: attribute });
    }
  }
  return results;
}

/** Okta's wording of each rule in "Password requirements: …"; `#` is the required count. */
const WORDING: Record<PasswordRuleId, [one: string, many?: string]> = {
  minLength: ['at least # characters'],
  lowerCase: ['a lowercase letter', 'at least # lowercase letters'],
  upperCase: ['an uppercase letter', 'at least # uppercase letters'],
  number: ['a number', 'at least # numbers'],
  symbol: ['a symbol', 'at least # symbols'],
  excludeUsername: ['no parts of your username'],
  excludeFirstName: ['does not include your first name'],
  excludeLastName: ['does not include your last name'],
  excludeAttribute: ['does not include your #'],
};

/**
 * The policy in Okta's words: "Password requirements: at least 8 characters, a lowercase letter,
 * an uppercase letter, a number, a symbol, no parts of your username, does not include your first
 * name, does not include your last name." — `''` when the policy sets no rule.
 */
export function describePasswordRequirements(policy: PasswordPolicy | undefined): string {
  const rules = evaluatePassword(policy, '', {}).map(({ rule, value }) => {
    const [one, many = one] = WORDING[rule];
    return (typeof value === 'number' && value > 1 ? many : one).replace('#', String(value));
  });
  return rules.length ? `Password requirements: ${rules.join(', ')}.` : '';
}
