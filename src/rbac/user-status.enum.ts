export enum UserStatus {
  Invited = 'INVITED',
  Active = 'ACTIVE',
  Disabled = 'DISABLED',
}
