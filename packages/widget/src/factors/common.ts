import type { Factor, RememberDevicePolicy } from '@okta-authn/core';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { formatMinutes } from '../i18n/units.js';
import { checkbox } from '../views/parts.js';
import type { FormValues } from '../views/parts.js';
import type { WidgetContext } from '../views/types.js';

/** The remember-device policy of an `MFA_REQUIRED` / `MFA_CHALLENGE` transaction. */
export function rememberDevicePolicy(ctx: WidgetContext): RememberDevicePolicy | undefined {
  return (ctx.tx?._embedded as { policy?: RememberDevicePolicy } | undefined)?.policy;
}

/** "Don't ask again on this device" when the policy allows it (pre-ticked by `rememberDeviceByDefault`). */
export function rememberDeviceField(ctx: WidgetContext): TemplateResult {
  const policy = rememberDevicePolicy(ctx);
  if (!policy?.allowRememberDevice) return html``;
  const minutes = policy.rememberDeviceLifetimeInMinutes ?? 0;
  const label = minutes > 0 ? ctx.msg('mfa.rememberDeviceFor', { duration: formatMinutes(minutes, ctx.lang) }) : ctx.msg('mfa.rememberDevice');
  return checkbox(ctx, { name: 'rememberDevice', label, checked: policy.rememberDeviceByDefault ?? false });
}

/** The verify options from the form: `rememberDevice` only when the policy offers the choice. */
export function verifyOptions(ctx: WidgetContext, values: FormValues): { rememberDevice?: boolean } {
  return rememberDevicePolicy(ctx)?.allowRememberDevice ? { rememberDevice: values.checked('rememberDevice') } : {};
}

/** A profile field of a factor as a string (`''` when absent). */
export function profileText(factor: Factor, field: string): string {
  const value = (factor.profile as Record<string, unknown> | null | undefined)?.[field];
  return typeof value === 'string' ? value : '';
}

/** The activation QR code (`tx.qrCode()`) as an `<img>`; nothing when absent or not an http(s) URL. */
export function qrImage(ctx: WidgetContext, alt: string): TemplateResult {
  const href = ctx.tx?.qrCode()?.href;
  if (!href || !/^https?:\/\//i.test(href)) return html``;
  return html`<img class="qr" part="qr" src=${href} alt=${alt} width="200" height="200" />`;
}

/** A polite "working on it" line with a spinner (push waiting, activation waiting). */
export function waiting(text: string): TemplateResult {
  return html`<p class="waiting" part="waiting" role="status"><span class="busy" aria-hidden="true"></span> ${text}</p>`;
}

