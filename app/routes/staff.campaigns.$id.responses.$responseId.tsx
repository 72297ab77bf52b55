import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { StaffUser } from "~/auth/permissions";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { requireCampaignForUser } from "~/campaigns/campaigns.server";
import { completedOnRange } from "~/campaigns/keyed";
import { correctKeyedResponse, findKeyedResponse, keyedAuditTrail, voidKeyedResponse } from "~/campaigns/keyed-corrections.server";
import { KeyedFields, useKeyedErrors } from "~/campaigns/keyed-fields";
import { auditLines, readReason } from "~/campaigns/keyed-history";
import { keyedQuestions, readKeyedForm, validateKeyedResponse } from "~/campaigns/keyed.server";
import { formatDate } from "~/i18n/format";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { newResumeToken } from "~/responding/responses.server";
import { findCampaignSurveyBySlug } from "~/surveys/surveys.server";
import { ErrorSummary, TextField } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

/** The campaign, its survey's questions and the keyed response in the address, or a 404. */
async function load(db: AppLoadContext["db"], user: StaffUser, params: Record<string, string | undefined>) {
  const detail = await requireCampaignForUser(db, user, params.id);
  const questions = (await findCampaignSurveyBySlug(db, detail.campaign.slug))?.questions ?? [];
  const record = await findKeyedResponse(db, detail.campaign.id, Number(params.responseId), detail.scope, questions);
  if (!record) throw json({ reason: "not_found" }, { status: 404 });
  return { detail, questions, record };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "campaigns");
  const { detail, questions, record } = await load(db, user, params);
  const lng = languageFromRequest(request);
  const { campaign, services, scope } = detail;
  const range = completedOnRange(campaign, new Date().toISOString().slice(0, 10));
  const shownQuestions = keyedQuestions(questions, lng);
  const trail = await keyedAuditTrail(db, record.id);
  const serviceChoices = services.filter((s) => scope.includes(s.id)).map((s) => ({ value: String(s.id), label: pick(s, "name", lng) }));
  return json({
    pageTitle: getFixedT(lng, "campaigns")("keyed_edit.title"),
    id: campaign.id,
    name: pick(campaign, "name", lng),
    keyedBy: record.keyedBy,
    keyedOn: formatDate(record.keyedAt, lng),
    voided: record.voidedAt ? trail.find((a) => a.action === "voided") : undefined,
    formToken: newResumeToken(),
    meta: { channel: record.channel, language: record.language, service: String(record.serviceId), completed_on: record.completedOn },
    values: record.answers,
    range: { first: formatDate(range.first, lng), last: formatDate(range.last, lng) },
    services: serviceChoices,
    questions: shownQuestions,
    history: auditLines(trail, { lng, questions: shownQuestions, services: serviceChoices }),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, user, form } = await requireStaffForm(db, request, "campaigns");
  const { detail, questions, record } = await load(db, user, params);
  const list = `/staff/campaigns/${detail.campaign.id}/responses`;
  const now = new Date();
  const reason = readReason(form, form.get("intent") === "void");
  if (form.get("intent") === "void") {
    if (!reason.ok) return json({ intent: "void" as const, reasonError: reason.error, reason: reason.value }, { status: 400 });
    const done = await voidKeyedResponse(db, { record, userId: user.id, reason: reason.value, now });
    return redirectWithFlash(db, session, list, { key: done === "changed" ? "campaigns:flash.response_voided" : "campaigns:flash.response_voided_already" });
  }
  const keyed = readKeyedForm(form, questions);
  const checked = validateKeyedResponse(keyed, questions, detail.scope, detail.campaign, now.toISOString().slice(0, 10));
  if (!checked.ok || !reason.ok) {
    return json(
      {
        intent: "correct" as const,
        errors: checked.ok ? {} : checked.errors,
        answerErrors: checked.ok ? {} : checked.answerErrors,
        meta: keyed.meta,
        values: keyed.values,
        reasonError: reason.ok ? undefined : reason.error,
        reason: reason.value,
      },
      { status: 400 },
    );
  }
  const { token: _unused, ...next } = checked.data;
  const done = await correctKeyedResponse(db, { record, next, questions, userId: user.id, reason: reason.value || null, now });
  const key = { changed: "campaigns:flash.response_corrected", unchanged: "campaigns:flash.response_unchanged", voided_already: "campaigns:flash.response_voided_already" }[done];
  return redirectWithFlash(db, session, list, { key });
}

export default function CorrectKeyedResponse() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["campaigns", "survey"]);
  const correcting = actionData?.intent === "correct" ? actionData : undefined;
  const voiding = actionData?.intent === "void" ? actionData : undefined;
  const errors: Record<string, string> = correcting?.errors ?? {};
  const answerErrors = correcting?.answerErrors ?? {};
  const { summary } = useKeyedErrors({ errors, answerErrors, questions: data.questions, range: data.range });
  // i18n-dynamic: campaigns:keyed_edit.errors.
  const reasonError = actionData?.reasonError ? t(`keyed_edit.errors.${actionData.reasonError}`) : undefined;
  const reasonField = voiding ? "void_reason" : "correct_reason";
  if (reasonError) summary.push({ href: reasonField, text: reasonError });
  return (
    <>
      <ErrorSummary errors={summary} />
      <span className="caption">{data.name}</span>
      <h1>{t("keyed_edit.title")}</h1>
      <p>{t("keyed_edit.keyed", { name: data.keyedBy, date: data.keyedOn })}</p>
      {data.voided ? (
        <p className="notification">{t("keyed_edit.voided", { name: data.voided.user, date: data.history.find((h) => h.voided)?.date ?? "", reason: data.voided.reason ?? "" })}</p>
      ) : (
        <>
          <h2>{t("keyed_edit.correct_heading")}</h2>
          <StaffForm noValidate>
            <input type="hidden" name="intent" value="correct" />
            <input type="hidden" name="form_token" value={data.formToken} />
            <KeyedFields
              meta={correcting?.meta ?? data.meta}
              values={correcting?.values ?? data.values}
              errors={errors}
              answerErrors={answerErrors}
              services={data.services}
              questions={data.questions}
              range={data.range}
            />
            <TextField
              id="correct_reason"
              name="reason"
              label={t("keyed_edit.correct_reason")}
              value={correcting?.reason ?? ""}
              error={correcting ? reasonError : undefined}
            />
            <button type="submit" className="button">
              {t("keyed_edit.submit_correct")}
            </button>
          </StaffForm>
          <h2>{t("keyed_edit.void_heading")}</h2>
          <p>{t("keyed_edit.void_intro")}</p>
          <StaffForm noValidate>
            <input type="hidden" name="intent" value="void" />
            <TextField id="void_reason" name="reason" label={t("keyed_edit.void_reason")} value={voiding?.reason ?? ""} error={voiding ? reasonError : undefined} />
            <button type="submit" className="button button--warning">
              {t("keyed_edit.submit_void")}
            </button>
          </StaffForm>
        </>
      )}
      {data.history.length > 0 ? (
        <>
          <h2>{t("keyed_edit.history")}</h2>
          <ul>
            {data.history.map((h, i) => (
              <li key={i}>
                {h.title}
                {h.details.length > 0 ? (
                  <ul>
                    {h.details.map((d, j) => (
                      <li key={j}>{d}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to={`/staff/campaigns/${data.id}/responses`}>{t("keyed_edit.back")}</Link>
      </p>
    </>
  );
}
