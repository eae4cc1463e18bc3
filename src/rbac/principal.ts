import type { UserStatus } from './user-status.enum';
import type { DataScope } from './data-scope';

/** The signed-in user as loaded for a request: who, what they may do, which rows they see. */
export interface Principal {
  userId: string;
  email: string;
  status: UserStatus;
  roleIds: string[];
  roleNames: string[];
  permissions: Set<string>;
  warehouseId: string | null;
  clientId: string | null;
  /** The open session the request's token belongs to (null when none or closed). */
  sessionId: string | null;
  scope: DataScope;
}
