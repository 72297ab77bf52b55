import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { deleteQuestion, dependentsOf, findQuestionOr404, getBuilderVersionOr404, refusingPublished } from "~/surveys/builder.server";
import { BackLink } from "~/surveys/builder-ui";
import { ErrorSummary } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

// Deleting a question asks first, saying what else changes with it.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  const bv = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  const question = findQuestionOr404(bv, params.questionId);
  const t = getFixedT(languageFromRequest(request), "builder");
  return json({
    pageTitle: t("delete.title", { key: question.key }),
    survey: bv.survey,
    version: bv.version,
    question,
    dependents: dependentsOf(bv.questions, question.key).map((q) => q.key),
    isHeadline: bv.version.headline_question_key === question.key,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session } = await requireStaffForm(db, request, "surveys");
  const bv = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  const question = findQuestionOr404(bv, params.questionId);
  return refusingPublished(async () => {
    await deleteQuestion(db, bv.version.id, question.id);
    return redirectWithFlash(db, session, `/staff/surveys/${bv.survey.id}/versions/${bv.version.id}`, {
      key: "builder:flash.question_deleted",
      values: { key: question.key },
    });
  });
}

export default function DeleteQuestion() {
  const { survey, version, question, dependents, isHeadline } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("builder");
  const questionPage = `/staff/surveys/${survey.id}/versions/${version.id}/questions/${question.id}`;
  return (
    <>
      <BackLink to={questionPage}>{t("delete.back")}</BackLink>
      {actionData?.errors.form ? <ErrorSummary errors={[{ href: "delete-title", text: t("errors.published") }]} /> : null}
      <h1 id="delete-title">{t("delete.title", { key: question.key })}</h1>
      <p className="lead" lang="en">{question.text_en}</p>
      {dependents.length > 0 ? <p className="inset">{t("delete.dependents", { keys: dependents.join(", ") })}</p> : null}
      {isHeadline ? <p className="inset">{t("delete.headline")}</p> : null}
      <StaffForm className="button-group">
        <button type="submit" className="button button--warning">
          {t("delete.confirm")}
        </button>
        <Link to={questionPage}>{t("delete.cancel")}</Link>
      </StaffForm>
    </>
  );
}
