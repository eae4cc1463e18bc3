import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JsonBodyGuard } from 'src/common/http/json-body.guard';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from 'src/config/configuration';
import { PermissionsGuard } from 'src/rbac/permissions.guard';
import { RbacModule } from 'src/rbac/rbac.module';
import { MailModule } from 'src/mail/mail.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { PasswordModule } from 'src/users/password.module';
import { PasswordResetService } from './password-reset.service';
import { SessionsModule } from './sessions.module';
import { TokenService } from './token.service';

@Module({
  imports: [
    PassportModule,
    PasswordModule,
    RbacModule,
    SessionsModule,
    MailModule,
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const auth = config.get('auth', { infer: true });
        return {
          throttlers: [
            { name: 'default', ttl: auth.rateWindowSeconds * 1000, limit: auth.rateLimit },
          ],
        };
      },
    }),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        secret: config.get('auth', { infer: true }).secretKey,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    PasswordResetService,
    TokenService,
    JwtStrategy,
    // Order matters: authenticate, authorise, then check the body's type.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
    { provide: APP_GUARD, useClass: JsonBodyGuard },
  ],
  exports: [PasswordModule],
})
export class AuthModule {}
