import { OktaAuthn } from './okta-authn.js';

/** The tag name `<okta-authn>`. */
export const TAG_NAME = 'okta-authn';

/** Registers `<okta-authn>`; safe to call (and to import) more than once, and in Node without a DOM. */
export function defineOktaAuthn(): void {
  if (typeof customElements === 'undefined' || customElements.get(TAG_NAME)) return;
  customElements.define('okta-authn', OktaAuthn);
}

defineOktaAuthn();

declare global {
  interface HTMLElementTagNameMap {
    'okta-authn': OktaAuthn;
  }
}
