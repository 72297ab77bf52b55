import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { publicEntryOr404 } from "~/loop/public.server";
import { entryPath } from "~/loop/ui/PublicEntry";
import { useLoaderData } from "@remix-run/react";
import { Confirmation } from "~/loop/ui/Confirmation";
import { ErrorPage } from "~/ui/ErrorPage";

// The confirmation after asking for a "We did" to be looked at again.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const entry = await publicEntryOr404(context.db, params.id, context.env.SUPPRESSION_THRESHOLD);
  return json({ pageTitle: getFixedT(languageFromRequest(request), "yswd")("look_again.sent_title"), id: entry.id });
}

export default function LookAgainSent() {
  const { id } = useLoaderData<typeof loader>();
  const { t } = useTranslation("yswd");
  return (
    <Confirmation
      title={t("look_again.sent_title")}
      body={t("look_again.sent_body")}
      links={[{ to: entryPath(id), text: t("look_again.back") }]}
    />
  );
}

export const ErrorBoundary = ErrorPage;
