import type { Link } from '@okta-authn/core';

/** A link with `hints.allow`. */
export function authnLink(href: string, allow: string[]): Link {
  return { href, hints: { allow } };
}

/** A Users API style link (`method` instead of `hints`). */
export function methodLink(href: string, method?: string): Link {
  return method === undefined ? { href } : { href, method };
}
