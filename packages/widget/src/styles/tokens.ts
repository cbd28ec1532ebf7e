import { css, unsafeCSS } from 'lit';

/** Each colour token without the `--okta-authn-` prefix, with its light and its dark default. */
const palette = {
  'color-primary': ['#1662dd', '#8ab4ff'],
  'color-text': ['#1d1d21', '#f1f1f4'],
  'color-text-muted': ['#565661', '#b9b9c3'],
  'color-background': ['#ffffff', '#1b1c20'],
  'color-surface': ['#f4f4f6', '#26272d'],
  'color-border': ['#8c8c96', '#8b8b96'],
  'color-focus': ['#1662dd', '#8ab4ff'],
  'color-error': ['#b3261e', '#ffb4ab'],
  'color-error-background': ['#fdeceb', '#3b1d1b'],
  'color-success': ['#1e7b34', '#8fd9a0'],
  'color-notice': ['#1d3f73', '#cfe0ff'],
  'color-notice-background': ['#e8f0fd', '#1e2a40'],
  'color-link': ['#1662dd', '#8ab4ff'],
} as const;

/**
 * White below relative luminance 0.1791, black above: the two WCAG ratios cross there (≈ 4.58:1), so the
 * pick is always at least that far from `color`. The `srgb-linear` channels are linear light, so their
 * weighted sum is exactly the WCAG relative luminance.
 */
function contrasting(color: string): string {
  const channel = 'clamp(0, (0.1791 - (0.2126 * r + 0.7152 * g + 0.0722 * b)) * 1e9, 1)';
  return `color(from ${color} srgb-linear ${channel} ${channel} ${channel} / 1)`;
}

/** What a browser with `light-dark()` and relative colours gets: both variants, chosen by the card's `color-scheme`. */
const schemed = [
  ...Object.entries(palette).map(([name, [light, dark]]) => `--_${name}: var(--okta-authn-${name}, light-dark(${light}, ${dark}));`),
  `--_color-on-primary: var(--okta-authn-color-on-primary, ${contrasting('var(--_color-primary)')});`,
  // Hover moves away from the text colour, so it never has less contrast than the button at rest.
  `--_color-primary-hover: var(--okta-authn-color-primary-hover, color-mix(in srgb, var(--_color-primary) 80%, ${contrasting('var(--_color-on-primary)')}));`,
  `--_shadow: var(--okta-authn-shadow, 0 1px 4px light-dark(rgb(0 0 0 / 0.15), rgb(0 0 0 / 0.6)));`,
].join('\n');

/** Older browsers (Firefox ESR 115, Safari before 18): the light variant, white text on primary buttons. */
const lightOnly = [
  ...Object.entries(palette).map(([name, [light]]) => `--_${name}: var(--okta-authn-${name}, ${light});`),
  '--_color-on-primary: var(--okta-authn-color-on-primary, #ffffff);',
  '--_color-primary-hover: var(--okta-authn-color-primary-hover, #0f4bb0);',
  '--_shadow: var(--okta-authn-shadow, 0 1px 4px rgb(0 0 0 / 0.15));',
].join('\n');

/**
 * Design tokens. Every colour, radius, spacing and font comes from an `--okta-authn-*` custom
 * property with a fallback; the private `--_*` copies hold both variants (`light-dark()`), so the
 * card's `color-scheme` — the page's, or the `theme` attribute's — picks one, and a page's own
 * value wins in both. No length depends on the page's root font size (`rem`): text sizes are
 * relative to `--okta-authn-font-size` (the reader's default size, `medium`), spacing is in pixels.
 */
export const tokens = css`
  :host {
    ${unsafeCSS(schemed)}
    --_radius: var(--okta-authn-radius, 6px);
    --_radius-card: var(--okta-authn-radius-card, 10px);
    --_space-xs: var(--okta-authn-space-xs, 4px);
    --_space-s: var(--okta-authn-space-s, 8px);
    --_space-m: var(--okta-authn-space-m, 16px);
    --_space-l: var(--okta-authn-space-l, 24px);
    --_font-family: var(--okta-authn-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--okta-authn-font-size, medium);
    --_font-size-small: var(--okta-authn-font-size-small, 0.875em);
    --_font-size-title: var(--okta-authn-font-size-title, 1.375em);
    --_font-size-challenge: var(--okta-authn-font-size-challenge, 3em);
    --_font-weight-bold: var(--okta-authn-font-weight-bold, 600);
    --_line-height: var(--okta-authn-line-height, 1.5);
    --_width: var(--okta-authn-width, 24em);
    --_transition: var(--okta-authn-transition-duration, 150ms);
  }

  @supports not ((color: light-dark(red, red)) and (color: color(from red srgb-linear r g b))) {
    :host {
      ${unsafeCSS(lightOnly)}
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_transition: 0ms;
    }
  }
`;
