import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { requireCampaignForUser, type ScopedCampaign } from "~/campaigns/campaigns.server";
import { completedOnRange, nextFormSearch, readStickyFields } from "~/campaigns/keyed";
import { KeyedFields, useKeyedErrors } from "~/campaigns/keyed-fields";
import { countKeyedToday } from "~/campaigns/keyed-corrections.server";
import { keyedQuestions, readKeyedForm, saveKeyedResponse, validateKeyedResponse } from "~/campaigns/keyed.server";
import { formatDate } from "~/i18n/format";
import { newResumeToken } from "~/responding/responses.server";
import { findCampaignSurveyBySlug } from "~/surveys/surveys.server";
import { ErrorSummary } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

async function questionsOf(db: AppLoadContext["db"], detail: ScopedCampaign) {
  const cs = await findCampaignSurveyBySlug(db, detail.campaign.slug);
  return cs?.questions ?? [];
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "campaigns");
  const detail = await requireCampaignForUser(db, user, params.id);
  const lng = languageFromRequest(request);
  const { campaign, version, services, scope } = detail;
  const now = new Date();
  const range = completedOnRange(campaign, now.toISOString().slice(0, 10));
  const serviceChoices = services.filter((s) => scope.includes(s.id)).map((s) => ({ value: String(s.id), label: pick(s, "name", lng) }));
  return json({
    pageTitle: getFixedT(lng, "campaigns")("keyed.title"),
    id: campaign.id,
    name: pick(campaign, "name", lng),
    survey: pick(version, "title", lng),
    formToken: newResumeToken(),
    // Kept from the form saved before ("Save and key another"), through the address.
    sticky: readStickyFields(new URL(request.url).searchParams, serviceChoices.map((s) => s.value)),
    keyedToday: await countKeyedToday(db, campaign.id, user.id, now),
    range: { first: formatDate(range.first, lng), last: formatDate(range.last, lng) },
    services: serviceChoices,
    questions: keyedQuestions(await questionsOf(db, detail), lng),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, user, form } = await requireStaffForm(db, request, "campaigns");
  const detail = await requireCampaignForUser(db, user, params.id);
  const questions = await questionsOf(db, detail);
  const keyed = readKeyedForm(form, questions);
  const now = new Date();
  const checked = validateKeyedResponse(keyed, questions, detail.scope, detail.campaign, now.toISOString().slice(0, 10));
  if (!checked.ok) {
    return json({ errors: checked.errors, answerErrors: checked.answerErrors, meta: keyed.meta, values: keyed.values }, { status: 400 });
  }
  await saveKeyedResponse(db, { campaignId: detail.campaign.id, userId: user.id, questions, now, ...checked.data });
  const base = `/staff/campaigns/${detail.campaign.id}/responses`;
  if (form.get("intent") === "finish") return redirectWithFlash(db, session, base, { key: "campaigns:flash.response_saved" });
  const { channel, language, completed_on, service } = keyed.meta;
  return redirectWithFlash(db, session, `${base}/new?${nextFormSearch({ channel, language, service, completed_on })}`, {
    key: "campaigns:flash.response_saved_next",
  });
}

export default function KeyInResponse() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["campaigns", "survey"]);
  const base = `/staff/campaigns/${data.id}`;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const answerErrors = actionData?.answerErrors ?? {};
  const meta = actionData?.meta ?? { ...data.sticky, form_token: data.formToken };
  const { summary } = useKeyedErrors({ errors, answerErrors, questions: data.questions, range: data.range });
  return (
    <>
      <ErrorSummary errors={summary} />
      <span className="caption">{data.name}</span>
      <h1>{t("keyed.title")}</h1>
      <p>{t("keyed.intro", { survey: data.survey })}</p>
      <p>
        {/* i18n-dynamic: campaigns:keyed.keyed_today_ (plural forms) */}
        {t(`keyed.keyed_today`, { count: data.keyedToday })} <Link to={`${base}/responses`}>{t("keyed.list_link")}</Link>
      </p>
      {/* A new form (new token) after each save: its fields start again from what is kept, even when the page is not reloaded. */}
      <StaffForm noValidate key={data.formToken}>
        <input type="hidden" name="form_token" value={meta.form_token || data.formToken} />
        <KeyedFields
          meta={meta}
          values={actionData?.values ?? {}}
          errors={errors}
          answerErrors={answerErrors}
          services={data.services}
          questions={data.questions}
          range={data.range}
        />
        <div className="button-group">
          <button type="submit" className="button" name="intent" value="another">
            {t("keyed.submit_another")}
          </button>
          <button type="submit" className="button button--secondary" name="intent" value="finish">
            {t("keyed.submit_finish")}
          </button>
          <Link to={base}>{t("keyed.cancel")}</Link>
        </div>
      </StaffForm>
    </>
  );
}
