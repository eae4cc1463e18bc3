import { createTransport } from 'nodemailer';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture';

describe('SMTP capture helper', () => {
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(() => smtp.close());

  it('receives a real SMTP delivery and parses it', async () => {
    const transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'no-reply@coldstore.local',
      to: 'operator@example.com',
      subject: 'Welcome',
      text: 'Accept: http://localhost:5173/accept?token=abc',
    });
    const mail = await smtp.waitFor((m) => m.to.includes('operator@example.com'));
    expect(mail.parsed.subject).toBe('Welcome');
    expect(mail.parsed.text).toContain('token=abc');
    expect(mail.from).toBe('no-reply@coldstore.local');
  });
});
