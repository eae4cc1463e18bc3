/**
 * What the JWT strategy puts on the request once the signature and claims check out, and the
 * permissions guard reads to load the caller.
 */
export interface AuthenticatedUser {
  userId: string;
  tokenId: string;
  sessionId: string;
}
