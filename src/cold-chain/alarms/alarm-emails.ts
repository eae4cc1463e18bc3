import { renderActionEmail, type RenderedEmail } from 'src/mail/emails';

export interface AlarmEmailInput {
  appName: string;
  frontendUrl: string;
  recipientEmail: string;
  alarmId: string;
  /** "Temperature excursion" or "Sensor offline". */
  typeLabel: string;
  message: string;
  warehouseName: string;
  raisedAt: Date;
  /** True for the email admins get when nobody acknowledged in time. */
  escalation: boolean;
}

const AT = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** An alarm raised (to the warehouse's inventory managers) or escalated (to every admin). */
export function renderAlarmEmail(input: AlarmEmailInput): RenderedEmail {
  const url = new URL(`alarms/${input.alarmId}`, input.frontendUrl.replace(/\/?$/, '/'));
  const subject = input.escalation
    ? `Unacknowledged alarm at ${input.warehouseName}: ${input.typeLabel}`
    : `Alarm at ${input.warehouseName}: ${input.typeLabel}`;
  return renderActionEmail({
    appName: input.appName,
    recipientEmail: input.recipientEmail,
    subject,
    heading: input.escalation ? 'An alarm is still unacknowledged' : input.typeLabel,
    intro: input.message,
    details: [
      ['Warehouse', input.warehouseName],
      ['Alarm', input.typeLabel],
      ['Raised', `${AT.format(input.raisedAt)} UTC`],
    ],
    instruction: 'To look at it and acknowledge it, open this link:',
    buttonLabel: 'Open the alarm',
    url: url.toString(),
    footer: input.escalation
      ? `This email was sent to ${input.recipientEmail} because you are an administrator and nobody acknowledged the alarm in time.`
      : `This email was sent to ${input.recipientEmail} because you manage the inventory of ${input.warehouseName}.`,
  });
}
