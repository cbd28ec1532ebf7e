import * as z from 'zod/mini';

// The schemas of this package are zod schemas whose body is a Check: a plain function that walks
// the value and reports each problem with its path. zod/mini's object, optional and string classes
// would cost ~1.8 KB gzip more in a browser bundle; the checks below keep what they gave (named
// paths, unknown fields kept, the input returned unchanged) for a few hundred bytes.

/** Reports one problem: where (`['_embedded', 'factors', 0, 'provider']`), what (`expected string`) and the value found there. */
export type Report = (path: PropertyKey[], message: string, input: unknown) => void;

/** Checks a value found at `path`, reporting each problem it has. */
export type Check = (value: unknown, path: PropertyKey[], report: Report) => void;

/** A check from a predicate and the message for a value that fails it. */
export const satisfies =
  (test: (value: unknown) => boolean, message: string): Check =>
  (value, path, report) => {
    if (!test(value)) report(path, message, value);
  };

/** A string. */
export const text: Check = satisfies((value) => typeof value === 'string', 'expected string');

/** A string with something other than blanks in it. */
export const filled: Check = (value, path, report) =>
  typeof value === 'string' ? !value.trim() && report(path, 'must not be empty', value) : text(value, path, report);

/** `check`, or absent. */
export const optional =
  (check: Check): Check =>
  (value, path, report) =>
    value === undefined || check(value, path, report);

/** `check`, or `null`. */
export const orNull =
  (check: Check): Check =>
  (value, path, report) =>
    value === null || check(value, path, report);

/** True for a JSON object (not `null`, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object whose listed fields pass their checks; other fields are kept, unchecked. */
export const object =
  (fields: Record<string, Check> = {}): Check =>
  (value, path, report) => {
    if (!isObject(value)) return report(path, 'expected object', value);
    for (const key in fields) fields[key]!(value[key], [...path, key], report);
  };

/** An object whose every value passes `check` (a map keyed by name). */
export const recordOf =
  (check: Check): Check =>
  (value, path, report) => {
    if (!isObject(value)) return report(path, 'expected object', value);
    for (const key in value) check(value[key], [...path, key], report);
  };

/** An array whose every element passes `check`. */
export const listOf =
  (check: Check): Check =>
  (value, path, report) => {
    if (!Array.isArray(value)) return report(path, 'expected array', value);
    value.forEach((item, index) => check(item, [...path, index], report));
  };

/** An array of `check`s when the value is an array, else one. */
export const oneOrList =
  (check: Check): Check =>
  (value, path, report) =>
    (Array.isArray(value) ? listOf(check) : check)(value, path, report);

/** The check of a zod schema, so that schemas nest in checks with their issues' paths. */
export const like =
  (schema: z.ZodMiniType): Check =>
  (value, path, report) => {
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) for (const issue of result.error.issues) report([...path, ...issue.path], issue.message, issue.input);
  };

/**
 * The zod schema that runs `check`: `parse` returns the input unchanged (unknown fields kept) and
 * each problem is a zod issue with its path and message, so the schema nests in other zod schemas.
 * Building one has no other effect, so bundlers drop the schemas an app does not use.
 */
/* @__NO_SIDE_EFFECTS__ */
export function schema<T>(check: Check): z.ZodMiniType<T> {
  return z
    .unknown()
    .check((payload) => check(payload.value, [], (path, message, input) => payload.issues.push({ code: 'custom', path, message, input }))) as unknown as z.ZodMiniType<T>;
}

/** What `schema` finds wrong with `value`, one `path: message` line per problem (`(root)` for the value itself). */
export function issuesOf(schema: z.ZodMiniType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
