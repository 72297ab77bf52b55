import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db.server";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { findPublicEntry } from "~/loop/public.server";
import { entryPath } from "~/loop/ui/PublicEntry";
import { ErrorPage } from "~/ui/ErrorPage";

// The confirmation after asking for a "We did" to be looked at again.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const entry = /^\d{1,9}$/.test(params.id ?? "") ? await findPublicEntry(getDb(), Number(params.id)) : undefined;
  if (!entry) throw json({ reason: "not_found" }, { status: 404 });
  return json({ pageTitle: getFixedT(languageFromRequest(request), "yswd")("look_again.sent_title"), id: entry.id });
}

export default function LookAgainSent() {
  const { id } = useLoaderData<typeof loader>();
  const { t } = useTranslation("yswd");
  return (
    <>
      <div className="notification notification--success" role="status">
        <h1>{t("look_again.sent_title")}</h1>
        <p>{t("look_again.sent_body")}</p>
      </div>
      <ul className="link-list">
        <li>
          <Link to={entryPath(id)}>{t("look_again.back")}</Link>
        </li>
        <li>
          <Link to="/you-said-we-did">{t("back_to_list")}</Link>
        </li>
      </ul>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
