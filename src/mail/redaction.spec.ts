import { renderInvitationEmail, renderPasswordResetEmail } from './emails';
import { maskRecipient, redactLinkTokens } from './redaction';

const TOKEN = 'Zx9_-Qm3vT0kLp8aWc2RbN5yHd7eFg4jKs1uVo6iXq0';

describe('redactLinkTokens', () => {
  it('removes the token from both parts of an invitation, keeping the rest of the email', () => {
    const email = renderInvitationEmail({
      appName: 'Cold Storage',
      recipientEmail: 'op@example.com',
      roleName: 'OPERATOR',
      acceptUrl: `http://localhost:5173/accept-invitation?token=${TOKEN}`,
      expiresAt: new Date('2030-03-12T14:30:00Z'),
      warehouseName: 'North Hub',
    });
    for (const part of [email.text, email.html]) {
      const redacted = redactLinkTokens(part);
      expect(redacted).not.toContain(TOKEN);
      expect(redacted).toContain('http://localhost:5173/accept-invitation?token=[redacted]');
      expect(redacted).toContain('North Hub');
      expect(redacted.replaceAll('token=[redacted]', `token=${TOKEN}`)).toBe(part);
    }
  });

  it('removes the token of a password reset link, wherever it sits in the query', () => {
    const email = renderPasswordResetEmail({
      appName: 'Cold Storage',
      recipientEmail: 'op@example.com',
      resetUrl: `http://app.test/reset-password?lang=en&token=${TOKEN}#top`,
      expiresAt: new Date('2030-03-12T14:30:00Z'),
    });
    const html = redactLinkTokens(email.html);
    const text = redactLinkTokens(email.text);
    expect(html).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN);
    expect(html).toContain('reset-password?lang=en&amp;token=[redacted]#top');
    expect(text).toContain('reset-password?lang=en&token=[redacted]#top');
  });

  it('leaves a body without a token unchanged, and other parameters alone', () => {
    const body = 'See http://app.test/invoices/1?page=2&csrf_token=x and a tokenizer=y';
    expect(redactLinkTokens(body)).toBe(body);
  });
});

describe('maskRecipient', () => {
  it('keeps the first character and the domain only', () => {
    expect(maskRecipient('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskRecipient('not-an-address')).toBe('***');
  });
});
