import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';
import { checkPassword } from './password-policy';
import { PasswordHasher } from './password-hasher.service';
import { BusinessRuleError, ConflictError, type FieldError } from 'src/common/errors/domain.errors';
import { Role } from 'src/rbac/role.entity';
import { RoleName } from 'src/rbac/role-name.enum';
import { UserRole } from 'src/rbac/user-role.entity';
import { User } from './user.entity';
import { UserStatus } from 'src/rbac/user-status.enum';

export interface NewAdmin {
  email: string;
  fullName: string;
  password: string;
}

/** Thrown when the roles are not seeded yet; the message says what to run. */
export class SeedMissingError extends Error {
  constructor() {
    super(
      'The ADMIN role does not exist yet: run `npm run cli -- seed` first (node dist/cli.js seed in a container).',
    );
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function emailErrors(email: string): FieldError[] {
  return EMAIL.test(email.trim()) && email.length <= 320
    ? []
    : [{ field: 'email', message: 'must be an email address' }];
}

function fullNameErrors(fullName: string): FieldError[] {
  return fullName.trim().length >= 1 && fullName.length <= 200
    ? []
    : [{ field: 'name', message: 'must be 1 to 200 characters' }];
}

function emailTaken(email: string): ConflictError {
  return new ConflictError(`A user with email ${email} already exists.`);
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error.driverError as { code?: unknown }).code === '23505'
  );
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0)
    throw new BusinessRuleError(errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
}

/** Creates the first (or another) administrator from the CLI. */
@Injectable()
export class AdminBootstrapService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Checks what can be checked before asking for a password. */
  validateIdentity(email: string, fullName: string): void {
    throwIfAny([...emailErrors(email), ...fullNameErrors(fullName)]);
  }

  /** One answer at a time, for a prompt that re-asks on a bad one. */
  validateEmail(email: string): void {
    throwIfAny(emailErrors(email));
  }

  validateFullName(fullName: string): void {
    throwIfAny(fullNameErrors(fullName));
  }

  validatePassword(password: string, email: string): void {
    const errors = checkPassword(password, email);
    if (errors.length > 0) {
      throw new BusinessRuleError(`Password ${errors.map((e) => e.message).join('; ')}`, errors);
    }
  }

  /** Fails before any prompt when the roles are not seeded, so nobody types a password in vain. */
  async assertSeeded(): Promise<void> {
    if (!(await this.dataSource.manager.exists(Role, { where: { name: RoleName.Admin } }))) {
      throw new SeedMissingError();
    }
  }

  /** Early check for a prompt; createAdmin checks again inside its transaction. */
  async assertEmailFree(email: string): Promise<void> {
    const normalized = email.trim().toLowerCase();
    if (await this.dataSource.manager.exists(User, { where: { email: normalized } })) {
      throw emailTaken(normalized);
    }
  }

  async createAdmin(input: NewAdmin): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const fullName = input.fullName.trim();
    this.validateIdentity(email, fullName);
    this.validatePassword(input.password, email);
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const role = await manager.findOne(Role, { where: { name: RoleName.Admin } });
        if (!role) throw new SeedMissingError();
        if (await manager.exists(User, { where: { email } })) {
          throw emailTaken(email);
        }
        const user = await manager.save(
          manager.create(User, { email, fullName, passwordHash, status: UserStatus.Active }),
        );
        await manager.save(manager.create(UserRole, { userId: user.id, roleId: role.id }));
        return user;
      });
    } catch (error) {
      // Two runs racing for one email: the unique index decides, and the loser hears why.
      if (isUniqueViolation(error)) throw emailTaken(email);
      throw error;
    }
  }
}
