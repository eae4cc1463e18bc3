import { Global, Module } from '@nestjs/common';
import { USER_SESSIONS } from 'src/users/user-sessions';
import { SessionsService } from './sessions.service';

/** Sessions for the whole app: user administration ends them through `UserSessions`. */
@Global()
@Module({
  providers: [SessionsService, { provide: USER_SESSIONS, useExisting: SessionsService }],
  exports: [SessionsService, USER_SESSIONS],
})
export class SessionsModule {}
