/** The one source of time for the whole simulator: token lifetimes, TOTP steps, push timeouts, lockout, password age. */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Moves time forward by `ms` milliseconds (dev controls and tests). */
  advance(ms: number): void;
}

/** Wall-clock time plus an offset that `advance` grows; the default clock. */
export class OffsetClock implements Clock {
  private offset = 0;
  /** Current time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offset;
  }
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a non-negative number of milliseconds');
    this.offset += ms;
  }
}

/** A clock that only moves when told to (unit tests). */
export class ManualClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 2, 1, 10, 0, 0)) {}
  /** Current time in epoch milliseconds. */
  now(): number {
    return this.current;
  }
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a non-negative number of milliseconds');
    this.current += ms;
  }
}

/** ISO-8601 UTC with milliseconds, Okta's date format. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Milliseconds in a minute. */
export const MINUTE = 60_000;
/** Milliseconds in a day. */
export const DAY = 86_400_000;
