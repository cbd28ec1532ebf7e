import type { Transaction } from '@okta-authn/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { DisplayError } from '../error-messages.js';
import type { MessageKey } from '../i18n/index.js';
import { errorIcon, eyeIcon, eyeOffIcon } from '../icons.js';
import type { WidgetContext } from './types.js';

/** Shared building blocks of every view: fields, buttons, links. Inputs carry real names and autocomplete tokens. */

/** Values of a submitted form, by input name. */
export interface FormValues {
  /** Text value of `name` (`''` when absent). */
  text(name: string): string;
  /** True when the checkbox `name` is checked. */
  checked(name: string): boolean;
}

function valuesOf(form: HTMLFormElement, submitter: HTMLElement | null): FormValues {
  // The submitter's own name/value is included, so a form with one submit button per choice knows which was pressed.
  const data = new FormData(form, submitter);
  return {
    text: (name) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    },
    checked: (name) => data.has(name),
  };
}

/**
 * The view's `<form>`: native submit (Enter works), `novalidate` because the element shows its
 * own messages, `aria-busy` while a request runs. `onSubmit` is not called while busy.
 */
export function form(
  ctx: WidgetContext,
  onSubmit: (values: FormValues, form: HTMLFormElement) => void,
  content: TemplateResult | TemplateResult[],
  options: { label?: string } = {},
): TemplateResult {
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (ctx.busy) return;
    const target = event.currentTarget as HTMLFormElement;
    onSubmit(valuesOf(target, event.submitter), target);
  };
  return html`<form part="form" novalidate aria-busy=${ctx.busy ? 'true' : 'false'} aria-label=${ifDefined(options.label)} @submit=${submit}>
    ${content}
  </form>`;
}

/** Options of {@link textField}. */
export interface TextFieldOptions {
  /** Input `name` (also what errors refer to). */
  name: string;
  /** Label text. */
  label: string;
  /** Input type; `text` by default. */
  type?: 'text' | 'email' | 'tel' | 'password';
  /** Autocomplete token: `username`, `current-password`, `new-password`, `one-time-code`, `tel`… */
  autocomplete: string;
  /** `numeric` for codes. */
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  /** Initial value. */
  value?: string;
  /** Hint shown under the label and linked by `aria-describedby`. */
  hint?: string;
  /** Extra ids for `aria-describedby` (e.g. the password checklist). */
  describedBy?: string;
  /** Marks the field for initial focus. */
  focus?: boolean;
  /** Passed to the input (e.g. `"[0-9]*"`). */
  pattern?: string;
  /** Max length. */
  maxlength?: number;
  /** The step needs a value (`aria-required`); default true. */
  required?: boolean;
  /** Called with the value as the person types. */
  onInput?: (value: string) => void;
}

/**
 * Server errors (`error.*` keys) that are about what was typed in one field: shown under the field
 * the view names. Every other server error (wrong password, locked out, rate limits, network) belongs
 * to no field and stays in the banner; client-side checks (`ctx.fail(key, field)`) are always the field's.
 */
const FIELD_ERROR_KEYS: ReadonlySet<MessageKey> = new Set<MessageKey>([
  'error.invalidCode',
  'error.codeReplayed',
  'error.codeTimeWindow',
  'error.invalidAnswer',
  'error.recoveryAnswer',
  'error.invalidPhone',
  'error.passwordPolicy',
  'error.oldPasswordWrong',
  'error.passwordMismatch',
  'error.validation',
]);

/** True when `error`, about the input `field`, is shown under that input (and not in the element's banner). */
export function isFieldError(error: DisplayError | undefined, field: string | undefined): boolean {
  if (!error || !field) return false;
  return !error.key.startsWith('error.') || FIELD_ERROR_KEYS.has(error.key);
}

/** How the error on display concerns the input `name`: its own message under it, the banner (which still names it for focus), or not at all. */
function errorFor(ctx: WidgetContext, name: string): { own: DisplayError | undefined; describedBy: string | undefined } {
  if (!ctx.error || ctx.errorField !== name) return { own: undefined, describedBy: undefined };
  if (isFieldError(ctx.error, name)) return { own: ctx.error, describedBy: ctx.uid(`error-${name}`) };
  return { own: undefined, describedBy: ctx.uid('error') };
}

