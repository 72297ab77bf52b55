import nodemailer, { type Transporter } from "nodemailer";

export type { Transporter };

/**
 * An SMTP transport for a URL such as `smtp://user:pass@relay:587`. The timeouts are
 * short so that a mail server that is down fails the attempt quickly (the message
 * waits in the outbox for its next try) instead of holding up the job loop.
 */
export function createMailTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
