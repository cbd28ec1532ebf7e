import type { TransactionStatus } from '@okta-authn/core';
import type { PasswordPolicyConfig, SimFactorType, UserPolicy } from './policy.js';

/** Users API status values the simulator uses. */
export type UserStatus = 'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'RECOVERY';

/** A user profile as the Users API shows it. */
export interface UserProfile {
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  mobilePhone?: string | null;
  secondEmail?: string | null;
  locale?: string;
  timezone?: string;
  [attribute: string]: unknown;
}

/** A stored user; secrets are scrypt hashes. */
export interface UserRecord {
  id: string;
  status: UserStatus;
  created: number;
  activated: number | null;
  statusChanged: number | null;
  lastLogin: number | null;
  lastUpdated: number;
  passwordChanged: number | null;
  profile: UserProfile;
  passwordHash: string | null;
  /** Hashes of earlier passwords, newest first. */
  passwordHistory: string[];
  /** Set by `expire_password`; cleared by any password change. */
  passwordExpired: boolean;
  recoveryQuestion: { question: string; answerHash: string } | null;
  failedPasswordAttempts: number;
  failedFactorAttempts: number;
  lockedAt: number | null;
  policy: UserPolicy;
  passwordPolicyName: string;
  /** The user's own password policy, set through the dev control; it takes the place of `passwordPolicyName`'s. */
  ownPasswordPolicy: PasswordPolicyConfig | null;
  /** deviceKey → remembered until (epoch ms). */
  rememberedDevices: Map<string, number>;
  /** factorId → auto-push preference. */
  autoPush: Map<string, boolean>;
}

/** A one-time code sent by SMS, voice call or email. */
export interface SentCode {
  code: string;
  expiresAt: number;
  used: boolean;
}

/** A push waiting on the device: a sign-in verification. */
export interface PushChallenge {
  id: string;
  expiresAt: number;
  result: 'WAITING' | 'APPROVED' | 'REJECTED';
  correctAnswer: number | null;
}

/** A stored factor enrollment. */
export interface FactorRecord {
  id: string;
  userId: string;
  factorType: SimFactorType;
  provider: string;
  status: 'PENDING_ACTIVATION' | 'ACTIVE';
  created: number;
  lastUpdated: number;
  /** Unmasked profile (phone number, email, credentialId, device). */
  profile: Record<string, unknown>;
  /** TOTP / hardware-token shared secret, base32. */
  secret: string | null;
  answerHash: string | null;
  /** Last accepted TOTP step or YubiKey counter (replay protection). */
  lastUsedCounter: number;
  code: SentCode | null;
  /** Last delivery per destination, for resend throttling. */
  lastSentAt: number | null;
  /** Failed activation attempts in the current window. */
  activationAttempts: number[];
  /** Push activation: until when the device may pair, and the QR/link token. */
  pushActivation: { expiresAt: number; token: string; completed: boolean } | null;
  push: PushChallenge | null;
  qrToken: string | null;
}

/** Per-transaction flags that decide the follow-up state after each step. */
export interface TransactionFlags {
  mfaSatisfied: boolean;
  enrollDone: boolean;
  warnHandled: boolean;
}

/** A live authn transaction. */
export interface TransactionRecord {
  stateToken: string;
  expiresAt: number;
  status: TransactionStatus;
  userId: string | null;
  relayState: string | null;
  multiOptionalFactorEnroll: boolean;
  warnBeforePasswordExpired: boolean;
  deviceKey: string | null;
  recoveryType: 'PASSWORD' | 'UNLOCK' | 'ACCOUNT_ACTIVATION' | null;
  recoveryFactorType: 'SMS' | 'CALL' | null;
  recoveryCode: SentCode | null;
  /** A recovery started for an unknown user: looks normal, can never succeed. */
  decoy: boolean;
  /** The username a public SMS/CALL recovery was started with (its resend throttle is kept per username). */
  recoveryUsername: string | null;
  /** Wrong recovery codes and answers in this transaction; at the policy's `maxFactorAttempts` it ends. */
  failedAttempts: number;
  factorId: string | null;
  factorResult: 'WAITING' | 'REJECTED' | 'TIMEOUT' | 'CHALLENGE' | null;
  pushChallengeId: string | null;
  flags: TransactionFlags;
  passwordVerifiedAt: number | null;
  factorVerifiedAt: number | null;
  amr: Set<string>;
  /** Set on an SP-initiated step-up transaction (`type: SESSION_STEP_UP`). */
  stepUp: StepUpRecord | null;
}

