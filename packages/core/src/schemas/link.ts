import * as z from 'zod/mini';

/** One HAL link: `href` plus an optional operation `name`, allowed methods or a media `type`. */
export const LinkSchema = z.looseObject({
  href: z.string(),
  name: z.optional(z.string()),
  type: z.optional(z.string()),
  title: z.optional(z.string()),
  method: z.optional(z.string()),
  hints: z.optional(z.looseObject({ allow: z.optional(z.array(z.string())) })),
});
/** A HAL link. */
export type Link = z.infer<typeof LinkSchema>;

/** A link relation: Okta publishes some relations (`resend`, `send`, `logo`) as arrays of named links. */
export const LinkRelationSchema = z.union([LinkSchema, z.array(LinkSchema)]);
/** A link relation as published: one link or an array of named links. */
export type LinkRelation = z.infer<typeof LinkRelationSchema>;

/** The `_links` object of any resource. */
export const LinksSchema = z.record(z.string(), LinkRelationSchema);
/** The `_links` object of any resource, relation name → link(s). */
export type Links = z.infer<typeof LinksSchema>;
