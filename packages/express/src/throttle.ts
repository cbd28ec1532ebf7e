/** Counts attempts per key in fixed windows, in memory; bounded, so a flood of keys cannot grow it without end. */
export interface AttemptCounter {
  /** Counts an attempt for `key`; `0` when it is allowed, otherwise the seconds until the key's window resets. */
  hit(key: string): number;
}

const MAX_KEYS = 10_000;

/** At most `max` attempts per key in each `window` ms. */
export function attemptCounter(max: number, window: number, now: () => number): AttemptCounter {
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = (at: number) => {
    for (const [key, entry] of windows) if (at - entry.start >= window || at < entry.start) windows.delete(key);
    // Still full: forget the oldest windows (insertion order) rather than grow.
    for (const key of windows.keys()) {
      if (windows.size < MAX_KEYS) break;
      windows.delete(key);
    }
  };
  return {
    hit(key) {
      const at = now();
      let entry = windows.get(key);
      if (!entry || at - entry.start >= window || at < entry.start) {
        windows.delete(key);
        if (windows.size >= MAX_KEYS) sweep(at);
        entry = { start: at, count: 0 };
        windows.set(key, entry);
      }
      entry.count += 1;
      if (entry.count <= max) return 0;
      return Math.max(1, Math.ceil((entry.start + window - at) / 1000));
    },
  };
}
