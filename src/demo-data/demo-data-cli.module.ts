import { Module } from '@nestjs/common';
import { PasswordModule } from 'src/users/password.module';
import { RbacCliModule } from 'src/rbac/rbac-cli.module';
import { DemoDataCommand } from './demo-data.command';
import { DemoDataService } from './demo-data.service';

/** `cli demo-data`: a realistic data set for trying the product and for the benchmarks. */
@Module({
  imports: [PasswordModule, RbacCliModule],
  providers: [DemoDataService, DemoDataCommand],
})
export class DemoDataCliModule {}
