import * as z from 'zod/mini';

// zod/mini's array and nullable cost ~0.5 KB gzip in a browser bundle; these checks reuse z.custom,
// which the link schemas need anyway. Both return the input unchanged (unknown fields are kept).

/** An array whose every element passes `schema`. */
export function listOf<T>(schema: z.ZodMiniType<T>, message: string): z.ZodMiniType<T[]> {
  return z.custom<T[]>((value) => Array.isArray(value) && value.every((item) => schema.safeParse(item).success), message);
}

/** `schema`, or `null`. */
export function orNull<T>(schema: z.ZodMiniType<T>, message: string): z.ZodMiniType<T | null> {
  return z.custom<T | null>((value) => value === null || schema.safeParse(value).success, message);
}
