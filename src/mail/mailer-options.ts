import type { MailerOptions } from '@nestjs-modules/mailer';
import type { MailSettings } from 'src/config/configuration';

/** Bounds one whole SMTP conversation, so a server that trickles replies cannot pin a send. */
export function sendTimeoutMs(mail: MailSettings): number {
  return mail.timeoutMs * 3;
}

/** The `@nestjs-modules/mailer` options for these settings (SMTP only when a host is set). */
export function buildMailerOptions(mail: MailSettings): MailerOptions {
  if (!mail.host) {
    // MailerService refuses to start without a transport; in log-only mode nothing uses it.
    return { transport: { jsonTransport: true } };
  }
  return {
    transport: {
      host: mail.host,
      port: mail.port,
      secure: mail.port === 465,
      // Neither requireTLS nor ignoreTLS: STARTTLS whenever offered, plain for a local catcher.
      ...(mail.password ? { auth: { user: mail.sender, pass: mail.password } } : {}),
      connectionTimeout: mail.timeoutMs,
      greetingTimeout: mail.timeoutMs,
      socketTimeout: mail.timeoutMs,
    },
    sendTimeout: sendTimeoutMs(mail),
  };
}
