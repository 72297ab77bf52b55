import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { NewCampaignSchema, parseCampaignForm, readCampaignForm, type CampaignFormValues } from "~/campaigns/campaign-form";
import { createCampaign, listAllServices, listPublishedVersions } from "~/campaigns/campaigns.server";
import { CampaignCountAndSchedule, CampaignErrorSummary, CampaignNameAndDates, useCampaignErrorText } from "~/campaigns/CampaignFields";
import { ChoiceField } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "campaign_setup");
  const lng = languageFromRequest(request);
  const t = getFixedT(lng, "campaigns");
  const versions = await listPublishedVersions(db);
  const services = await listAllServices(db);
  return json({
    pageTitle: t("new.title"),
    versions: versions.map((v) => ({ value: String(v.id), label: t("form.survey_option", { title: pick(v, "title", lng), version: v.version }) })),
    services: services.map((s) => ({ value: String(s.id), label: pick(s, "name", lng) })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, form } = await requireStaffForm(db, request, "campaign_setup");
  const values = readCampaignForm(form);
  const parsed = parseCampaignForm(NewCampaignSchema, values);
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  const created = await createCampaign(db, parsed.data, new Date());
  if ("problem" in created) {
    const field = created.problem === "survey_required" ? "survey_version_id" : "service_ids";
    return json({ errors: { [field]: created.problem } as Record<string, string>, values }, { status: 400 });
  }
  return redirectWithFlash(db, session, `/staff/campaigns/${created.id}`, { key: "campaigns:flash.created" });
}

const EMPTY: CampaignFormValues = { anonymous: "yes", service_ids: [] };

export default function NewCampaign() {
  const { versions, services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("campaigns");
  const message = useCampaignErrorText();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? EMPTY;
  const one = (key: string) => {
    const v = values[key];
    return typeof v === "string" && v ? [v] : [];
  };
  return (
    <>
      <CampaignErrorSummary errors={errors} />
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <StaffForm noValidate className="narrow-form">
        {versions.length === 0 ? <p className="inset">{t("new.no_surveys")}</p> : null}
        <ChoiceField
          id="survey_version_id"
          name="survey_version_id"
          label={t("form.survey")}
          hint={t("form.survey_hint")}
          options={versions}
          selected={one("survey_version_id")}
          error={message(errors.survey_version_id)}
        />
        <CampaignNameAndDates values={values} errors={errors} />
        <ChoiceField
          id="service_ids"
          name="service_ids"
          label={t("form.services")}
          hint={t("form.services_hint")}
          multiple
          options={services}
          selected={Array.isArray(values.service_ids) ? values.service_ids : []}
          error={message(errors.service_ids)}
        />
        <ChoiceField
          id="anonymous"
          name="anonymous"
          label={t("form.anonymous")}
          hint={t("form.anonymous_hint")}
          options={[
            { value: "yes", label: t("form.anonymous_yes") },
            { value: "no", label: t("form.anonymous_no") },
          ]}
          selected={one("anonymous")}
          error={message(errors.anonymous)}
        />
        <CampaignCountAndSchedule values={values} errors={errors} />
        <button type="submit" className="button">
          {t("new.submit")}
        </button>
      </StaffForm>
    </>
  );
}
