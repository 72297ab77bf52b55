import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, isLanguage, languageFromRequest, pick } from "~/i18n/i18n";
import { getCampaignById } from "~/campaigns/campaigns.server";
import { invitationCookie } from "~/campaigns/invitation-cookie";
import { findInvitationByToken } from "~/campaigns/invitations.server";
import { isCampaignOpen } from "~/surveys/surveys.server";
import { ErrorPage } from "~/ui/ErrorPage";

// A personal invitation link from an email. The device remembers the invitation only
// for the survey's own pages, so submitting marks it completed; the response never
// holds a link to it (docs/decisions/005-invitation-completion-without-a-link.md).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const token = params.token ?? "";
  const invitation = await findInvitationByToken(db, token);
  const detail = invitation ? await getCampaignById(db, invitation.campaign_id) : undefined;
  if (!invitation || !detail) throw json({ reason: "unknown_link" }, { status: 404 });
  const { campaign, version } = detail;
  const noStore = { "Cache-Control": "private, no-store" };
  if (!invitation.completed_on && isCampaignOpen(campaign, new Date())) {
    return redirect(`/s/${campaign.slug}?lng=${invitation.language}`, {
      headers: { ...noStore, "Set-Cookie": invitationCookie(campaign.slug, invitation.token, env.COOKIE_SECURE) },
    });
  }
  // Pages shown here speak the invitee's language unless they chose another.
  if (!isLanguage(new URL(request.url).searchParams.get("lng"))) {
    return redirect(`/i/${invitation.token}?lng=${invitation.language}`, { headers: noStore });
  }
  if (!invitation.completed_on) throw json({ reason: "closed" }, { status: 410 });
  const lng = languageFromRequest(request);
  return json(
    { pageTitle: getFixedT(lng, "campaigns")("answered.title"), survey: pick(version, "title", lng) },
    { headers: noStore },
  );
}

export default function AlreadyAnswered() {
  const { survey } = useLoaderData<typeof loader>();
  const { t } = useTranslation("campaigns");
  return (
    <>
      <div className="panel">
        <h1 className="panel__title">{t("answered.title")}</h1>
        <p className="panel__body">{survey}</p>
      </div>
      <p>{t("answered.body")}</p>
      <p>
        <Link to="/">{t("answered.more")}</Link>
      </p>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
