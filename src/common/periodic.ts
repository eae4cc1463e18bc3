/**
 * Runs `pass` once after `start(delay)` and then every `intervalMs` after the previous pass
 * ended, never two at once. Its timer never keeps a process (a test, a shutting-down server)
 * alive; `stop()` waits for a pass under way. `pass` must not reject.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  start(delayMs = 0): void {
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.start(this.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
