// The demo's one way to show a point in time, on every page: "Dec 3, 14:05:09" (24-hour clock, with
// seconds because codes and pushes expire by the second; the date because the org clock can be moved by days).

// In the page's language; `globalThis.document` because Node imports the device panel's module in unit tests.
const FORMAT = new Intl.DateTimeFormat(globalThis.document?.documentElement.lang || 'en', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `value` (an ISO string, epoch ms or a Date) in the demo's time format; `''` when it is not a time. */
export function formatTime(value) {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : FORMAT.format(date);
}

/** A `<time>` element showing `value` in the demo's format, with the exact instant in `datetime`. */
export function timeElement(value, className) {
  const element = document.createElement('time');
  if (className) element.className = className;
  const date = value instanceof Date ? value : new Date(value);
  if (!Number.isNaN(date.getTime())) element.dateTime = date.toISOString();
  element.textContent = formatTime(date);
  return element;
}
