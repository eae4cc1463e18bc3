import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { UnauthorizedError } from 'src/common/errors/domain.errors';
import { PrincipalService } from 'src/rbac/principal.service';
import { User } from 'src/users/user.entity';
import { UserStatus } from 'src/users/user-status.enum';
import type { TokenResponseDto } from './dto/token-response.dto';
import { PasswordHasher } from './password-hasher.service';
import { TokenService } from './token.service';

const BAD_CREDENTIALS = 'Incorrect email or password.';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly principals: PrincipalService,
    private readonly tokens: TokenService,
  ) {}

  /**
   * The same 401, after the same bcrypt work, whether the email is unknown, the password wrong
   * or the account not active: nothing tells an attacker which.
   */
  async login(email: string, password: string): Promise<TokenResponseDto> {
    const user = await this.users.findOne({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, passwordHash: true, status: true },
    });
    const valid = user?.passwordHash
      ? await this.hasher.verify(password, user.passwordHash)
      : await this.hasher.verifyAgainstDummy(password);
    if (!user || !valid || user.status !== UserStatus.Active) {
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    if (user.passwordHash && this.hasher.needsRehash(user.passwordHash)) {
      await this.users.update(user.id, { passwordHash: await this.hasher.hash(password) });
    }
    const principal = await this.principals.load(user.id);
    if (!principal) throw new UnauthorizedError(BAD_CREDENTIALS);
    const token = await this.tokens.issue(principal);
    return {
      access_token: token.accessToken,
      token_type: 'bearer',
      user_id: principal.userId,
      roles: principal.roleNames,
      expires_in: token.expiresIn,
    };
  }
}
