import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import {
  CampaignDetailsSchema,
  eligibleFieldOf,
  parseCampaignForm,
  parseEligibleByService,
  readCampaignForm,
  readEligibleByService,
  type CampaignFormValues,
} from "~/campaigns/campaign-form";
import { eligibleCountsByService, requireCampaignForUser, updateCampaignDetails } from "~/campaigns/campaigns.server";
import { CampaignCountAndSchedule, CampaignErrorSummary, CampaignNameAndDates, EligibleByServiceFields } from "~/campaigns/CampaignFields";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "campaign_setup");
  const { campaign, services } = await requireCampaignForUser(db, user, params.id);
  const lng = languageFromRequest(request);
  const perService = await eligibleCountsByService(db, campaign.id);
  const values: CampaignFormValues = {
    name_en: campaign.name_en,
    name_ur: campaign.name_ur,
    opens_on: campaign.opens_at.slice(0, 10),
    closes_on: campaign.closes_at.slice(0, 10),
    eligible_count: campaign.eligible_count === null ? "" : String(campaign.eligible_count),
    reminder_days: campaign.reminder_days.split(",").filter(Boolean).join(", "),
  };
  for (const s of services) values[eligibleFieldOf(s.id)] = perService.has(s.id) ? String(perService.get(s.id)) : "";
  return json({
    pageTitle: getFixedT(lng, "campaigns")("edit.title", { name: pick(campaign, "name", lng) }),
    id: campaign.id,
    name: pick(campaign, "name", lng),
    services: services.map((s) => ({ id: s.id, name: pick(s, "name", lng) })),
    values,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, user, form } = await requireStaffForm(db, request, "campaign_setup");
  const { campaign, services } = await requireCampaignForUser(db, user, params.id);
  const serviceIds = services.map((s) => s.id);
  const values = { ...readCampaignForm(form), ...readEligibleByService(form, serviceIds) };
  const parsed = parseCampaignForm(CampaignDetailsSchema, values);
  const perService = parseEligibleByService(values, serviceIds, String(values.eligible_count ?? ""));
  if (!parsed.ok || !perService.ok) {
    const errors = { ...(perService.ok ? {} : perService.errors), ...(parsed.ok ? {} : parsed.errors) };
    return json({ errors, values }, { status: 400 });
  }
  await updateCampaignDetails(db, campaign.id, parsed.data, perService.counts);
  return redirectWithFlash(db, session, `/staff/campaigns/${campaign.id}`, { key: "campaigns:flash.updated" });
}

export default function EditCampaign() {
  const { id, name, services, values: saved } = useLoaderData<typeof loader>();
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
        <EligibleByServiceFields services={services} values={values} errors={errors} />
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
