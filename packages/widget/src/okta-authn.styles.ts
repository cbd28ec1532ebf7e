import { css } from 'lit';
import type { CSSResult } from 'lit';
import { tokens } from './styles/tokens.js';

const layout = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  /*
   * The root part inherits nothing from the page: 'all' resets every property except direction,
   * unicode-bidi (the card's dir attribute sets them) and custom properties (the --okta-authn-*
   * tokens come in); then the card sets its own. It keeps the page's color-scheme (the theme, see
   * tokens.ts), visibility, pointer-events and text-size-adjust (a page that stops mobile browsers
   * enlarging text stops it here too). Before the flow rule below, which sets its display.
   */
  .card {
    all: initial;
    box-sizing: border-box;
    color-scheme: inherit;
    visibility: inherit;
    pointer-events: inherit;
    text-size-adjust: inherit;
    -webkit-text-size-adjust: inherit;
    max-width: var(--_width);
    margin-inline: auto;
    color: var(--_color-text);
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    background: var(--_color-background);
    border-radius: var(--_radius-card);
    box-shadow: var(--_shadow);
    padding: var(--_space-l);
  }
  /* Native parts (checkboxes, select lists) follow the chosen variant too. */
  :host([theme='light']) .card {
    color-scheme: light;
  }
  :host([theme='dark']) .card {
    color-scheme: dark;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /*
   * Flow layout, the one rule that spaces blocks: the card's children (title, banners, intro, form,
   * actions, links), a form's and an open disclosure's are stacked with the scale's block gap.
   * Blocks carry no vertical margins of their own.
   */
  .card,
  form,
  details[open],
  details[open]::details-content {
    display: flex;
    flex-direction: column;
    gap: var(--_space-m);
  }
  .card > *,
  form > *,
  details > *,
  .group > * {
    margin-block: 0;
  }
  /* A logo keeps its own size and comes first (a step's status icon, in styles/steps.ts, comes next). */
  ::slotted([slot='logo']) {
    align-self: center;
    order: -2;
  }
  /* Waiting (300 ms at most) for the language's messages: nothing in English flashes first. */
  .card.held {
    visibility: hidden;
  }
  .title {
    font-size: var(--_font-size-title);
    font-weight: var(--_font-weight-bold);
    margin: 0;
  }
  .title:focus {
    outline: none;
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  form {
    margin: 0;
  }
  label {
    font-weight: var(--_font-weight-bold);
  }
  input[type='text'],
  input[type='email'],
  input[type='tel'],
  input[type='password'],
  input:not([type]),
  select {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-background);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: var(--_space-s);
    width: 100%;
    min-height: 2.75em;
  }
  input[aria-invalid='true'] {
    border-color: var(--_color-error);
    /* A second pixel of red inside the border: the focus ring sits outside it (outline-offset), so the error edge stays visible while focused. */
    box-shadow: inset 0 0 0 1px var(--_color-error);
  }
  :focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: 2px;
  }
  /* The show/hide toggle sits inside the password input, at its inline end; the input keeps the field's full width. */
  .password {
    position: relative;
  }
  .password input {
    padding-inline-end: 2.75em;
  }
  /* The input itself is always ltr: in a right-to-left card the toggle is on its inline-start side. */
  .password:dir(rtl) input {
    padding-inline-start: 2.75em;
    padding-inline-end: var(--_space-s);
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
    font-weight: normal;
  }
  .check input {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_color-primary);
  }
  button,
  a.primary {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    min-height: 2.75em;
    padding: var(--_space-s) var(--_space-m);
    transition: background-color var(--_transition-duration), color var(--_transition-duration);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.65;
  }
  .primary {
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    border: 1px solid var(--_color-primary);
    font-weight: var(--_font-weight-bold);
  }
  .primary:hover:not(:disabled) {
    background: var(--_color-primary-hover);
  }
  .secondary {
    background: var(--_color-background);
    color: var(--_color-primary);
    border: 1px solid var(--_color-primary);
  }
  /* The hierarchy: a step's one primary action is filled, its secondary ones outlined, both as wide as the form; links are underlined text. */
  .primary,
  .secondary {
    width: 100%;
  }
  a.primary {
    display: flex;
    align-items: center;
    justify-content: center;
    text-decoration: none;
  }
  .link,
  a[part~='link'],
  details summary {
    padding: var(--_space-xs) 0;
    color: var(--_color-link);
    font-weight: normal;
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  /* Buttons that look like text (a link, the password toggle). */
  .link,
  .toggle {
    background: none;
    border: none;
    min-height: 0;
  }
  .link {
    text-align: start;
  }
  a {
    color: var(--_color-link);
  }
  .toggle {
    position: absolute;
    inset-block: 0;
    inset-inline-end: 0;
    width: 2.75em;
    padding: 0;
    display: grid;
    place-items: center;
    color: var(--_color-text-muted);
  }
  .toggle:hover,
  .toggle[aria-pressed='true'] {
    color: var(--_color-text);
  }
  /* Inside the field, so the ring does not overlap the input's own. */
  .toggle:focus-visible {
    outline-offset: calc(-1 * var(--_space-xs));
  }
  /* Inside a block, what belongs together (a label and its input, links, a list and its title, a countdown and its button) sits closer. */
  .field,
  .links,
  .group {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
  }
  .links {
    align-items: flex-start;
  }
  .error,
  .notice {
    border-radius: var(--_radius);
    padding: var(--_space-s) var(--_space-m);
    margin: 0;
  }
  .error {
    color: var(--_color-error);
    background: var(--_color-error-background);
    border-inline-start: 4px solid var(--_color-error);
  }
  .error:focus {
    outline: 2px solid var(--_color-focus);
  }
  .error ul {
    margin: var(--_space-xs) 0 0;
    padding-inline-start: var(--_space-l);
  }
  .error .actions {
    margin-block-start: var(--_space-s);
  }
  .notice {
    color: var(--_color-notice);
    background: var(--_color-notice-background);
  }
  .field-error {
    color: var(--_color-error);
    font-size: var(--_font-size-small);
  }
  .field .field-error {
    display: flex;
    align-items: flex-start;
    gap: var(--_space-xs);
    overflow-wrap: anywhere;
  }
  /* As tall as a line of the message: the icon centres on its first line. */
  .field-error .icon {
    flex: none;
    height: calc(var(--_line-height) * 1em);
  }
  .field-error ul {
    margin: var(--_space-xs) 0 0;
    padding-inline-start: var(--_space-m);
  }
  .busy {
    display: inline-block;
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    vertical-align: middle;
    animation: spin 0.8s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .busy {
      animation: none;
      border-inline-end-color: currentColor;
      opacity: 0.6;
    }
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** The spinner animation; kept apart because light-DOM mode cannot nest `@keyframes` in a scope. */
export const keyframes = css`
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;

/** Styles of `<okta-authn>`: tokens, then layout, then keyframes. */
export const styles = [tokens, layout, keyframes];

const adopted = new WeakMap<Document | ShadowRoot, Set<CSSResult>>();

/** Light-DOM mode: scope `sheets` (the element's own, or those a chunk brings) under `<tag>[no-shadow]` and adopt each once per root. */
export function adoptLightStyles(element: HTMLElement, sheets: readonly CSSResult[] = styles): void {
  const root = element.getRootNode() as Document | ShadowRoot;
  if (!('adoptedStyleSheets' in root)) return;
  let done = adopted.get(root);
  if (!done) adopted.set(root, (done = new Set()));
  const fresh = sheets.filter((sheet) => !done.has(sheet));
  if (!fresh.length) return;
  for (const sheet of fresh) done.add(sheet);
  const scoped = fresh
    .filter((sheet) => sheet !== keyframes)
    .map((sheet) => sheet.cssText.replace(/:host\(([^)]*)\)/g, '&$1').replace(/:host/g, '&'))
    .join('\n');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`${fresh.includes(keyframes) ? keyframes.cssText : ''}\n${element.localName}[no-shadow] {\n${scoped}\n}`);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
