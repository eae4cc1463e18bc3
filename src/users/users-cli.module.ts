import { Module } from '@nestjs/common';
import { PasswordModule } from 'src/auth/password.module';
import { AdminBootstrapService } from './admin-bootstrap.service';

@Module({
  imports: [PasswordModule],
  providers: [AdminBootstrapService],
})
export class UsersCliModule {}
