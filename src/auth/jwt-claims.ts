export const JWT_ISSUER = 'coldstore-api';
export const JWT_AUDIENCE = 'coldstore';

/** What an access token carries. Informational for the SPA: every request re-reads the user. */
export interface AccessTokenClaims {
  sub: string;
  user_id: string;
  role_ids: string[];
  role_names: string[];
  warehouse_id?: string;
  client_id?: string;
  iat: number;
  exp: number;
  jti: string;
  /** The session (refresh-token family) this access token belongs to. */
  sid: string;
  iss: string;
  aud: string;
}
