import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import {
  confirmUrdu,
  findQuestionOr404,
  getBuilderVersionOr404,
  publishedKeys,
  refusingPublished,
  saveQuestion,
  type BuilderVersion,
} from "~/surveys/builder.server";
import {
  ConfirmSchema,
  fieldsOf,
  intentOf,
  parseQuestionForm,
  questionFormValues,
  readQuestionValues,
  withBlankRows,
  type FieldErrors,
  type QuestionFormValues,
} from "~/surveys/builder-forms";
import { canBeHeadline, isStale, textUnits } from "~/surveys/builder";
import { BackLink, StaleNotices } from "~/surveys/builder-ui";
import { QuestionForm } from "~/surveys/builder-question-form";
import { ErrorSummary } from "~/ui/forms";

// One page adds a question (/questions/new) and changes one (/questions/<id>).
function questionOf(bv: BuilderVersion, param: string | undefined) {
  return param === "new" ? null : findQuestionOr404(bv, param);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  const bv = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  const question = questionOf(bv, params.questionId);
  const t = getFixedT(languageFromRequest(request), "builder");
  const number = question ? bv.questions.indexOf(question) + 1 : bv.questions.length + 1;
  const lastPage = bv.questions.at(-1)?.page ?? 1;
  return json({
    pageTitle: question ? t("question.title_edit", { number, key: question.key }) : t("question.title_new"),
    survey: bv.survey,
    version: bv.version,
    questions: bv.questions,
    question,
    number,
    values: questionFormValues(question, bv.version.headline_question_key, lastPage),
    keyLocked: question !== null && (await publishedKeys(db, bv.survey.id)).has(question.key),
  });
}

type ActionData = { errors: FieldErrors; values?: QuestionFormValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, form } = await requireStaffForm(db, request, "surveys");
  const bv = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  const question = questionOf(bv, params.questionId);
  const editor = `/staff/surveys/${bv.survey.id}/versions/${bv.version.id}`;
  return refusingPublished(async () => {
    switch (intentOf(form)) {
      case "add_option": {
        // Shows the form again, as typed, with one more blank row; nothing is saved.
        const values = readQuestionValues(form);
        return json<ActionData>({ errors: {}, values: { ...values, options: withBlankRows(values.options, "single_choice", false) } });
      }
      case "confirm": {
        const parsed = ConfirmSchema.safeParse(fieldsOf(form, ["unit"]));
        if (parsed.success) await confirmUrdu(db, bv.version.id, parsed.data.unit);
        return redirectWithFlash(db, session, `${editor}/questions/${params.questionId}`, { key: "builder:flash.confirmed" });
      }
      case "save": {
        const parsed = parseQuestionForm(readQuestionValues(form));
        if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
        const saved = await saveQuestion(db, bv.version.id, question?.id ?? null, parsed.data);
        if (!saved.ok) return json<ActionData>({ errors: saved.errors, values: parsed.values }, { status: 400 });
        return redirectWithFlash(db, session, editor, { key: "builder:flash.question_saved", values: { key: parsed.data.key } });
      }
      default:
        throw json({ reason: "not_found" }, { status: 404 });
    }
  });
}

export default function QuestionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("builder");
  const { survey, version, questions, question, number } = data;
  const editor = `/staff/surveys/${survey.id}/versions/${version.id}`;
  const units = textUnits(version, questions).filter((u) => question && u.question?.id === question.id);
  const isHeadline = question !== null && question.key === version.headline_question_key;
  return (
    <>
      <BackLink to={editor}>{t("back.version", { version: version.version })}</BackLink>
      {actionData?.errors.form ? <ErrorSummary errors={[{ href: "question-title", text: t("errors.published") }]} /> : null}
      <span className="caption">
        <bdi>{survey.slug}</bdi> · {t("list.version", { version: version.version })}
      </span>
      <h1 id="question-title">{question ? t("question.title_edit", { number, key: question.key }) : t("question.title_new")}</h1>
      {version.status === "published" ? (
        <p className="inset">{t("editor.published_note")}</p>
      ) : (
        <>
          {question && canBeHeadline(question.type) ? (
            <p>{isHeadline ? t("question.is_headline") : t("question.can_be_headline")}</p>
          ) : null}
          {question && !canBeHeadline(question.type) && isHeadline ? (
            <p className="inset">
              {t("question.headline_wrong_type")}
            </p>
          ) : null}
          <StaleNotices units={units.filter(isStale)} base={editor} />
          <QuestionForm
            values={actionData?.values ?? data.values}
            errors={actionData?.errors ?? {}}
            questions={questions}
            self={question}
            keyLocked={data.keyLocked}
            units={units}
          />
          {question ? (
            <p>
              <Link to={`${editor}/questions/${question.id}/delete`} className="button button--warning">
                {t("question.delete")}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
