import { escapeHtml, renderInvitationEmail, type InvitationEmailInput } from './emails';

const input: InvitationEmailInput = {
  appName: 'Cold Storage Management System',
  recipientEmail: 'operator@example.com',
  roleName: 'INVENTORY_MANAGER',
  acceptUrl: 'http://localhost:5173/accept-invitation?token=abc123&source=email',
  expiresAt: new Date('2030-03-12T14:30:00Z'),
  warehouseName: 'North Hub',
  companyName: 'Acme Foods',
};

describe('renderInvitationEmail', () => {
  it('puts the accept link in both the text and the HTML part', () => {
    const { text, html } = renderInvitationEmail(input);
    expect(text).toContain(input.acceptUrl);
    // In HTML the & of the query string is an entity, in the href as in the visible copy.
    const escapedUrl = 'http://localhost:5173/accept-invitation?token=abc123&amp;source=email';
    expect(html).toContain(`href="${escapedUrl}"`);
    expect(html.split(escapedUrl)).toHaveLength(4); // button, fallback href, fallback text
    expect(html).not.toContain('token=abc123&source');
  });

  it('states the role, warehouse, company, recipient and the expiry in UTC', () => {
    const { subject, text, html } = renderInvitationEmail(input);
    expect(subject).toBe("You're invited to Cold Storage Management System");
    for (const part of [text, html]) {
      expect(part).toContain('Inventory manager');
      expect(part).toContain('North Hub');
      expect(part).toContain('Acme Foods');
      expect(part).toContain('operator@example.com');
      expect(part).toContain('12 March 2030 at 14:30 UTC');
    }
  });

  it('leaves out the warehouse and company lines when there are none', () => {
    const { text, html } = renderInvitationEmail({
      ...input,
      warehouseName: undefined,
      companyName: null,
    });
    expect(text).not.toMatch(/Warehouse:|Company:/);
    expect(html).not.toMatch(/>Warehouse<|>Company</);
  });

  it('HTML-escapes every interpolated value', () => {
    const hostile = '<script>alert("x")</script> & \'quoted\'';
    const { html, text } = renderInvitationEmail({
      appName: hostile,
      recipientEmail: `${hostile}@example.com`,
      roleName: hostile,
      acceptUrl: 'https://app.example.com/accept?token="><img src=x onerror=alert(1)>',
      expiresAt: input.expiresAt,
      warehouseName: hostile,
      companyName: hostile,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain(
      'href="https://app.example.com/accept?token=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"',
    );
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;',
    );
    // The text part is not HTML: it keeps the values as they are.
    expect(text).toContain(hostile);
  });

  it('keeps the subject on one line', () => {
    const { subject } = renderInvitationEmail({
      ...input,
      appName: 'Cold\r\nBcc: victim@example.com',
    });
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderInvitationEmail({ ...input, acceptUrl: 'javascript:alert(document.cookie)' }),
    ).toThrow(/http\(s\) URL/);
    expect(() => renderInvitationEmail({ ...input, acceptUrl: 'not a url' })).toThrow();
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml('plain text')).toBe('plain text');
  });
});
