import { html, svg } from 'lit';
import type { SVGTemplateResult, TemplateResult } from 'lit';

/**
 * The element's one icon set: small inline SVGs drawn on a 24-unit grid in `currentColor`,
 * sized to the text around them and hidden from assistive technology (the control or text
 * beside each icon carries the meaning). Add icons here as named exports; never inline SVG elsewhere.
 */

/** Wraps icon shapes in the shared frame: 24-unit grid, 1.25em square, 2-unit round stroke in `currentColor`, `aria-hidden`. */
export function icon(shapes: SVGTemplateResult): TemplateResult {
  return html`<svg
    class="icon"
    viewBox="0 0 24 24"
    width="1.25em"
    height="1.25em"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    ${shapes}
  </svg>`;
}

/** An open eye: "show the password" (the toggle while the password is hidden). */
export const eyeIcon = icon(svg`<path d="M2 12Q12 2 22 12Q12 22 2 12Z" /><circle cx="12" cy="12" r="3" />`);

/** An eye struck through: the toggle while the password is shown. */
export const eyeOffIcon = icon(svg`<path d="M2 12Q12 2 22 12Q12 22 2 12Z" /><circle cx="12" cy="12" r="3" /><path d="M4 4L20 20" />`);

/** A circled exclamation mark: beside the message under a field in error. */
export const errorIcon = icon(svg`<circle cx="12" cy="12" r="9" /><path d="M12 7.5V12.5M12 16.5V16.6" />`);

/** A circled check mark: a step that ended well (account unlocked, password changed, signed in). */
export const successIcon = icon(svg`<circle cx="12" cy="12" r="9" /><path d="M8 12.5L11 15.5L16 9.5" />`);

/** An envelope: a step that ends in the person's mailbox (a recovery email sent). */
export const emailIcon = icon(svg`<rect x="3" y="5" width="18" height="14" rx="2" /><path d="M3.5 6.5L12 13L20.5 6.5" />`);
