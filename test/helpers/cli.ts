import { spawn } from 'node:child_process';
import { CLI_ARGS } from './app-process';
import { BASE_TEST_ENV } from './test-env';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** True when the run was killed for taking longer than its timeout. */
  timedOut: boolean;
}

export interface CliOptions {
  /** Written to stdin, which is then closed. */
  stdin?: string;
  /** Leaves stdin open, as a container without input would, to prove nothing waits for it. */
  keepStdinOpen?: boolean;
  timeoutMs?: number;
}

/**
 * Runs the CLI from dist/ as `npm run cli --` does: with stdin a pipe (no
 * terminal), the test environment and `env` on top.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  options: CliOptions = {},
): Promise<CliResult> {
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_ARGS, ...args], {
      env: { ...process.env, ...BASE_TEST_ENV, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 90_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut });
    });
    if (options.stdin !== undefined) child.stdin.write(options.stdin);
    if (!options.keepStdinOpen) child.stdin.end();
  });
}
