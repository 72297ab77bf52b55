import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { cookieRows } from "~/legal/cookie-list.server";
import { CookieTable } from "~/legal/CookieTable";
import { LegalPage, LegalSection, Paragraphs } from "~/legal/LegalPage";
import { ErrorPage } from "~/ui/ErrorPage";
import { KEEP_RENDERED } from "~/ui/page-handle";

export const handle = KEEP_RENDERED;

// Every cookie the app sets, and why no consent banner: all of them are strictly
// necessary (PECR's exemption), and nothing from another site is loaded.

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ pageTitle: getFixedT(languageFromRequest(request), "legal")("cookies.title"), rows: cookieRows() });
}

export default function Cookies() {
  const { rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation("legal");
  return (
    <LegalPage title={t("cookies.title")} lead={t("cookies.lead")} updated={t("cookies.updated")}>
      <Paragraphs keys={["cookies.necessary", "cookies.none_else"]} />
      <CookieTable rows={rows} />
      <LegalSection id="blocking" heading={t("cookies.blocking.heading")}>
        <Paragraphs keys={["cookies.blocking.body"]} />
      </LegalSection>
    </LegalPage>
  );
}

export const ErrorBoundary = ErrorPage;
