import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { getCampaignById } from "~/campaigns/campaigns.server";
import { findInvitationByToken, setOptedOut } from "~/campaigns/invitations.server";
import { ErrorPage } from "~/ui/ErrorPage";

// The confirmation after /unsubscribe/<token>: shows whether this invitee gets the
// campaign's emails, with a button to undo (or to opt out again). Only posts change it.

async function invitationOr404(db: AppLoadContext["db"], token: string | undefined) {
  const invitation = await findInvitationByToken(db, token);
  const detail = invitation ? await getCampaignById(db, invitation.campaign_id) : undefined;
  if (!invitation || !detail) throw json({ reason: "not_found" }, { status: 404 });
  return { db, invitation, detail };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { invitation, detail } = await invitationOr404(context.db, params.token);
  const lng = languageFromRequest(request);
  const optedOut = invitation.opted_out_at !== null;
  const service = detail.services.find((s) => s.id === invitation.service_id);
  return json(
    {
      pageTitle: getFixedT(lng, "campaigns")(optedOut ? "opt_out.title" : "opt_out.undone_title"),
      optedOut,
      survey: pick(detail.version, "title", lng),
      service: service ? pick(service, "name", lng) : "",
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, invitation } = await invitationOr404(context.db, params.token);
  const form = await request.formData();
  await setOptedOut(db, invitation.id, form.get("intent") !== "undo", new Date());
  return json({ ok: true });
}

export default function OptedOut() {
  const { optedOut, survey, service } = useLoaderData<typeof loader>();
  const { t } = useTranslation("campaigns");
  return (
    <>
      <div className="notification notification--success" role="status">
        <h1>{optedOut ? t("opt_out.title") : t("opt_out.undone_title")}</h1>
        <p>{optedOut ? t("opt_out.body", { survey, service }) : t("opt_out.undone_body", { survey, service })}</p>
      </div>
      <p>{t("opt_out.still_answer")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value={optedOut ? "undo" : "opt_out"} />
        <button type="submit" className={optedOut ? "button button--secondary" : "button"}>
          {optedOut ? t("opt_out.undo") : t("opt_out.again")}
        </button>
      </Form>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
