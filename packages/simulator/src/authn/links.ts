import type { Link } from '@okta-authn/core';

/** A HAL link with `hints.allow` (POST unless told otherwise). */
export function link(href: string, options: { name?: string; allow?: string[] } = {}): Link {
  return {
    ...(options.name !== undefined ? { name: options.name } : {}),
    href,
    hints: { allow: options.allow ?? ['POST'] },
  };
}

/** The transaction-level `cancel` link. */
export function cancelLink(origin: string): Link {
  return link(`${origin}/api/v1/authn/cancel`);
}

/** The transaction-level `prev` link. */
export function prevLink(origin: string): Link {
  return link(`${origin}/api/v1/authn/previous`);
}
