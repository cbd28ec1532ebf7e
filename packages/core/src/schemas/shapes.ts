import { object, oneOrList, optional, orNull, recordOf, text } from './check.js';

// The run-time checks of the resources that nest in others: links (in every resource), factors and
// users (in transactions). Their own schemas and the schemas they nest in share these, so a nested
// resource is checked by a plain function call, not by one zod parse inside another.

/** One HAL link: only `href` is checked; the other fields are typed and kept. */
export const link = object({ href: text });

/** A link relation: one link, or an array of named links. */
export const linkRelation = oneOrList(link);

/** A `_links` object: every relation is a link or an array of links. */
export const links = recordOf(linkRelation);

/** `factor._embedded.activation`: its `_links`. */
export const activation = object({ _links: optional(links) });

/** A factor: `factorType`, `provider`, its `_links` and its activation's. */
export const factor = object({
  factorType: text,
  provider: text,
  _links: optional(links),
  _embedded: optional(orNull(object({ activation: optional(orNull(activation)) }))),
});

/** The user's profile: its `login`. */
export const userProfile = object({ login: text });

/** The user's recovery question. */
export const recoveryQuestion = object({ question: text });

/** `_embedded.user`: its `id`, profile and recovery question. */
export const user = object({ id: text, profile: userProfile, recovery_question: optional(recoveryQuestion) });