/** The app an SP-initiated step-up signs in to, and where the browser goes afterwards. */
export interface StepUpRecord {
  /** App instance name (`_embedded.target.name`). */
  appName: string;
  /** App label shown to the person (`_embedded.target.label`). */
  appLabel: string;
  /** App instance id (`_embedded.authentication.issuer.id`). */
  appId: string;
  /** Trusted page the browser lands on after SSO; null → the simulator's own app page. */
  appUrl: string | null;
  /** Trusted sign-in page the browser is sent to while the transaction is not finished; null → none. */
  signInUrl: string | null;
}

/** A user-activation token (`POST /api/v1/users/{id}/lifecycle/activate`). */
export interface ActivationTokenRecord {
  userId: string;
  expiresAt: number;
  used: boolean;
}

/** A sessionToken waiting to be redeemed. */
export interface SessionTokenRecord {
  userId: string;
  expiresAt: number;
  used: boolean;
  passwordVerifiedAt: number | null;
  factorVerifiedAt: number | null;
  amr: string[];
}

/** An Okta session. */
export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  lastActivity: number;
  passwordVerifiedAt: number | null;
  factorVerifiedAt: number | null;
  amr: string[];
}

/** A recovery token (trusted-app or emailed link). */
export interface RecoveryTokenRecord {
  userId: string;
  recoveryType: 'PASSWORD' | 'UNLOCK';
  expiresAt: number;
  used: boolean;
  relayState: string | null;
}

/** A message the simulator "sent". */
export interface OutboxMessage {
  channel: 'sms' | 'call' | 'email';
  to: string;
  code: string | null;
  text: string;
  sentAt: string;
}

/** A public SMS/CALL recovery delivery for one username: when it was (or would have been) sent, and its code. */
export interface RecoveryDeliveryRecord {
  sentAt: number;
  /** Null for a username no code went to (unknown user, no phone). */
  code: SentCode | null;
}

/** How many messages the dev-controls outbox keeps (oldest are dropped first). */
export const OUTBOX_LIMIT = 1000;

/** Sizes of the in-memory collections that grow with traffic (see {@link Store.stats}). */
export interface StoreStats {
  transactions: number;
  transactionUserIndex: number;
  sessionTokens: number;
  sessions: number;
  recoveryTokens: number;
  activationTokens: number;
  lastDelivery: number;
  recoveryDeliveries: number;
  outbox: number;
}

/** Everything the simulated org keeps in memory. */
export class Store {
  readonly users = new Map<string, UserRecord>();
  readonly factors = new Map<string, FactorRecord>();
  /** Live transactions by stateToken; add and remove them through {@link Store.putTransaction} / {@link Store.dropTransaction}. */
  readonly transactions = new Map<string, TransactionRecord>();
  /** Transactions by user id, so per-user questions never scan every transaction. */
  private readonly transactionsByUser = new Map<string, Set<TransactionRecord>>();
  readonly sessionTokens = new Map<string, SessionTokenRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly recoveryTokens = new Map<string, RecoveryTokenRecord>();
  readonly activationTokens = new Map<string, ActivationTokenRecord>();
  /** Apps step-up transactions were started for, by name (the landing page shows their label). */
  readonly stepUpApps = new Map<string, StepUpRecord>();
  /** Messages sent by SMS, call and email, oldest first: kept only with dev controls, at most {@link OUTBOX_LIMIT}. */
  readonly outbox: OutboxMessage[] = [];
  /** Whether {@link Store.recordMessage} keeps messages (the dev controls serve them). */
  keepOutbox = true;
  readonly passwordPolicies = new Map<string, PasswordPolicyConfig>();
  /** Last delivery per destination (`sms:+1555…`), for throttling. */
  readonly lastDelivery = new Map<string, number>();
  /** Public SMS/CALL recoveries per channel and username (`sms:ada@example.test`), known or not, for throttling. */
  readonly recoveryDeliveries = new Map<string, RecoveryDeliveryRecord>();

  /** Stores a transaction under its stateToken and indexes it by its user. */
  putTransaction(tx: TransactionRecord): void {
    this.transactions.set(tx.stateToken, tx);
    this.indexTransaction(tx);
  }

  /** Indexes a transaction under its (possibly just assigned) user. */
  indexTransaction(tx: TransactionRecord): void {
    if (tx.userId === null) return;
    let set = this.transactionsByUser.get(tx.userId);
    if (!set) {
      set = new Set();
      this.transactionsByUser.set(tx.userId, set);
    }
    set.add(tx);
  }

  /** Removes the transaction of a stateToken (the token stops working). */
  dropTransaction(stateToken: string): void {
    const tx = this.transactions.get(stateToken);
    this.transactions.delete(stateToken);
    if (!tx || tx.userId === null) return;
    const set = this.transactionsByUser.get(tx.userId);
    if (!set) return;
    set.delete(tx);
    if (set.size === 0) this.transactionsByUser.delete(tx.userId);
  }

