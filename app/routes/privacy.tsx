import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { ICO_HELPLINE, LEGAL_CONTACTS, LEGAL_LINKS } from "~/legal/contacts";
import { Bullets, EmailLine, LegalPage, LegalSection, LinkLine, Paragraphs } from "~/legal/LegalPage";
import { ErrorPage } from "~/ui/ErrorPage";
import { KEEP_RENDERED } from "~/ui/page-handle";

export const handle = KEEP_RENDERED;

// The privacy notice (UK GDPR). Every fact in it is a fact of the code: db/schema.ts for
// what is kept, server/http for the logs and rate limits. The two figures that are
// settings come from the running configuration, so the notice cannot drift from them.

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json({
    pageTitle: getFixedT(languageFromRequest(request), "legal")("privacy.title"),
    days: context.env.PURGE_UNSUBMITTED_AFTER_DAYS,
    threshold: context.env.SUPPRESSION_THRESHOLD,
  });
}

export default function PrivacyNotice() {
  const { days, threshold } = useLoaderData<typeof loader>();
  const { t } = useTranslation("legal");
  return (
    <LegalPage title={t("privacy.title")} lead={t("privacy.lead")} updated={t("privacy.updated")}>
      <LegalSection id="who" heading={t("privacy.who.heading")}>
        <Paragraphs keys={["privacy.who.run_by", "privacy.who.controller", "privacy.who.contact"]} />
        <EmailLine address={LEGAL_CONTACTS.dataProtectionEmail} />
      </LegalSection>

      <LegalSection id="what" heading={t("privacy.collect.heading")}>
        <LegalSection id="surveys" heading={t("privacy.surveys.heading")} level={3}>
          <Paragraphs
            keys={["privacy.surveys.anonymous", "privacy.surveys.comments", "privacy.surveys.saved", "privacy.surveys.purpose"]}
            values={{ days, threshold }}
          />
        </LegalSection>
        <LegalSection id="invitations" heading={t("privacy.invitations.heading")} level={3}>
          <Paragraphs keys={["privacy.invitations.kept", "privacy.invitations.completed", "privacy.invitations.stop"]} />
        </LegalSection>
        <LegalSection id="updates" heading={t("privacy.updates.heading")} level={3}>
          <Paragraphs keys={["privacy.updates.kept", "privacy.updates.unsubscribe"]} />
        </LegalSection>
        <LegalSection id="did-this-help" heading={t("privacy.ratings.heading")} level={3}>
          <Paragraphs keys={["privacy.ratings.rating", "privacy.ratings.look_again"]} />
        </LegalSection>
        <LegalSection id="staff" heading={t("privacy.staff.heading")} level={3}>
          <Paragraphs keys={["privacy.staff.kept", "privacy.staff.session"]} />
        </LegalSection>
        <LegalSection id="visits" heading={t("privacy.visits.heading")} level={3}>
          <Paragraphs keys={["privacy.visits.logs", "privacy.visits.ip", "privacy.visits.cookies"]} />
          <p>
            <Link to="/cookies">{t("privacy.visits.cookies_link")}</Link>
          </p>
        </LegalSection>
      </LegalSection>

      <LegalSection id="lawful-basis" heading={t("privacy.lawful.heading")}>
        <Paragraphs keys={["privacy.lawful.body"]} />
      </LegalSection>

      <LegalSection id="sharing" heading={t("privacy.sharing.heading")}>
        <Paragraphs keys={["privacy.sharing.body"]} values={{ threshold }} />
      </LegalSection>

      <LegalSection id="keeping" heading={t("privacy.keeping.heading")}>
        <Bullets keys={["privacy.keeping.unsubmitted", "privacy.keeping.ip", "privacy.keeping.sessions"]} values={{ days }} />
        <Paragraphs keys={["privacy.keeping.other"]} />
      </LegalSection>

      <LegalSection id="rights" heading={t("privacy.rights.heading")}>
        <Paragraphs keys={["privacy.rights.intro"]} />
        <Bullets keys={["privacy.rights.access", "privacy.rights.rectification", "privacy.rights.erasure", "privacy.rights.objection"]} />
        <Paragraphs keys={["privacy.rights.anonymous", "privacy.rights.how"]} />
      </LegalSection>

      <LegalSection id="complain" heading={t("privacy.complain.heading")}>
        <Paragraphs keys={["privacy.complain.body"]} />
        <LinkLine href={LEGAL_LINKS.icoComplaints}>{t("privacy.complain.ico_link")}</LinkLine>
        <p>
          {t("privacy.complain.helpline")} <bdi>{ICO_HELPLINE}</bdi>
        </p>
      </LegalSection>
    </LegalPage>
  );
}

export const ErrorBoundary = ErrorPage;
