import type { SimContext } from '../context.js';
import { iso } from '../clock.js';
import { oktaErrors } from '../errors.js';
import { numericCode } from '../ids.js';
import { safeEqual } from '../secrets.js';
import type { SentCode } from '../store.js';

/** Channels one-time codes travel by. */
export type DeliveryChannel = 'sms' | 'call' | 'email';

/** How long an emailed, texted or spoken code stays valid. */
export const CODE_LIFETIME_MS = 5 * 60_000;

/** Resend throttle per channel: SMS and voice 30 s, email 5 s. */
export const THROTTLE_MS: Readonly<Record<DeliveryChannel, number>> = { sms: 30_000, call: 30_000, email: 5_000 };
/** The longest resend throttle: delivery records older than this are no longer needed. */
export const MAX_THROTTLE_MS = Math.max(...Object.values(THROTTLE_MS));

/** True when a delivery to `to` on `channel` would be throttled now. */
export function isThrottled(ctx: SimContext, channel: DeliveryChannel, to: string): boolean {
  const last = ctx.store.lastDelivery.get(`${channel}:${to}`);
  return last !== undefined && ctx.clock.now() - last < THROTTLE_MS[channel];
}

/** Refuses a delivery to `to` sent too recently on `channel` (SMS/voice 30 s, email 5 s). */
export function assertNotThrottled(ctx: SimContext, channel: DeliveryChannel, to: string): void {
  const last = ctx.store.lastDelivery.get(`${channel}:${to}`);
  const now = ctx.clock.now();
  if (last === undefined || now - last >= THROTTLE_MS[channel]) return;
  const reset = String(Math.ceil((last + THROTTLE_MS[channel]) / 1000));
  const headers = { 'X-Rate-Limit-Limit': '1', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': reset };
  if (channel === 'sms') throw oktaErrors.smsThrottled(headers);
  if (channel === 'email') throw oktaErrors.emailThrottled(headers);
  throw oktaErrors.rateLimited(headers);
}

/** Puts a message in the outbox (dev controls only, bounded) and records the delivery time for throttling. */
export function deliver(ctx: SimContext, channel: DeliveryChannel, to: string, text: string, code: string | null): void {
  const now = ctx.clock.now();
  ctx.store.lastDelivery.set(`${channel}:${to}`, now);
  ctx.store.recordMessage({ channel, to, code, text, sentAt: iso(now) });
}

/** Sends a fresh one-time code (replacing any earlier one) and returns it for storage. */
export function sendCode(ctx: SimContext, channel: DeliveryChannel, to: string, purpose: string): SentCode {
  assertNotThrottled(ctx, channel, to);
  const code = numericCode(6);
  const text =
    channel === 'call'
      ? `Hello! Your ${purpose} code is ${code.split('').join(' ')}. Once again, your code is ${code.split('').join(' ')}.`
      : channel === 'sms'
        ? `Your ${purpose} code is ${code}`
        : `Your ${purpose} code is ${code}. It expires in 5 minutes. If you did not ask for it, ignore this email.`;
  deliver(ctx, channel, to, text, code);
  return { code, expiresAt: ctx.clock.now() + CODE_LIFETIME_MS, used: false };
}

/** True (and marks the code used) when `passCode` is the unexpired, unused code. */
export function consumeCode(ctx: SimContext, sent: SentCode | null, passCode: string): boolean {
  if (!sent || sent.used || ctx.clock.now() >= sent.expiresAt) return false;
  if (!safeEqual(sent.code, passCode.trim())) return false;
  sent.used = true;
  return true;
}

/** `+1 XXX-XXX-4242`: how authn responses show a phone number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `+1 XXX-XXX-${digits.slice(-4)}`;
}

/** `a...e@example.test`: how authn responses show an email address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  const local = email.slice(0, at);
  return `${local[0]}...${local[local.length - 1]}${email.slice(at)}`;
}

/** Normalises a phone number to E.164, or throws 400 E0000098. */
export function normalizePhone(phone: string): string {
  const compact = phone.replace(/[\s().-]/g, '');
  if (!/^\+?[1-9]\d{6,14}$/.test(compact)) throw oktaErrors.invalidPhone();
  return compact.startsWith('+') ? compact : `+${compact}`;
}
