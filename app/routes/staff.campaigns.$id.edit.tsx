import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { CampaignDetailsSchema, parseCampaignForm, readCampaignForm, type CampaignFormValues } from "~/campaigns/campaign-form";
import { requireCampaignForUser, updateCampaignDetails } from "~/campaigns/campaigns.server";
import { CampaignCountAndSchedule, CampaignErrorSummary, CampaignNameAndDates } from "~/campaigns/CampaignFields";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "campaign_setup");
  const { campaign } = await requireCampaignForUser(db, user, params.id);
  const lng = languageFromRequest(request);
  const values: CampaignFormValues = {
    name_en: campaign.name_en,
    name_ur: campaign.name_ur,
    opens_on: campaign.opens_at.slice(0, 10),
    closes_on: campaign.closes_at.slice(0, 10),
    eligible_count: campaign.eligible_count === null ? "" : String(campaign.eligible_count),
    reminder_days: campaign.reminder_days.split(",").filter(Boolean).join(", "),
  };
  return json({
    pageTitle: getFixedT(lng, "campaigns")("edit.title", { name: pick(campaign, "name", lng) }),
    id: campaign.id,
    name: pick(campaign, "name", lng),
    values,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, user, form } = await requireStaffForm(db, request, "campaign_setup");
  const { campaign } = await requireCampaignForUser(db, user, params.id);
  const values = readCampaignForm(form);
  const parsed = parseCampaignForm(CampaignDetailsSchema, values);
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  await updateCampaignDetails(db, campaign.id, parsed.data);
  return redirectWithFlash(db, session, `/staff/campaigns/${campaign.id}`, { key: "campaigns:flash.updated" });
}

export default function EditCampaign() {
  const { id, name, values: saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("campaigns");
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? saved;
  return (
    <>
      <CampaignErrorSummary errors={errors} />
      <h1>{t("edit.title", { name })}</h1>
      <p>{t("edit.intro")}</p>
      <StaffForm noValidate className="narrow-form">
        <CampaignNameAndDates values={values} errors={errors} />
        <CampaignCountAndSchedule values={values} errors={errors} />
        <div className="button-group">
          <button type="submit" className="button">
            {t("edit.submit")}
          </button>
          <Link to={`/staff/campaigns/${id}`}>{t("edit.cancel")}</Link>
        </div>
      </StaffForm>
    </>
  );
}
