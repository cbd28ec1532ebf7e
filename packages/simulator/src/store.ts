import type { TransactionStatus } from '@okta-authn/core';
import type { PasswordPolicyConfig, SimFactorType, UserPolicy } from './policy.js';

/** Users API status values the simulator uses. */
export type UserStatus = 'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'RECOVERY' | 'DEPROVISIONED';

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
  /** Started with the username alone (factor sequencing): no password is asked, a verified factor authenticates. */
  passwordless: boolean;
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

/** A login as the indexes key it: Okta compares logins case-insensitively. */
function loginKey(login: string): string {
  return login.toLowerCase();
}

/** The part of a login before `@`, by which a user may also sign in when no one else shares it. */
function shortLoginKey(login: string): string {
  const key = loginKey(login);
  const at = key.indexOf('@');
  return at < 0 ? key : key.slice(0, at);
}

function addToSet<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

function removeFromSet<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}

/**
 * Users by id, indexed by login and short login. `set` and `delete` keep the indexes in step;
 * after changing a user's `profile.login`, `set` the user again (or use {@link Store.renameUser}).
 * Setting a user whose login another user already has throws: callers check {@link UserTable.loginTaken} first.
 */
export class UserTable extends Map<string, UserRecord> {
  private readonly idByLogin = new Map<string, string>();
  private readonly idsByShortLogin = new Map<string, Set<string>>();
  /** The login each user is indexed under, to unindex it on a rename or delete. */
  private readonly indexedLogin = new Map<string, string>();

  /** Adds or replaces a user and (re)indexes its login. */
  override set(id: string, user: UserRecord): this {
    const key = loginKey(user.profile.login);
    const holder = this.idByLogin.get(key);
    if (holder !== undefined && holder !== id) throw new Error(`login '${user.profile.login}' already belongs to user ${holder}`);
    this.unindex(id);
    super.set(id, user);
    this.idByLogin.set(key, id);
    addToSet(this.idsByShortLogin, shortLoginKey(user.profile.login), id);
    this.indexedLogin.set(id, user.profile.login);
    return this;
  }

  /** Removes a user and its login from the indexes. */
  override delete(id: string): boolean {
    this.unindex(id);
    return super.delete(id);
  }

  /** Removes every user. */
  override clear(): void {
    this.idByLogin.clear();
    this.idsByShortLogin.clear();
    this.indexedLogin.clear();
    super.clear();
  }

  /** True when a user other than `exceptId` has this login (case-insensitive). */
  loginTaken(login: string, exceptId?: string): boolean {
    const holder = this.idByLogin.get(loginKey(login));
    return holder !== undefined && holder !== exceptId;
  }

  /** The user with this full login, else the only user with this short login (both case-insensitive). */
  byLogin(login: string): UserRecord | undefined {
    const key = loginKey(login);
    const id = this.idByLogin.get(key);
    if (id !== undefined) return this.get(id);
    const short = this.idsByShortLogin.get(key);
    if (short?.size !== 1) return undefined;
    const [only] = short;
    return only === undefined ? undefined : this.get(only);
  }

  private unindex(id: string): void {
    const login = this.indexedLogin.get(id);
    if (login === undefined) return;
    this.indexedLogin.delete(id);
    if (this.idByLogin.get(loginKey(login)) === id) this.idByLogin.delete(loginKey(login));
    removeFromSet(this.idsByShortLogin, shortLoginKey(login), id);
  }
}

/** Factors by id, indexed by user (oldest first). `set` and `delete` keep the index in step. */
export class FactorTable extends Map<string, FactorRecord> {
  private readonly byUser = new Map<string, Map<string, FactorRecord>>();

  /** Adds or replaces a factor and indexes it under its user. */
  override set(id: string, factor: FactorRecord): this {
    const previous = this.get(id);
    if (previous && previous.userId !== factor.userId) this.unindex(id, previous.userId);
    super.set(id, factor);
    let own = this.byUser.get(factor.userId);
    if (!own) {
      own = new Map();
      this.byUser.set(factor.userId, own);
    }
    own.set(id, factor);
    return this;
  }

  /** Removes a factor from the table and its user's index. */
  override delete(id: string): boolean {
    const factor = this.get(id);
    if (factor) this.unindex(id, factor.userId);
    return super.delete(id);
  }

  /** Removes every factor. */
  override clear(): void {
    this.byUser.clear();
    super.clear();
  }

  /** The user's factors, oldest first. */
  ofUser(userId: string): FactorRecord[] {
    const own = this.byUser.get(userId);
    return own ? [...own.values()] : [];
  }

  private unindex(id: string, userId: string): void {
    const own = this.byUser.get(userId);
    if (!own) return;
    own.delete(id);
    if (own.size === 0) this.byUser.delete(userId);
  }
}

/** Sessions by id, indexed by user. `set` and `delete` keep the index in step. */
export class SessionTable extends Map<string, SessionRecord> {
  private readonly idsByUser = new Map<string, Set<string>>();

  /** Adds or replaces a session and indexes it under its user. */
  override set(id: string, session: SessionRecord): this {
    const previous = this.get(id);
    if (previous) removeFromSet(this.idsByUser, previous.userId, id);
    super.set(id, session);
    addToSet(this.idsByUser, session.userId, id);
    return this;
  }

