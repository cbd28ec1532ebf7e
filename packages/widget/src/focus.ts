/**
 * Where the focus goes after a step changed: the field an error is about, else the error, else a
 * view's `[data-focus]`, else the first field, the submit button, the heading.
 */
export function focusTarget(root: ParentNode, hasError: boolean, errorField: string | undefined): HTMLElement | null {
  let target: HTMLElement | null = null;
  if (hasError && errorField) target = root.querySelector<HTMLElement>(`form [name="${CSS.escape(errorField)}"]`);
  if (!target && hasError) target = root.querySelector<HTMLElement>('[part="error"]');
  target ??= root.querySelector<HTMLElement>('[data-focus]');
  target ??= root.querySelector<HTMLElement>('form input:not([type="hidden"]):not([hidden]), form select, form textarea');
  target ??= root.querySelector<HTMLElement>('form button[type="submit"]');
  target ??= root.querySelector<HTMLElement>('[part="title"]');
  return target;
}
