import type { Language } from "@db/schema";
import { getFixedT } from "~/i18n/i18n";
import { formatDate } from "~/i18n/format";
import { renderEmail } from "~/mail/layout";
import type { OutgoingEmail } from "~/mail/outbox.server";

export type CampaignEmailKind = "invitation" | "reminder";

export interface CampaignEmailInput {
  kind: CampaignEmailKind;
  invitation: { id: number; email: string; language: Language; token: string };
  /** Texts in both languages: the email uses the invitee's. */
  surveyTitle: Record<Language, string>;
  serviceName: Record<Language, string>;
  closesAt: string;
  anonymous: boolean;
  /** The site's address, without a trailing slash (PUBLIC_URL). */
  publicUrl: string;
}

export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/i/${token}`;
}

export function optOutLink(publicUrl: string, token: string): string {
  return `${publicUrl}/unsubscribe/${token}`;
}

/**
 * An invitation or reminder email in the invitee's language, HTML and plain text,
 * naming the service and the survey, with the personal link, the closing date and
 * a one-click opt-out (a link, and List-Unsubscribe headers for mail programs).
 */
export function composeCampaignEmail(input: CampaignEmailInput): OutgoingEmail {
  const lng = input.invitation.language;
  const t = getFixedT(lng, "campaigns");
  const values = {
    survey: input.surveyTitle[lng],
    service: input.serviceName[lng],
    date: formatDate(input.closesAt, lng),
  };
  const link = invitationLink(input.publicUrl, input.invitation.token);
  const optOut = optOutLink(input.publicUrl, input.invitation.token);
  const isReminder = input.kind === "reminder";
  const paragraphs = isReminder
    ? [t("email.reminder.intro", values), t("email.reminder.already")]
    : [t("email.invitation.intro", values), t("email.invitation.why")];
  if (input.anonymous) paragraphs.push(t("email.anonymous"));
  paragraphs.push(t("email.closes", values));
  const title = isReminder ? t("email.reminder.title", values) : t("email.invitation.title", values);
  const { html, text } = renderEmail({
    lng,
    title,
    paragraphs,
    action: { label: t("email.action"), href: link },
    footer: [t("email.footer_sent_for", values), t("email.footer_opt_out", { url: optOut })],
  });
  return {
    kind: input.kind,
    to: input.invitation.email,
    language: lng,
    subject: isReminder ? t("email.reminder.subject", values) : t("email.invitation.subject", values),
    text,
    html,
    headers: {
      // RFC 8058: mail programs offer "unsubscribe" and post to this address with one click.
      "List-Unsubscribe": `<${optOut}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    invitationId: input.invitation.id,
  };
}
