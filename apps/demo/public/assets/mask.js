// Masking for the flow inspector: what a screenshot or a screen share must never show.

const TOKEN_KEYS = /(token|^sid)$/i;
const SECRET_KEYS = /(password|passcode|^answer$|secret|^activationtoken$)$/i;
const NOT_SECRET = /^(passwordChanged|passwordExpired)$/i;

/** Numbers the distinct values of each kind of token (`stateToken #1`, `#2`…), so a reader sees when one changes. */
export class TokenNumbers {
  #numbers = new Map();

  #kind(kind) {
    let numbers = this.#numbers.get(kind);
    if (!numbers) {
      numbers = new Map();
      this.#numbers.set(kind, numbers);
    }
    return numbers;
  }

  /** `#n` for this value among tokens of `kind` (new values get the next number). */
  label(value, kind) {
    const numbers = this.#kind(kind);
    let number = numbers.get(value);
    if (number === undefined) {
      number = numbers.size + 1;
      numbers.set(value, number);
    }
    return `#${number}`;
  }

  /** True when this value of `kind` was never labelled. */
  isNew(value, kind) {
    return !this.#kind(kind).has(value);
  }
}

// Path segments that are capabilities: `…/factors/{id}/qr/{token}` opens the enrollment QR code to anyone.
const TOKEN_SEGMENTS = new Set(['qr']);

/** Masks token-bearing query parameters (`?token=`, `?stateToken=`) and path segments (`/qr/<token>`) of a URL. */
export function maskUrl(href, numbers) {
  try {
    const url = new URL(href);
    for (const [key, value] of url.searchParams) {
      if (TOKEN_KEYS.test(key) || SECRET_KEYS.test(key)) url.searchParams.set(key, `•••• ${numbers.label(value, key)}`);
    }
    const segments = url.pathname.split('/');
    const path = segments
      .map((segment, index) => {
        const previous = index > 0 ? segments[index - 1] : undefined;
        return previous !== undefined && TOKEN_SEGMENTS.has(previous) && segment ? `•••• ${numbers.label(segment, `${previous}Token`)}` : segment;
      })
      .join('/');
    return path + (url.search ? decodeURIComponent(url.search.replace(/\+/g, '%20')) : '');
  } catch {
    return String(href);
  }
}

/** A deep copy of `value` with tokens replaced by `•••• #n` and passwords, codes, answers and secrets by `••••••`. */
export function maskJson(value, numbers, key = '') {
  if (typeof value === 'string') {
    if (NOT_SECRET.test(key)) return value;
    if (TOKEN_KEYS.test(key)) return `•••• ${numbers.label(value, key)}`;
    if (SECRET_KEYS.test(key)) return '••••••';
    if (key === 'href') return maskUrl(value, numbers);
    return value;
  }
  if (typeof value === 'number' && SECRET_KEYS.test(key)) return '••••••';
  if (Array.isArray(value)) return value.map((item) => maskJson(item, numbers, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, maskJson(item, numbers, name)]));
  }
  return value;
}