  /** Removes a session from the table and its user's index. */
  override delete(id: string): boolean {
    const session = this.get(id);
    if (session) removeFromSet(this.idsByUser, session.userId, id);
    return super.delete(id);
  }

  /** Removes every session. */
  override clear(): void {
    this.idsByUser.clear();
    super.clear();
  }

  /** Ids of the user's sessions. */
  idsOf(userId: string): string[] {
    return [...(this.idsByUser.get(userId) ?? [])];
  }
}

/** How the outbox files a destination: phone numbers by their digits, addresses case-insensitively. */
function outboxKey(to: string): string {
  return to.replace(/[^\d+@.a-z]/gi, '').toLowerCase();
}

/** Messages sent by SMS, call and email, oldest first, at most {@link OUTBOX_LIMIT} (the oldest go first), indexed by destination. */
export class Outbox {
  private readonly messages: OutboxMessage[] = [];
  private readonly byDestination = new Map<string, OutboxMessage[]>();

  /** How many messages are kept. */
  get length(): number {
    return this.messages.length;
  }

  /** Keeps a message, dropping the oldest beyond {@link OUTBOX_LIMIT}. */
  record(message: OutboxMessage): void {
    this.messages.push(message);
    const key = outboxKey(message.to);
    const own = this.byDestination.get(key);
    if (own) own.push(message);
    else this.byDestination.set(key, [message]);
    while (this.messages.length > OUTBOX_LIMIT) {
      const oldest = this.messages.shift();
      if (!oldest) break;
      const oldestKey = outboxKey(oldest.to);
      const list = this.byDestination.get(oldestKey);
      list?.shift();
      if (list?.length === 0) this.byDestination.delete(oldestKey);
    }
  }

  /** Messages to `to` (any spelling {@link outboxKey} files together) and on `channel`, oldest first; all when both are omitted. */
  list(to?: string, channel?: OutboxMessage['channel']): OutboxMessage[] {
    const pool = to === undefined ? this.messages : (this.byDestination.get(outboxKey(to)) ?? []);
    return channel === undefined ? [...pool] : pool.filter((message) => message.channel === channel);
  }

  /** Forgets every message. */
  clear(): void {
    this.messages.length = 0;
    this.byDestination.clear();
  }
}

/** Everything the simulated org keeps in memory. */
export class Store {
  /** Users by id; find one by login with {@link Store.findUser}. */
  readonly users = new UserTable();
  /** Factors by id; a user's with {@link Store.factorsOf}. */
  readonly factors = new FactorTable();
  /** Live transactions by stateToken; add and remove them through {@link Store.putTransaction} / {@link Store.dropTransaction}. */
  readonly transactions = new Map<string, TransactionRecord>();
  /** Transactions by user id, so per-user questions never scan every transaction. */
  private readonly transactionsByUser = new Map<string, Set<TransactionRecord>>();
  readonly sessionTokens = new Map<string, SessionTokenRecord>();
  readonly sessions = new SessionTable();
  readonly recoveryTokens = new Map<string, RecoveryTokenRecord>();
  readonly activationTokens = new Map<string, ActivationTokenRecord>();
  /** Apps step-up transactions were started for, by name (the landing page shows their label). */
  readonly stepUpApps = new Map<string, StepUpRecord>();
  /** Messages sent by SMS, call and email: kept only with dev controls. */
  readonly outbox = new Outbox();
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

  /** Keeps a sent message for the dev controls' outbox (at most {@link OUTBOX_LIMIT}). */
  recordMessage(message: OutboxMessage): void {
    if (this.keepOutbox) this.outbox.record(message);
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
    return this.users.get(idOrLogin) ?? this.users.byLogin(idOrLogin);
  }

  /** Changes a user's login and reindexes it; throws when another user has it (check {@link UserTable.loginTaken} first). */
  renameUser(user: UserRecord, login: string): void {
    if (this.users.loginTaken(login, user.id)) throw new Error(`login '${login}' already belongs to another user`);
    user.profile.login = login;
    this.users.set(user.id, user);
  }

  /** Removes a user and everything that is only theirs: factors, sessions, transactions and tokens. */
  deleteUser(userId: string): void {
    this.users.delete(userId);
    for (const factor of this.factors.ofUser(userId)) this.factors.delete(factor.id);
    for (const id of this.sessions.idsOf(userId)) this.sessions.delete(id);
    for (const tx of [...(this.transactionsByUser.get(userId) ?? [])]) this.dropTransaction(tx.stateToken);
    for (const tokens of [this.sessionTokens, this.recoveryTokens, this.activationTokens]) {
      for (const [token, record] of tokens) if (record.userId === userId) tokens.delete(token);
    }
  }

  /** The user's factors, oldest first. */
  factorsOf(userId: string): FactorRecord[] {
    return this.factors.ofUser(userId);
  }

  /** The user's active factors. */
  activeFactorsOf(userId: string): FactorRecord[] {
    return this.factors.ofUser(userId).filter((factor) => factor.status === 'ACTIVE');
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
    for (const id of this.sessions.idsOf(userId)) if (id !== keep) this.sessions.delete(id);
  }
}
