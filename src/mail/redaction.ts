/*
 * Single-use links (invitations, password resets) carry their credential in the `token` query
 * parameter. The outbox needs it until the email is delivered; after that the stored copy and
 * any log keep the link's shape without it.
 */
const LINK_TOKEN = /(?<![\w-])(token=)[^&#\s"'<>]+/gi;
export const REDACTED = '[redacted]';

/** The body with every link's token replaced: safe to keep once the email has gone. */
export function redactLinkTokens(body: string): string {
  return body.replace(LINK_TOKEN, `$1${REDACTED}`);
}

/** An address for logs: the first character of the mailbox and the domain (`j***@example.com`). */
export function maskRecipient(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address.charAt(0)}***${address.slice(at)}`;
}
