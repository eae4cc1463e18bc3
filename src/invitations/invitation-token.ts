export {
  hashOpaqueToken as hashInvitationToken,
  newOpaqueToken as newInvitationToken,
} from 'src/auth/opaque-token';

export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;
