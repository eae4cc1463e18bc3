export enum InvitationStatus {
  Pending = 'PENDING',
  Accepted = 'ACCEPTED',
  Expired = 'EXPIRED',
  Revoked = 'REVOKED',
}
