import { schema } from './check.js';
import { recoveryQuestion, user, userProfile } from './shapes.js';

/** The subset of the user profile that `/api/v1/authn` releases. */
export interface AuthnUserProfile {
  /** The user's login (usually an email address). */
  login: string;
  /** Given name. */
  firstName?: string | null;
  /** Family name. */
  lastName?: string | null;
  /** Preferred locale, e.g. `en_US` or `en`. */
  locale?: string | null;
  /** IANA time zone, e.g. `Europe/London` (camel-case here, unlike the Users API). */
  timeZone?: string | null;
  [key: string]: unknown;
}

/** A user's password-recovery question, as the authn API shows it. */
export interface RecoveryQuestion {
  /** The stored question: free text, or a built-in key such as `disliked_food`. */
  question: string;
  [key: string]: unknown;
}

/** The user a transaction is about. */
export interface AuthnUser {
  /** User id. */
  id: string;
  /** Last password change (ISO 8601); after `resetPassword` it already shows the new time. */
  passwordChanged?: string | null;
  /** The profile attributes the authn API releases. */
  profile: AuthnUserProfile;
  /** The recovery question to answer, in `RECOVERY` only. */
  recovery_question?: RecoveryQuestion;
  [key: string]: unknown;
}

/** The subset of the user profile that `/api/v1/authn` releases (`login` checked at run time). */
export const AuthnUserProfileSchema = schema<AuthnUserProfile>(userProfile);

/** The recovery question shown in `RECOVERY` (nested inside `_embedded.user`). */
export const RecoveryQuestionSchema = schema<RecoveryQuestion>(recoveryQuestion);

/** `_embedded.user` of a transaction. */
export const AuthnUserSchema = schema<AuthnUser>(user);
