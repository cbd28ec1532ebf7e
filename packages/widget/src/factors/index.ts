import type { Factor } from '@okta-authn/core';
import type { FactorModule, FactorStep, View, WidgetContext } from '../views/types.js';
import { call } from './call.js';
import { email } from './email.js';
import { push } from './push.js';
import { question } from './question.js';
import { sms } from './sms.js';
import { token } from './token.js';
import { totp } from './totp.js';
import { unsupported } from './unsupported.js';
import { yubikey } from './yubikey.js';

/** Every factor module, one per file in this folder; types not listed (u2f, webauthn, web, unknown) are {@link unsupported}. */
export const FACTOR_MODULES: readonly FactorModule[] = [push, totp, yubikey, token, sms, call, email, question];

/** Order of factor types in the picker (Okta's: strongest and quickest first); others follow. */
export const FACTOR_ORDER: readonly string[] = [
  'push',
  'token:software:totp',
  'token:hardware',
  'token',
  'token:hotp',
  'sms',
  'call',
  'email',
  'question',
];

const byType = new Map<string, FactorModule>(FACTOR_MODULES.flatMap((module) => module.types.map((type) => [type, module] as const)));

/** The module of a factor, or {@link unsupported}. */
export function factorModule(factor: Factor): FactorModule {
  return byType.get(factor.factorType) ?? unsupported;
}

/** The view of `step` for `factor`; the unsupported view when the module lacks that step. */
export function factorView(ctx: WidgetContext, factor: Factor, step: FactorStep): View {
  const module = factorModule(factor);
  const create = module[step] ?? unsupported[step];
  if (!create) throw new TypeError(`No ${step} view for ${factor.factorType}`);
  return create(ctx, factor);
}

/** `factors` sorted for the picker: by {@link FACTOR_ORDER}, then as Okta listed them. */
export function sortFactors(factors: readonly Factor[]): Factor[] {
  const rank = (factor: Factor) => {
    const index = FACTOR_ORDER.indexOf(factor.factorType);
    return index === -1 ? FACTOR_ORDER.length : index;
  };
  return factors
    .map((factor, index) => ({ factor, index }))
    .sort((a, b) => rank(a.factor) - rank(b.factor) || a.index - b.index)
    .map(({ factor }) => factor);
}
