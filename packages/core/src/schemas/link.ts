import { schema } from './check.js';
import { link, linkRelation, links } from './shapes.js';

/** One HAL link: `href` plus an optional operation `name`, allowed methods or a media `type`. */
export interface Link {
  /** Absolute URL of the target, on the org. */
  href: string;
  /** On `next`, the operation the link performs (`verify`, `poll`, `activate`, …); on array relations, which one (`sms`, `email`). */
  name?: string;
  /** Media type of a data link (`image/png` for a QR code); such a link is data, not a move. */
  type?: string;
  /** Display title, when Okta gives one. */
  title?: string;
  /** HTTP method, on the few links that state one outside `hints`. */
  method?: string;
  /** `allow`: the HTTP methods `href` accepts (e.g. `['POST']`). */
  hints?: { allow?: string[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** A link relation as published: one link or an array of named links. */
export type LinkRelation = Link | Link[];

/** The `_links` object of any resource, relation name → link(s). */
export type Links = Record<string, LinkRelation>;

/** One HAL link (only `href` is checked at run time; the other fields are typed and kept). */
export const LinkSchema = schema<Link>(link);

/** A link relation: Okta publishes some relations (`resend`, `send`, `logo`) as arrays of named links. */
export const LinkRelationSchema = schema<LinkRelation>(linkRelation);

/** The `_links` object of any resource: every relation must be a link or an array of links. */
export const LinksSchema = schema<Links>(links);
