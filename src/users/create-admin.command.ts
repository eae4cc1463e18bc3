import { isatty } from 'node:tty';
import {
  Command,
  CommandRunner,
  InquirerService,
  Option,
  Question,
  QuestionSet,
  ValidateFor,
} from 'nest-commander';
import { DomainError } from 'src/common/errors/domain.errors';
import { AdminBootstrapService, type NewAdmin } from './admin-bootstrap.service';
import { readFirstLine } from 'src/common/cli/stdin';

interface CreateAdminOptions {
  email?: string;
  name?: string;
  passwordStdin?: boolean;
}

interface AdminAnswers {
  email: string;
  fullName: string;
  password: string;
  confirmPassword: string;
}

const QUESTIONS = 'create-admin-questions';

const USAGE =
  'without a terminal, run create-admin --email <email> --name <name> --password-stdin and pipe the password on stdin';

/** A rule broken by an answer becomes inquirer's "re-ask" message; anything else is a real failure. */
async function answerProblem(check: () => void | Promise<void>): Promise<true | string> {
  try {
    await check();
    return true;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

/** The prompts of the TTY flow; each answer is checked by the service as it is given. */
@QuestionSet({ name: QUESTIONS })
export class CreateAdminQuestions {
  constructor(private readonly admins: AdminBootstrapService) {}

  @Question({ type: 'input', name: 'email', message: 'Email:' })
  parseEmail(value: string): string {
    return value.trim().toLowerCase();
  }

  @ValidateFor({ name: 'email' })
  validateEmail(value: string): Promise<true | string> {
    return answerProblem(async () => {
      this.admins.validateEmail(value);
      await this.admins.assertEmailFree(value);
    });
  }

  @Question({ type: 'input', name: 'fullName', message: 'Full name:' })
  parseFullName(value: string): string {
    return value.trim();
  }

  @ValidateFor({ name: 'fullName' })
  validateFullName(value: string): Promise<true | string> {
    return answerProblem(() => {
      this.admins.validateFullName(value);
    });
  }

  @Question({ type: 'password', name: 'password', message: 'Password:', mask: '*' })
  parsePassword(value: string): string {
    return value;
  }

  @ValidateFor({ name: 'password' })
  validatePassword(value: string, answers: Partial<AdminAnswers>): Promise<true | string> {
    return answerProblem(() => {
      this.admins.validatePassword(value, answers.email ?? '');
    });
  }

  @Question({
    type: 'password',
    name: 'confirmPassword',
    message: 'Repeat the password:',
    mask: '*',
  })
  parseConfirmPassword(value: string): string {
    return value;
  }

  @ValidateFor({ name: 'confirmPassword' })
  validateConfirmPassword(value: string, answers: Partial<AdminAnswers>): true | string {
    return (
      value === answers.password || 'The passwords do not match; type the same password again.'
    );
  }
}

@Command({
  name: 'create-admin',
  description:
    'Create an administrator (prompts on a terminal; --email --name --password-stdin otherwise)',
})
export class CreateAdminCommand extends CommandRunner {
  constructor(
    private readonly admins: AdminBootstrapService,
    private readonly inquirer: InquirerService,
  ) {
    super();
  }

  async run(_args: string[], options: CreateAdminOptions): Promise<void> {
    const input = isatty(0) ? await this.fromTerminal(options) : await this.fromFlags(options);
    const user = await this.admins.createAdmin(input);
    console.log(`Created admin ${user.email} (id ${user.id}).`);
  }

  private async fromFlags(options: CreateAdminOptions): Promise<NewAdmin> {
    const { email, name } = requireFlags(options);
    await this.checkGiven(options);
    return { email, fullName: name, password: await readPasswordFromStdin() };
  }

  private async fromTerminal(options: CreateAdminOptions): Promise<NewAdmin> {
    await this.checkGiven(options);
    const password = options.passwordStdin ? await readPasswordFromStdin() : undefined;
    const answers = await this.inquirer.ask<AdminAnswers>(QUESTIONS, {
      email: options.email,
      fullName: options.name,
      password,
      confirmPassword: password,
    });
    return { email: answers.email, fullName: answers.fullName, password: answers.password };
  }

  /** Fails before any prompt or stdin read: typing a password only to hear "seed first" is waste. */
  private async checkGiven(options: CreateAdminOptions): Promise<void> {
    await this.admins.assertSeeded();
    if (options.email !== undefined) {
      this.admins.validateEmail(options.email);
      await this.admins.assertEmailFree(options.email);
    }
    if (options.name !== undefined) this.admins.validateFullName(options.name);
  }

  @Option({ flags: '--email <email>', description: "The administrator's email address" })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: "The administrator's full name" })
  parseName(value: string): string {
    return value;
  }

  @Option({
    flags: '--password-stdin',
    description: 'Read the password from the first line of stdin (for scripts and containers)',
  })
  parsePasswordStdin(): boolean {
    return true;
  }
}

/** Without a terminal nothing can be asked: name every missing flag at once, never wait. */
function requireFlags(options: CreateAdminOptions): { email: string; name: string } {
  const { email, name, passwordStdin } = options;
  const missing = [
    email === undefined ? '--email' : null,
    name === undefined ? '--name' : null,
    passwordStdin ? null : '--password-stdin',
  ].filter((flag): flag is string => flag !== null);
  if (email === undefined || name === undefined || missing.length > 0) {
    throw new Error(`Missing ${missing.join(', ')}: ${USAGE}.`);
  }
  return { email, name };
}

async function readPasswordFromStdin(): Promise<string> {
  const password = await readFirstLine(process.stdin);
  if (!password) {
    throw new Error(
      'No password on stdin: pipe it as the first line, e.g. printf \'%s\\n\' "$ADMIN_PASSWORD" | ... create-admin --password-stdin.',
    );
  }
  return password;
}
