export interface InvitationEmailInput {
  appName: string;
  recipientEmail: string;
  /** A role name such as "INVENTORY_MANAGER"; shown as "Inventory manager". */
  roleName: string;
  /** The accept link, token included (the only place the token appears besides the API reply). */
  acceptUrl: string;
  expiresAt: Date;
  warehouseName?: string | null;
  companyName?: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Header values must stay on one line. */
const oneLine = (value: string): string => value.replace(/[\r\n]+/g, ' ').trim();

function roleLabel(roleName: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(roleName)) return roleName;
  const words = roleName.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const EXPIRY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

function checkedUrl(acceptUrl: string): string {
  const { protocol } = new URL(acceptUrl);
  // The link lands in an href: anything but http(s) (javascript:, data:) is a bug upstream.
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new Error('The invitation link must be an http(s) URL');
  }
  return acceptUrl;
}

export interface ActionEmailInput {
  appName: string;
  recipientEmail: string;
  subject: string;
  heading: string;
  /** The opening sentence (plain text; escaped for HTML). */
  intro: string;
  /** Bold words inside the intro's HTML rendering. */
  emphasis?: string[];
  details?: [string, string][];
  instruction: string;
  buttonLabel: string;
  url: string;
  /** When the link stops working; absent for links that do not expire. */
  expiresAt?: Date;
  /** Why the recipient got this email, and what to do if they did not expect it. */
  footer: string;
}

/** One layout for every email that carries a single-use link: text and styled HTML parts. */
export function renderActionEmail(input: ActionEmailInput): RenderedEmail {
  const appName = oneLine(input.appName);
  const url = checkedUrl(input.url);
  const expires = input.expiresAt ? `${EXPIRY_FORMAT.format(input.expiresAt)} UTC` : null;
  const details = input.details ?? [];
  const subject = oneLine(input.subject);

  const text = [
    'Hello,',
    '',
    input.intro,
    '',
    ...(details.length > 0 ? [...details.map(([label, value]) => `${label}: ${value}`), ''] : []),
    input.instruction,
    url,
    '',
    ...(expires ? [`The link expires on ${expires}.`, ''] : []),
    input.footer,
    '',
    `— ${appName}`,
    '',
  ].join('\n');

  const e = escapeHtml;
  let introHtml = e(input.intro);
  for (const word of input.emphasis ?? []) {
    introHtml = introHtml.replace(e(word), `<strong>${e(word)}</strong>`);
  }
  const detailRows = details
    .map(
      ([label, value]) =>
        `<tr><td style="padding:4px 16px 4px 0;color:#52606d;">${e(label)}</td>` +
        `<td style="padding:4px 0;font-weight:bold;">${e(value)}</td></tr>`,
    )
    .join('');

  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f6f9;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f6f9;padding:24px 12px;">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid #dde3ea;border-radius:8px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;">
<tr><td style="background:#0b5394;color:#ffffff;padding:18px 32px;border-radius:8px 8px 0 0;font-size:18px;font-weight:bold;">${e(appName)}</td></tr>
<tr><td style="padding:32px;">
<h1 style="margin:0 0 16px;font-size:22px;">${e(input.heading)}</h1>
<p style="margin:0 0 16px;">${introHtml}</p>
${detailRows ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 24px;font-size:14px;">${detailRows}</table>` : ''}
<p style="margin:0 0 24px;text-align:center;"><a href="${e(url)}" style="display:inline-block;background:#0b5394;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 28px;border-radius:6px;">${e(input.buttonLabel)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#52606d;">If the button does not work, copy this link into your browser:<br><a href="${e(url)}" style="color:#0b5394;word-break:break-all;">${e(url)}</a></p>
${expires ? `<p style="margin:0;font-size:13px;color:#52606d;">The link expires on ${e(expires)}.</p>` : ''}
</td></tr>
<tr><td style="padding:16px 32px;border-top:1px solid #dde3ea;font-size:12px;color:#7b8794;">${e(input.footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

  return { subject, text, html };
}

/** The invitation email: a plain-text part and a simple styled HTML part with the same content. */
export function renderInvitationEmail(input: InvitationEmailInput): RenderedEmail {
  const appName = oneLine(input.appName);
  const role = roleLabel(input.roleName);
  const details: [string, string][] = [['Role', role]];
  if (input.warehouseName) details.push(['Warehouse', input.warehouseName]);
  if (input.companyName) details.push(['Company', input.companyName]);
  return renderActionEmail({
    appName,
    recipientEmail: input.recipientEmail,
    subject: `You're invited to ${appName}`,
    heading: "You're invited",
    intro: `You have been invited to join ${appName} as ${role}.`,
    emphasis: [appName, role],
    details,
    instruction: 'To accept the invitation and choose your password, open this link:',
    buttonLabel: 'Accept invitation',
    url: input.acceptUrl,
    expiresAt: input.expiresAt,
    footer: `This invitation was sent to ${input.recipientEmail}. If you did not expect it, you can ignore this email.`,
  });
}

/** The password reset email. */
export function renderPasswordResetEmail(input: {
  appName: string;
  recipientEmail: string;
  resetUrl: string;
  expiresAt: Date;
}): RenderedEmail {
  const appName = oneLine(input.appName);
  return renderActionEmail({
    appName,
    recipientEmail: input.recipientEmail,
    subject: `Reset your ${appName} password`,
    heading: 'Reset your password',
    intro: `Someone asked to reset the password of your ${appName} account.`,
    emphasis: [appName],
    instruction: 'To choose a new password, open this link (it works once):',
    buttonLabel: 'Choose a new password',
    url: input.resetUrl,
    expiresAt: input.expiresAt,
    footer: `This email was sent to ${input.recipientEmail}. If you did not ask for a reset, ignore it: your password stays as it is.`,
  });
}
