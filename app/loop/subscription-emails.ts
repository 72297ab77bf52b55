import type { Language } from "@db/schema";
import { getFixedT } from "~/i18n/i18n";
import { renderEmail } from "~/mail/layout";
import type { OutgoingEmail } from "~/mail/outbox.server";
import { entryHeading, entryParagraphs, type EntryView } from "./public-view.server";

/**
 * The emails families get about "You Said, We Did", in their own language: the link
 * that confirms a subscription, and one email per publication listing what was published.
 * Every update email carries a one-click unsubscribe (a link, and List-Unsubscribe headers).
 */

export const confirmLink = (publicUrl: string, token: string, lng: Language) =>
  `${publicUrl}/you-said-we-did/subscribe/${token}?lng=${lng}`;
export const unsubscribeLink = (publicUrl: string, token: string, lng: Language) =>
  `${publicUrl}/you-said-we-did/unsubscribe/${token}?lng=${lng}`;

function unsubscribeHeaders(url: string): Record<string, string> {
  // RFC 8058: mail programs offer "unsubscribe" and post to this address with one click.
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

export interface Recipient {
  email: string;
  language: Language;
  token: string;
  /** What they asked to hear about, already named in their language ("all services", "Speech and Language Therapy"). */
  scope: string;
}

/** "Please confirm" (a new or unconfirmed subscription), or "you already get these" (a confirmed one). */
export function composeConfirmEmail(to: Recipient, alreadyConfirmed: boolean, publicUrl: string): OutgoingEmail {
  const lng = to.language;
  const t = getFixedT(lng, "yswd");
  const unsubscribe = unsubscribeLink(publicUrl, to.token, lng);
  const { html, text } = alreadyConfirmed
    ? renderEmail({
        lng,
        title: t("email.already.title"),
        paragraphs: [t("email.already.body", { scope: to.scope })],
        action: { label: t("email.already.action"), href: `${publicUrl}/you-said-we-did?lng=${lng}` },
        footer: [t("email.footer_unsubscribe", { url: unsubscribe })],
      })
    : renderEmail({
        lng,
        title: t("email.confirm.title"),
        paragraphs: [t("email.confirm.body", { scope: to.scope }), t("email.confirm.privacy")],
        action: { label: t("email.confirm.action"), href: confirmLink(publicUrl, to.token, lng) },
        footer: [t("email.confirm.ignore")],
      });
  return {
    kind: "loop_subscription_confirm",
    to: to.email,
    language: lng,
    subject: alreadyConfirmed ? t("email.already.subject") : t("email.confirm.subject"),
    text,
    html,
    headers: alreadyConfirmed ? unsubscribeHeaders(unsubscribe) : undefined,
  };
}

/** One email listing every entry of a publication that concerns this subscriber. */
export function composePublicationEmail(to: Recipient, entries: EntryView[], publicUrl: string): OutgoingEmail {
  const lng = to.language;
  const t = getFixedT(lng, "yswd");
  const unsubscribe = unsubscribeLink(publicUrl, to.token, lng);
  const paragraphs = [t("email.publication.intro")];
  for (const entry of entries) {
    paragraphs.push(
      entryHeading(entry, lng),
      ...entryParagraphs(entry, lng),
      t("email.publication.read_more", { url: `${publicUrl}/you-said-we-did/${entry.id}?lng=${lng}` })
    );
  }
  const { html, text } = renderEmail({
    lng,
    title: t("email.publication.title"),
    paragraphs,
    action: { label: t("email.publication.action"), href: `${publicUrl}/you-said-we-did?lng=${lng}` },
    footer: [t("email.publication.why", { scope: to.scope }), t("email.footer_unsubscribe", { url: unsubscribe })],
  });
  return {
    kind: "loop_publication",
    to: to.email,
    language: lng,
    subject: t("email.publication.subject"),
    text,
    html,
    headers: unsubscribeHeaders(unsubscribe),
  };
}
