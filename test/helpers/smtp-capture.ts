import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  parsed: ParsedMail;
}

export interface SmtpCaptureOptions {
  /** Listen on this port, e.g. to bring back a server a test had taken away. */
  port?: number;
  /** Hold the reply to each message this long, like a slow server. */
  delayMs?: number;
  /** Require AUTH (over the plain connection); other credentials are answered 535. */
  auth?: { user: string; pass: string };
}

export interface SmtpCapture {
  host: string;
  port: number;
  /** Messages the server accepted (after any delay). */
  messages: CapturedMail[];
  /** User names of every AUTH attempt, accepted or not. */
  logins: string[];
  /** While on, every message is answered 451 (try again later) and kept nowhere. */
  refuse(on: boolean): void;
  setDelay(ms: number): void;
  /** Messages received whose reply is still being held back by the delay. */
  pendingReplies(): number;
  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor(match: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

export { unusedPort } from './ports';

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, like the mail catcher of
 * docker-compose. No STARTTLS and, unless asked, no auth: the plain local-catcher case.
 */
export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const logins: string[] = [];
  const waiters: {
    match: (mail: CapturedMail) => boolean;
    resolve: (mail: CapturedMail) => void;
  }[] = [];
  let refusing = false;
  let delayMs = options.delayMs ?? 0;
  let pending = 0;
  const accept = (mail: CapturedMail): void => {
    messages.push(mail);
    for (const waiter of waiters.filter((w) => w.match(mail))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(mail);
    }
  };
  const required = options.auth;
  const server = new SMTPServer({
    disabledCommands: required ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !required,
    allowInsecureAuth: true,
    closeTimeout: 500,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      if (required && auth.username === required.user && auth.password === required.pass) {
        callback(null, { user: auth.username });
        return;
      }
      callback(Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, callback) {
      if (refusing) {
        callback(Object.assign(new Error('4.3.2 Try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CapturedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            parsed,
          };
          pending += 1;
          setTimeout(() => {
            pending -= 1;
            accept(mail);
            callback();
          }, delayMs);
        })
        .catch((error: unknown) => {
          callback(error as Error);
        });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    messages,
    logins,
    refuse: (on) => {
      refusing = on;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    pendingReplies: () => pending,
    waitFor: (match, timeoutMs = 5_000) => {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error('No matching mail arrived in time'));
        }, timeoutMs);
        waiters.push({
          match,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
