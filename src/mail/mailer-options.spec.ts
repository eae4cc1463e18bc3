import type { MailSettings } from 'src/config/configuration';
import { buildMailerOptions } from './mailer-options';

const settings: MailSettings = {
  host: 'smtp.example.com',
  port: 587,
  sender: 'no-reply@coldstore.local',
  timeoutMs: 15_000,
  outboxPollIntervalMs: 2_000,
  outboxMaxAttempts: 10,
  outboxWorkerEnabled: true,
  outboxRetentionDays: 30,
};

describe('buildMailerOptions', () => {
  it('uses STARTTLS when offered without requiring it, and bounds every wait', () => {
    const options = buildMailerOptions(settings);
    expect(options.transport).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 15_000,
    });
    expect(options.sendTimeout).toBe(45_000);
  });

  it('speaks TLS from the start on port 465', () => {
    expect(buildMailerOptions({ ...settings, port: 465 }).transport).toMatchObject({
      secure: true,
    });
  });

  it('authenticates as the sender only when a password is set', () => {
    expect(buildMailerOptions({ ...settings, password: 's3cret' }).transport).toMatchObject({
      auth: { user: 'no-reply@coldstore.local', pass: 's3cret' },
    });
    expect(buildMailerOptions(settings).transport).not.toHaveProperty('auth');
  });

  it('opens no SMTP connection at all without a host', () => {
    expect(buildMailerOptions({ ...settings, host: undefined }).transport).toEqual({
      jsonTransport: true,
    });
  });
});