  /** The user's unexpired transactions. */
  liveTransactionsOf(userId: string, now: number): TransactionRecord[] {
    const set = this.transactionsByUser.get(userId);
    if (!set) return [];
    return [...set].filter((tx) => tx.userId === userId && now < tx.expiresAt && this.transactions.get(tx.stateToken) === tx);
  }

  /** Keeps a sent message for the dev controls' outbox (a ring buffer of {@link OUTBOX_LIMIT}). */
  recordMessage(message: OutboxMessage): void {
    if (!this.keepOutbox) return;
    this.outbox.push(message);
    if (this.outbox.length > OUTBOX_LIMIT) this.outbox.splice(0, this.outbox.length - OUTBOX_LIMIT);
  }

  /**
   * Drops what can no longer be used at `now`: expired transactions, redeemed or expired
   * sessionTokens, sessions past `sessionExpiresAt`, expired recovery and activation tokens,
   * and delivery records older than `throttleMs` (the longest resend throttle).
   */
  sweep(now: number, sessionExpiresAt: (session: SessionRecord) => number, throttleMs: number): void {
    for (const [token, tx] of this.transactions) if (now >= tx.expiresAt) this.dropTransaction(token);
    for (const [userId, set] of this.transactionsByUser) {
      for (const tx of set) if (tx.userId !== userId || this.transactions.get(tx.stateToken) !== tx) set.delete(tx);
      if (set.size === 0) this.transactionsByUser.delete(userId);
    }
    for (const [token, record] of this.sessionTokens) if (record.used || now >= record.expiresAt) this.sessionTokens.delete(token);
    for (const [id, session] of this.sessions) if (now >= sessionExpiresAt(session)) this.sessions.delete(id);
    for (const [token, record] of this.recoveryTokens) if (now >= record.expiresAt) this.recoveryTokens.delete(token);
    for (const [token, record] of this.activationTokens) if (record.used || now >= record.expiresAt) this.activationTokens.delete(token);
    for (const [key, at] of this.lastDelivery) if (now - at >= throttleMs) this.lastDelivery.delete(key);
    for (const [key, record] of this.recoveryDeliveries) {
      const codeLive = record.code !== null && !record.code.used && now < record.code.expiresAt;
      if (now - record.sentAt >= throttleMs && !codeLive) this.recoveryDeliveries.delete(key);
    }
  }

  /** Sizes of the collections {@link Store.sweep} keeps bounded. */
  stats(): StoreStats {
    let indexed = 0;
    for (const set of this.transactionsByUser.values()) indexed += set.size;
    return {
      transactions: this.transactions.size,
      transactionUserIndex: indexed,
      sessionTokens: this.sessionTokens.size,
      sessions: this.sessions.size,
      recoveryTokens: this.recoveryTokens.size,
      activationTokens: this.activationTokens.size,
      lastDelivery: this.lastDelivery.size,
      recoveryDeliveries: this.recoveryDeliveries.size,
      outbox: this.outbox.length,
    };
  }

  /** Finds a user by id, full login or unique short login (case-insensitive). */
  findUser(idOrLogin: string): UserRecord | undefined {
    const byId = this.users.get(idOrLogin);
    if (byId) return byId;
    const wanted = idOrLogin.toLowerCase();
    let shortMatch: UserRecord | undefined;
    let shortCount = 0;
    for (const user of this.users.values()) {
      const login = user.profile.login.toLowerCase();
      if (login === wanted) return user;
      if (login.split('@')[0] === wanted) {
        shortMatch = user;
        shortCount += 1;
      }
    }
    return shortCount === 1 ? shortMatch : undefined;
  }

  /** The user's factors, oldest first. */
  factorsOf(userId: string): FactorRecord[] {
    return [...this.factors.values()].filter((factor) => factor.userId === userId);
  }

  /** The user's active factors. */
  activeFactorsOf(userId: string): FactorRecord[] {
    return this.factorsOf(userId).filter((factor) => factor.status === 'ACTIVE');
  }

  /** The org's default password policy; it also decides what an unknown username is told. */
  defaultPasswordPolicy(): PasswordPolicyConfig {
    const policy = this.passwordPolicies.get('default');
    if (!policy) throw new Error('The simulator has no default password policy');
    return policy;
  }

  /** The password policy that applies to a user: their own, else their named one, else the default. */
  passwordPolicyOf(user: UserRecord): PasswordPolicyConfig {
    return user.ownPasswordPolicy ?? this.passwordPolicies.get(user.passwordPolicyName) ?? this.defaultPasswordPolicy();
  }

  /** Ends every session of a user, except `keep`. */
  revokeSessions(userId: string, keep?: string): void {
    for (const [id, session] of this.sessions) if (session.userId === userId && id !== keep) this.sessions.delete(id);
  }
}
