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

/** Declares each private `--_<name>` as the page's `--okta-authn-<name>`, else `value`. */
function declare(tokens: Record<string, string>): string {
  return Object.entries(tokens)
    .map(([name, value]) => `--_${name}: var(--okta-authn-${name}, ${value});`)
    .join('\n');
}

/** What a browser with `light-dark()` and relative colours gets: both variants, chosen by the card's `color-scheme`. */
const schemed = declare({
  ...Object.fromEntries(Object.entries(palette).map(([name, [light, dark]]) => [name, `light-dark(${light}, ${dark})`])),
  'color-on-primary': contrasting('var(--_color-primary)'),
  // Hover moves away from the text colour, so it never has less contrast than the button at rest.
  'color-primary-hover': `color-mix(in srgb, var(--_color-primary) 80%, ${contrasting('var(--_color-on-primary)')})`,
  shadow: '0 1px 4px light-dark(rgb(0 0 0 / 0.15), rgb(0 0 0 / 0.6))',
});

/** Older browsers (Firefox ESR 115, Safari before 18): the light variant, white text on primary buttons. */
const lightOnly = declare({
  ...Object.fromEntries(Object.entries(palette).map(([name, [light]]) => [name, light])),
  'color-on-primary': '#ffffff',
  'color-primary-hover': '#0f4bb0',
  shadow: '0 1px 4px rgb(0 0 0 / 0.15)',
});

/** The other tokens, the same in both variants. */
const fixed = declare({
  radius: '6px',
  'radius-card': '10px',
  'space-xs': '4px',
  'space-s': '8px',
  'space-m': '16px',
  'space-l': '24px',
  'font-family': "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  'font-size': 'medium',
  'font-size-small': '0.875em',
  'font-size-title': '1.375em',
  'font-size-challenge': '3em',
  'font-weight-bold': '600',
  'line-height': '1.5',
  width: '24em',
  'transition-duration': '150ms',
});

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
    ${unsafeCSS(fixed)}
  }

  @supports not ((color: light-dark(red, red)) and (color: color(from red srgb-linear r g b))) {
    :host {
      ${unsafeCSS(lightOnly)}
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_transition-duration: 0ms;
    }
  }
`;
