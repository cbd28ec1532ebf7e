import type { Request } from 'express';
import type { Clock } from './clock.js';
import type { CorsPolicy } from './cors.js';
import type { RateLimiter } from './rate-limit.js';
import type { SecretHasher } from './secrets.js';
import type { Store } from './store.js';

/** What every part of the simulator shares: state, time, configuration. */
export interface SimContext {
  store: Store;
  clock: Clock;
  /** The admin API token (`Authorization: SSWS …`). */
  apiToken: string;
  devControls: boolean;
  cors: CorsPolicy;
  rateLimiter: RateLimiter;
  /** Hashes and checks passwords and recovery answers at the configured cost. */
  secrets: SecretHasher;
  /** Secret from which hardware-token seeds are derived. */
  hardwareSecret: Buffer;
  /** The org URL printed by the CLI (links fall back to it). */
  baseUrl(): string;
  /** The origin links in a response to `req` use. */
  origin(req: Request): string;
}
