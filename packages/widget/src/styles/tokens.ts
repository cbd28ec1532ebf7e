import { css } from 'lit';

/**
 * Design tokens. Every colour, radius, spacing and font comes from an `--okta-authn-*` custom
 * property with a fallback; the private `--_*` copies let the dark variant change the fallbacks
 * while a page's own value still wins in both schemes.
 */
export const tokens = css`
  :host {
    --_color-primary: var(--okta-authn-color-primary, #1662dd);
    --_color-primary-hover: var(--okta-authn-color-primary-hover, #0f4bb0);
    --_color-on-primary: var(--okta-authn-color-on-primary, #ffffff);
    --_color-text: var(--okta-authn-color-text, #1d1d21);
    --_color-text-muted: var(--okta-authn-color-text-muted, #565661);
    --_color-background: var(--okta-authn-color-background, #ffffff);
    --_color-surface: var(--okta-authn-color-surface, #f4f4f6);
    --_color-border: var(--okta-authn-color-border, #8c8c96);
    --_color-focus: var(--okta-authn-color-focus, #1662dd);
    --_color-error: var(--okta-authn-color-error, #b3261e);
    --_color-error-background: var(--okta-authn-color-error-background, #fdeceb);
    --_color-success: var(--okta-authn-color-success, #1e7b34);
    --_color-notice: var(--okta-authn-color-notice, #1d3f73);
    --_color-notice-background: var(--okta-authn-color-notice-background, #e8f0fd);
    --_color-link: var(--okta-authn-color-link, #1662dd);
    --_radius: var(--okta-authn-radius, 6px);
    --_radius-card: var(--okta-authn-radius-card, 10px);
    --_space-xs: var(--okta-authn-space-xs, 0.25rem);
    --_space-s: var(--okta-authn-space-s, 0.5rem);
    --_space-m: var(--okta-authn-space-m, 1rem);
    --_space-l: var(--okta-authn-space-l, 1.5rem);
    --_font-family: var(--okta-authn-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--okta-authn-font-size, 1rem);
    --_font-size-small: var(--okta-authn-font-size-small, 0.875rem);
    --_font-size-title: var(--okta-authn-font-size-title, 1.375rem);
    --_font-size-challenge: var(--okta-authn-font-size-challenge, 3rem);
    --_font-weight-bold: var(--okta-authn-font-weight-bold, 600);
    --_line-height: var(--okta-authn-line-height, 1.5);
    --_width: var(--okta-authn-width, 24rem);
    --_shadow: var(--okta-authn-shadow, 0 1px 4px rgb(0 0 0 / 0.15));
    --_transition: var(--okta-authn-transition-duration, 150ms);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_color-primary: var(--okta-authn-color-primary, #8ab4ff);
      --_color-primary-hover: var(--okta-authn-color-primary-hover, #b3ceff);
      --_color-on-primary: var(--okta-authn-color-on-primary, #0b1a33);
      --_color-text: var(--okta-authn-color-text, #f1f1f4);
      --_color-text-muted: var(--okta-authn-color-text-muted, #b9b9c3);
      --_color-background: var(--okta-authn-color-background, #1b1c20);
      --_color-surface: var(--okta-authn-color-surface, #26272d);
      --_color-border: var(--okta-authn-color-border, #8b8b96);
      --_color-focus: var(--okta-authn-color-focus, #8ab4ff);
      --_color-error: var(--okta-authn-color-error, #ffb4ab);
      --_color-error-background: var(--okta-authn-color-error-background, #3b1d1b);
      --_color-success: var(--okta-authn-color-success, #8fd9a0);
      --_color-notice: var(--okta-authn-color-notice, #cfe0ff);
      --_color-notice-background: var(--okta-authn-color-notice-background, #1e2a40);
      --_color-link: var(--okta-authn-color-link, #8ab4ff);
      --_shadow: var(--okta-authn-shadow, 0 1px 4px rgb(0 0 0 / 0.6));
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_transition: 0ms;
    }
  }
`;