/** The ids given, as an `aria-describedby` value; `undefined` when there are none. */
function describedBy(ids: (string | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

/** The message under an input in error (`part="field-error"`), causes from the server as a list; `nothing` when the input has none. */
function fieldError(ctx: WidgetContext, name: string, error: DisplayError | undefined): TemplateResult | typeof nothing {
  if (!error) return nothing;
  return html`<div class="field-error" part="field-error" id=${ctx.uid(`error-${name}`)} role="alert">
    ${errorIcon}
    <div>
      ${ctx.msg(error.key, error.params)}
      ${error.causes.length ? html`<ul>${error.causes.map((cause) => html`<li>${cause}</li>`)}</ul>` : nothing}
    </div>
  </div>`;
}

/** Fields for identifiers (usernames, emails, phone numbers, codes, keys): their autocomplete tokens. */
const IDENTIFIER_AUTOCOMPLETE = new Set(['username', 'email', 'tel', 'tel-national', 'tel-extension', 'one-time-code']);

/** `ltr` for a field that holds an identifier (any type or keyboard but plain text, an identifier's autocomplete token, a code or a key), whatever the direction of the language around it; else the language's. */
function fieldDir(options: TextFieldOptions): 'ltr' | undefined {
  const identifier =
    (options.type ?? 'text') !== 'text' || (options.inputmode ?? 'text') !== 'text' || IDENTIFIER_AUTOCOMPLETE.has(options.autocomplete) || ['passCode', 'credentialId'].includes(options.name);
  return identifier ? 'ltr' : undefined;
}

/** What {@link passwordField} adds to a field: whether the password is shown, and the button that shows or hides it. */
interface Reveal {
  visible: boolean;
  toggle: TemplateResult;
}

/**
 * A labelled input; identifiers (see {@link fieldDir}) are always left-to-right. An error about it
 * shows under it, with `aria-invalid` and `aria-describedby` pointing at that message. With `reveal`
 * (a password's), the input sits in a box with its show/hide toggle.
 */
export function textField(ctx: WidgetContext, options: TextFieldOptions, reveal?: Reveal): TemplateResult {
  const id = ctx.uid(`field-${options.name}`);
  const hintId = options.hint ? ctx.uid(`hint-${options.name}`) : undefined;
  const error = errorFor(ctx, options.name);
  const input = html`<input
    part="input"
    id=${id}
    name=${options.name}
    type=${reveal?.visible ? 'text' : (options.type ?? 'text')}
    dir=${ifDefined(fieldDir(options))}
    autocomplete=${options.autocomplete}
    inputmode=${ifDefined(options.inputmode)}
    pattern=${ifDefined(options.pattern)}
    maxlength=${ifDefined(options.maxlength)}
    spellcheck="false"
    autocapitalize="off"
    .value=${options.value ?? ''}
    aria-required=${ifDefined(options.required === false ? undefined : 'true')}
    aria-invalid=${error.own ? 'true' : 'false'}
    aria-describedby=${ifDefined(describedBy([error.describedBy, hintId, options.describedBy]))}
    ?data-focus=${options.focus ?? false}
    @input=${(event: Event) => options.onInput?.((event.target as HTMLInputElement).value)}
  />`;
  return html`<div class="field" part="field">
    <label part="label" for=${id}>${options.label}</label>
    ${options.hint ? html`<span class="muted" id=${ifDefined(hintId)}>${options.hint}</span>` : nothing}
    ${reveal ? html`<div class="password">${input}${reveal.toggle}</div>` : input}
    ${fieldError(ctx, options.name, error.own)}
  </div>`;
}

/** A one-time-code input: numeric keyboard, `one-time-code` autocomplete. */
export function codeField(ctx: WidgetContext, options: { name?: string; label?: string; hint?: string; focus?: boolean } = {}): TemplateResult {
  return textField(ctx, {
    name: options.name ?? 'passCode',
    label: options.label ?? ctx.msg('mfa.code'),
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    hint: options.hint,
    focus: options.focus ?? true,
  });
}

/**
 * A password input with a show/hide toggle inside it, at its inline end: an icon button named
 * "Show password" whose `aria-pressed` says whether the password is shown (the name stays, as a
 * toggle button's must; the icon changes). The input keeps the full width of the field and is
 * padded so text never runs under the button. The visible state lives in `ctx.memory` so re-renders keep it.
 */
export function passwordField(
  ctx: WidgetContext,
  options: { name: string; label: string; autocomplete: 'current-password' | 'new-password'; describedBy?: string; focus?: boolean; onInput?: (value: string) => void },
): TemplateResult {
  const key = `visible:${options.name}`;
  const visible = ctx.memory.get(key) === true;
  const toggle = (): void => {
    ctx.memory.set(key, !visible);
    ctx.requestUpdate();
  };
  return textField(ctx, { ...options, type: 'password' }, {
    visible,
    toggle: html`<button type="button" class="toggle" part="password-toggle" aria-controls=${ctx.uid(`field-${options.name}`)} aria-pressed=${visible ? 'true' : 'false'} @click=${toggle}>
      ${visible ? eyeOffIcon : eyeIcon}<span class="sr-only">${ctx.msg('primary.showPassword')}</span>
    </button>`,
  });
}

/** A labelled checkbox. */
export function checkbox(ctx: WidgetContext, options: { name: string; label: string; checked?: boolean }): TemplateResult {
  const id = ctx.uid(`field-${options.name}`);
  return html`<div class="check" part="checkbox">
    <input id=${id} type="checkbox" name=${options.name} .checked=${options.checked ?? false} />
    <label for=${id} class="check">${options.label}</label>
  </div>`;
}

/** The form's submit button (disabled while busy). */
export function submitButton(ctx: WidgetContext, label: string): TemplateResult {
  return html`<button type="submit" class="primary" part="button submit" ?disabled=${ctx.busy}>
    ${ctx.busy ? html`<span class="busy" aria-hidden="true"></span> ` : nothing}${label}
  </button>`;
}

/**
 * An action button that is not a form's submit: secondary (outlined) by default; `primary` for a
 * step whose main action is not a form (part `button submit` then, as a submit button's).
 */
export function actionButton(ctx: WidgetContext, label: string, onClick: () => void, options: { part?: string; disabled?: boolean; primary?: boolean } = {}): TemplateResult {
  const primary = options.primary ?? false;
  return html`<button
    type="button"
    class=${primary ? 'primary' : 'secondary'}
    part=${options.part ?? (primary ? 'button submit' : 'button secondary')}
    ?disabled=${ctx.busy || (options.disabled ?? false)}
    @click=${onClick}
  >
    ${label}
  </button>`;
}

/** A link-styled button (navigation inside the element); disabled while busy unless `always`. `onClick` gets the click. */
export function linkButton(ctx: WidgetContext, label: string, onClick: (event: Event) => void, part = 'link', always = false): TemplateResult {
  return html`<button type="button" class="link" part=${part} ?disabled=${ctx.busy && !always} @click=${onClick}>${label}</button>`;
}

/**
 * "Back to sign in": cancels the transaction (when it can be) and shows primary auth. Enabled
 * while a request runs, so a stalled request never locks the element: its result is dropped.
 * Not shown during MFA with `hide-sign-out-in-mfa`.
 */
export function backToSignIn(ctx: WidgetContext): TemplateResult | typeof nothing {
  const status = ctx.tx?.status;
  if (ctx.config.hideSignOutInMfa && (status === 'MFA_REQUIRED' || status === 'MFA_CHALLENGE')) return nothing;
  return linkButton(ctx, ctx.msg('widget.backToSignIn'), () => void ctx.cancel(), 'link back', true);
}

/** "Back to sign in" as the primary action of a step that ends here (account unlocked, email sent, a step the element cannot show). */
export function backToSignInButton(ctx: WidgetContext): TemplateResult {
  return actionButton(ctx, ctx.msg('widget.backToSignIn'), () => void ctx.cancel(), { primary: true, part: 'button submit back' });
}

/** The status icon of a step that ends here (`success`: done; `info`: look elsewhere, e.g. an email). The card shows it above the heading. */
export function statusIcon(icon: TemplateResult, tone: 'success' | 'info'): TemplateResult {
  return html`<div class="status ${tone}" part="status">${icon}</div>`;
}

/** The links row under a form. */
export function links(...items: (TemplateResult | typeof nothing)[]): TemplateResult {
  return html`<div class="links" part="links">${items}</div>`;
}

/** An intro paragraph. */
export function intro(text: string): TemplateResult {
  return html`<p part="intro">${text}</p>`;
}

/** Reads a code from the form, spaces removed; `undefined` (with the error shown on the field) when empty. */
export function passCodeOf(ctx: WidgetContext, values: FormValues, name = 'passCode'): string | undefined {
  const passCode = values.text(name).replace(/\s+/g, '');
  if (!passCode) ctx.fail('mfa.codeRequired', name);
  return passCode || undefined;
}

/**
 * `SUCCESS` transactions that a password change or reset led to. Kept here, in the entry, because the
 * password views (chunk `password`) record them and the `SUCCESS` view (the client's chunk) reads them.
 */
const afterPasswordChange = new WeakSet<Transaction>();

/** Records `next` when it is the `SUCCESS` of a password change or reset (a `RunOptions.onResult`): its view says the password changed. */
export function markPasswordChanged(next: Transaction): void {
  if (next.status === 'SUCCESS') afterPasswordChange.add(next);
}

/** True when `tx` is the `SUCCESS` of a password change or reset. */
export function passwordChanged(tx: Transaction | undefined): boolean {
  return tx !== undefined && afterPasswordChange.has(tx);
}
