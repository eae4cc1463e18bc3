import { Module } from '@nestjs/common';
import { PasswordModule } from './password.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { CreateAdminCommand, CreateAdminQuestions } from './create-admin.command';

@Module({
  imports: [PasswordModule],
  providers: [AdminBootstrapService, CreateAdminCommand, CreateAdminQuestions],
})
export class UsersCliModule {}
