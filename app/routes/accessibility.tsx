import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { LEGAL_CONTACTS, LEGAL_LINKS } from "~/legal/contacts";
import { Bullets, EmailLine, LegalPage, LegalSection, LinkLine, Paragraphs } from "~/legal/LegalPage";
import { ErrorPage } from "~/ui/ErrorPage";
import { KEEP_RENDERED } from "~/ui/page-handle";

export const handle = KEEP_RENDERED;

// The accessibility statement, in the order of GOV.UK's model statement (Public Sector
// Bodies Accessibility Regulations 2018). It claims full compliance only for what the
// tests check; keep it true when they change.

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ pageTitle: getFixedT(languageFromRequest(request), "legal")("accessibility.title") });
}

export default function AccessibilityStatement() {
  const { t } = useTranslation("legal");
  return (
    <LegalPage title={t("accessibility.title")} lead={t("accessibility.lead")} updated={t("accessibility.updated")}>
      <LegalSection id="using" heading={t("accessibility.using.heading")}>
        <Paragraphs keys={["accessibility.using.run_by"]} />
        <Bullets
          keys={[
            "accessibility.using.zoom",
            "accessibility.using.narrow",
            "accessibility.using.keyboard",
            "accessibility.using.screen_reader",
            "accessibility.using.no_js",
            "accessibility.using.languages",
          ]}
        />
        <Paragraphs keys={["accessibility.using.plain"]} />
        <LinkLine href={LEGAL_LINKS.abilityNet}>{t("accessibility.using.ability_net")}</LinkLine>
      </LegalSection>

      <LegalSection id="how-accessible" heading={t("accessibility.limits.heading")}>
        <Paragraphs keys={["accessibility.limits.intro"]} />
        <Bullets
          keys={["accessibility.limits.urdu", "accessibility.limits.content", "accessibility.limits.no_js_focus", "accessibility.limits.staff"]}
        />
      </LegalSection>

      <LegalSection id="other-formats" heading={t("accessibility.formats.heading")}>
        <Paragraphs keys={["accessibility.formats.body"]} />
        <EmailLine address={LEGAL_CONTACTS.sendTeamEmail} />
        <Paragraphs keys={["accessibility.formats.reply", "accessibility.formats.other_ways"]} />
      </LegalSection>

      <LegalSection id="reporting" heading={t("accessibility.report.heading")}>
        <Paragraphs keys={["accessibility.report.body"]} />
      </LegalSection>

      <LegalSection id="enforcement" heading={t("accessibility.enforcement.heading")}>
        <Paragraphs keys={["accessibility.enforcement.body"]} />
        <LinkLine href={LEGAL_LINKS.eass}>{t("accessibility.enforcement.eass_link")}</LinkLine>
      </LegalSection>

      <LegalSection id="technical" heading={t("accessibility.technical.heading")}>
        <Paragraphs keys={["accessibility.technical.body"]} />
        <LinkLine href={LEGAL_LINKS.regulations}>{t("accessibility.technical.regulations_link")}</LinkLine>
        <LegalSection id="compliance" heading={t("accessibility.compliance.heading")} level={3}>
          <Paragraphs keys={["accessibility.compliance.status", "accessibility.compliance.tested_intro"]} />
          <Bullets keys={["accessibility.compliance.tested_axe", "accessibility.compliance.tested_reflow", "accessibility.compliance.tested_no_js"]} />
          <LinkLine href={LEGAL_LINKS.wcag}>{t("accessibility.compliance.wcag_link")}</LinkLine>
        </LegalSection>
        <LegalSection id="non-accessible" heading={t("accessibility.non_accessible.heading")} level={3}>
          <Paragraphs keys={["accessibility.non_accessible.body"]} />
        </LegalSection>
      </LegalSection>

      <LegalSection id="improving" heading={t("accessibility.improving.heading")}>
        <Paragraphs keys={["accessibility.improving.body"]} />
      </LegalSection>

      <LegalSection id="preparation" heading={t("accessibility.preparation.heading")}>
        <Paragraphs keys={["accessibility.preparation.prepared", "accessibility.preparation.tested"]} />
      </LegalSection>
    </LegalPage>
  );
}

export const ErrorBoundary = ErrorPage;
