import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { requireCampaignForUser, type ScopedCampaign } from "~/campaigns/campaigns.server";
import { KEYED_CHANNELS } from "~/campaigns/keyed";
import { keyedQuestions, readKeyedForm, saveKeyedResponse, validateKeyedResponse } from "~/campaigns/keyed.server";
import { newResumeToken } from "~/responding/responses.server";
import { Question } from "~/responding/SurveyPage";
import { fieldName, type FieldError } from "~/responding/form";
import { findCampaignSurveyBySlug } from "~/surveys/surveys.server";
import { ChoiceField, ErrorSummary, type SummaryError } from "~/ui/forms";
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
  return json({
    pageTitle: getFixedT(lng, "campaigns")("keyed.title"),
    id: campaign.id,
    name: pick(campaign, "name", lng),
    survey: pick(version, "title", lng),
    saved: new URL(request.url).searchParams.has("saved"),
    formToken: newResumeToken(),
    services: services.filter((s) => scope.includes(s.id)).map((s) => ({ value: String(s.id), label: pick(s, "name", lng) })),
    questions: keyedQuestions(await questionsOf(db, detail), lng),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, user, form } = await requireStaffForm(db, request, "campaigns");
  const detail = await requireCampaignForUser(db, user, params.id);
  const questions = await questionsOf(db, detail);
  const keyed = readKeyedForm(form, questions);
  const checked = validateKeyedResponse(keyed, questions, detail.scope);
  if (!checked.ok) {
    return json({ errors: checked.errors, answerErrors: checked.answerErrors, meta: keyed.meta, values: keyed.values }, { status: 400 });
  }
  await saveKeyedResponse(db, { campaignId: detail.campaign.id, userId: user.id, questions, now: new Date(), ...checked.data });
  return redirectWithFlash(db, session, `/staff/campaigns/${detail.campaign.id}/responses/new?saved=1`, {
    key: "campaigns:flash.response_saved",
  });
}

export default function KeyInResponse() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["campaigns", "survey"]);
  const base = `/staff/campaigns/${data.id}`;
  if (data.saved && !actionData) {
    return (
      <>
        <span className="caption">{data.name}</span>
        <h1>{t("keyed.saved_title")}</h1>
        <p>{t("keyed.saved_body")}</p>
        <ul>
          <li>
            <Link to={`${base}/responses/new`}>{t("keyed.another")}</Link>
          </li>
          <li>
            <Link to={base}>{t("keyed.back")}</Link>
          </li>
        </ul>
      </>
    );
  }
  const errors: Record<string, string> = actionData?.errors ?? {};
  const answerErrors = actionData?.answerErrors ?? {};
  const meta = actionData?.meta ?? { channel: "", language: "", service: data.services.length === 1 ? data.services[0].value : "", form_token: data.formToken };
  const values = actionData?.values ?? {};
  // i18n-dynamic: campaigns:keyed.errors.
  const metaMessage = (field: string) => (errors[field] ? t(`keyed.errors.${errors[field]}`) : undefined);
  const answerMessage = (e: FieldError | undefined) => (e ? t(`survey:errors.${e.code}`, { max: e.max }) : undefined);
  const summary: SummaryError[] = [
    ...(["channel", "language", "service"] as const).filter((f) => errors[f]).map((f) => ({ href: f, text: metaMessage(f) ?? "" })),
    ...data.questions
      .filter((q) => answerErrors[q.key])
      .map((q) => ({ href: fieldName(q.key), text: `${q.text} – ${answerMessage(answerErrors[q.key])}` })),
  ];
  if (errors.form_token) summary.push({ href: "channel", text: metaMessage("form_token") ?? "" });
  return (
    <>
      <ErrorSummary errors={summary} />
      <span className="caption">{data.name}</span>
      <h1>{t("keyed.title")}</h1>
      <p>{t("keyed.intro", { survey: data.survey })}</p>
      <StaffForm noValidate>
        <input type="hidden" name="form_token" value={meta.form_token || data.formToken} />
        <ChoiceField
          id="channel"
          name="channel"
          label={t("keyed.channel")}
          // i18n-dynamic: campaigns:keyed.channels.
          options={KEYED_CHANNELS.map((c) => ({ value: c, label: t(`keyed.channels.${c}`) }))}
          selected={meta.channel ? [meta.channel] : []}
          error={metaMessage("channel")}
        />
        <ChoiceField
          id="language"
          name="language"
          label={t("keyed.language")}
          options={[
            { value: "en", label: t("keyed.languages.en") },
            { value: "ur", label: t("keyed.languages.ur") },
          ]}
          selected={meta.language ? [meta.language] : []}
          error={metaMessage("language")}
        />
        <ChoiceField
          id="service"
          name="service"
          label={t("keyed.service")}
          options={data.services}
          selected={meta.service ? [meta.service] : []}
          error={metaMessage("service")}
        />
        <h2>{t("keyed.answers")}</h2>
        {data.questions.map((q) => (
          <Question key={q.key} q={q} selected={values[q.key] ?? []} error={answerMessage(answerErrors[q.key])} />
        ))}
        <div className="button-group">
          <button type="submit" className="button">
            {t("keyed.submit")}
          </button>
          <Link to={base}>{t("keyed.cancel")}</Link>
        </div>
      </StaffForm>
    </>
  );
}
