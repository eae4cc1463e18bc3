import type { EntityManager } from 'typeorm';

/** Why user administration ends a user's sessions. */
export type UserSessionEndReason = 'disabled' | 'force_logout';

/**
 * What user administration needs of sessions: ending a user's, inside its own transaction.
 * Auth's sessions provide it (SessionsModule is global), so users never import auth.
 */
export interface UserSessions {
  /** Ends every open session of the user; returns how many were open. */
  endAllForUser(
    manager: EntityManager,
    userId: string,
    reason: UserSessionEndReason,
  ): Promise<number>;
}

export const USER_SESSIONS = Symbol('UserSessions');
