import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import {
  confirmUrdu,
  findDraft,
  getBuilderVersionOr404,
  moveQuestion,
  publishVersion,
  refusingPublished,
  saveVersionTexts,
} from "~/surveys/builder.server";
import { ConfirmSchema, MoveSchema, fieldsOf, intentOf, readVersionTexts, type FieldErrors, type VersionTextsValues } from "~/surveys/builder-forms";
import { isStale, textUnits, type PublishProblem } from "~/surveys/builder";
import {
  BackLink,
  KIND_KEYS,
  PublishRefusal,
  StaleNotices,
  StatusTag,
  TYPE_KEYS,
  TableWrap,
  TranslationTags,
  useQuestionText,
  useValueLabel,
} from "~/surveys/builder-ui";
import { ErrorSummary, TextField } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  const bv = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  const t = getFixedT(languageFromRequest(request), "builder");
  const published = bv.version.status === "published";
  return json({
    pageTitle: published ? t("editor.title_published", { version: bv.version.version }) : t("editor.title", { version: bv.version.version }),
    survey: bv.survey,
    version: bv.version,
    questions: bv.questions,
    draft: published ? ((await findDraft(db, bv.survey.id)) ?? null) : null,
  });
}

type ActionData = { errors: FieldErrors; values?: VersionTextsValues; problems?: PublishProblem[] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, form } = await requireStaffForm(db, request, "surveys");
  const { survey, version } = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  const here = `/staff/surveys/${survey.id}/versions/${version.id}`;
  return refusingPublished(async () => {
    switch (intentOf(form)) {
      case "texts": {
        const parsed = readVersionTexts(form);
        if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
        await saveVersionTexts(db, version.id, parsed.data);
        return redirectWithFlash(db, session, here, { key: "builder:flash.texts_saved" });
      }
      case "confirm": {
        const parsed = ConfirmSchema.safeParse(fieldsOf(form, ["unit"]));
        if (parsed.success) await confirmUrdu(db, version.id, parsed.data.unit);
        return redirectWithFlash(db, session, here, { key: "builder:flash.confirmed" });
      }
      case "move": {
        const parsed = MoveSchema.safeParse(fieldsOf(form, ["question", "direction"]));
        if (parsed.success) await moveQuestion(db, version.id, parsed.data.question, parsed.data.direction === "up" ? -1 : 1);
        return redirectWithFlash(db, session, `${here}#questions`, { key: "builder:flash.moved" });
      }
      case "publish": {
        const result = await publishVersion(db, version.id, new Date().toISOString());
        if (!result.ok) return json<ActionData>({ errors: { publish: "refused" }, problems: result.problems }, { status: 400 });
        return redirectWithFlash(db, session, here, { key: "builder:flash.published", values: { version: version.version } });
      }
      default:
        throw json({ reason: "not_found" }, { status: 404 });
    }
  });
}

const TEXT_FIELDS = ["title_en", "title_ur", "intro_en", "intro_ur"] as const;

export default function VersionEditor() {
  const { survey, version, questions, draft } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("builder");
  const valueLabel = useValueLabel();
  const questionText = useQuestionText();
  const base = `/staff/surveys/${survey.id}/versions/${version.id}`;
  const isDraft = version.status === "draft";
  const units = textUnits(version, questions);
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? version;
  // i18n-dynamic: builder:errors.
  const message = (field: string) => (errors[field] ? t(`errors.${errors[field]}`) : undefined);
  const staleHint = (id: string) => (units.some((u) => u.id === id && isStale(u)) ? t("stale.field_hint") : undefined);

  return (
    <>
      <BackLink to={`/staff/surveys/${survey.id}`}>{t("back.survey")}</BackLink>
      {errors.form ? <ErrorSummary errors={[{ href: "version-status", text: t("errors.published") }]} /> : null}
      {actionData?.problems ? <PublishRefusal problems={actionData.problems} base={base} /> : null}
      <ErrorSummary errors={TEXT_FIELDS.filter((f) => errors[f]).map((f) => ({ href: f, text: message(f) ?? "" }))} />
      <span className="caption">
        <bdi>{survey.slug}</bdi> · {t(KIND_KEYS[survey.kind])}
      </span>
      <h1>
        {isDraft ? t("editor.title", { version: version.version }) : t("editor.title_published", { version: version.version })}
      </h1>
      <p id="version-status">
        <StatusTag status={version.status} />
      </p>
      <ul className="link-list">
        <li>
          <Link to={`${base}/preview?lng=en`}>{t("editor.preview_en")}</Link>
        </li>
        <li>
          <Link to={`${base}/preview?lng=ur`}>{t("editor.preview_ur")}</Link>
        </li>
        <li>
          <Link to={`${base}/translations`}>{t("editor.translations")}</Link>
        </li>
        <li>
          <a href={`${base}/export.json`} download>
            {t("survey.download_json")}
          </a>
        </li>
      </ul>

      {isDraft ? null : (
        <div className="inset">
          <p>{t("editor.published_note")}</p>
          {draft ? (
            <Link to={`/staff/surveys/${survey.id}/versions/${draft.id}`}>{t("survey.continue_draft", { version: draft.version })}</Link>
          ) : (
            <StaffForm action={`/staff/surveys/${survey.id}/drafts`}>
              <input type="hidden" name="from" value={version.id} />
              <button type="submit" className="button">
                {t("survey.edit")}
              </button>
            </StaffForm>
          )}
        </div>
      )}

      {isDraft ? <StaleNotices units={units.filter((u) => !u.question && isStale(u))} base={base} /> : null}

      <h2>{t("editor.texts")}</h2>
      {isDraft ? (
        <StaffForm noValidate>
          <TextField id="title_en" name="title_en" label={t("editor.title_en")} value={values.title_en} error={message("title_en")} />
          <TextField id="title_ur" name="title_ur" label={t("editor.title_ur")} hint={staleHint("survey:title")} value={values.title_ur} error={message("title_ur")} inputLang="ur" />
          <TextField id="intro_en" name="intro_en" label={t("editor.intro_en")} value={values.intro_en} error={message("intro_en")} multiline rows={4} />
          <TextField id="intro_ur" name="intro_ur" label={t("editor.intro_ur")} hint={staleHint("survey:intro")} value={values.intro_ur} error={message("intro_ur")} multiline rows={4} inputLang="ur" />
          <button type="submit" name="intent" value="texts" className="button">
            {t("editor.save_texts")}
          </button>
        </StaffForm>
      ) : (
        <dl className="summary-list">
          <dt>{t("editor.title_en")}</dt>
          <dd lang="en">{version.title_en}</dd>
          <dt>{t("editor.title_ur")}</dt>
          <dd lang="ur" dir="rtl">{version.title_ur}</dd>
          <dt>{t("editor.intro_en")}</dt>
          <dd lang="en">{version.intro_en}</dd>
          <dt>{t("editor.intro_ur")}</dt>
          <dd lang="ur" dir="rtl">{version.intro_ur}</dd>
        </dl>
      )}

      <h2 id="questions" tabIndex={-1}>
        {t("editor.questions")}
      </h2>
      {questions.length === 0 ? (
        <p className="inset">{t("editor.no_questions")}</p>
      ) : (
        <TableWrap labelledBy="questions">
          <table className="question-table">
            <thead>
              <tr>
                <th scope="col">{t("editor.col_number")}</th>
                <th scope="col">{t("editor.col_question")}</th>
                <th scope="col">{t("editor.col_type")}</th>
                <th scope="col">{t("editor.col_page")}</th>
                <th scope="col">{t("editor.col_required")}</th>
                <th scope="col">{t("editor.col_condition")}</th>
                <th scope="col">{t("editor.col_urdu")}</th>
                {isDraft ? <th scope="col">{t("editor.col_actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {questions.map((q, i) => {
                const target = questions.find((x) => x.key === q.show_if_key);
                return (
                  <tr key={q.id} id={`question-${q.id}`}>
                    <td>
                      <bdi>{i + 1}</bdi>
                    </td>
                    <th scope="row">
                      <code>{q.key}</code>
                      {q.key === version.headline_question_key ? (
                        <>
                          {" "}
                          <strong className="tag">{t("editor.headline_tag")}</strong>
                        </>
                      ) : null}
                      <br />
                      <span className="question-text">{questionText(q)}</span>
                    </th>
                    <td>{t(TYPE_KEYS[q.type])}</td>
                    <td>
                      <bdi>{q.page}</bdi>
                    </td>
                    <td>{q.required ? t("editor.required_yes") : t("editor.required_no")}</td>
                    <td>
                      {q.show_if_key ? (
                        <>
                          <code>{q.show_if_key}</code> = {valueLabel(target, q.show_if_value ?? "")}
                        </>
                      ) : (
                        t("editor.always")
                      )}
                    </td>
                    <td>
                      <TranslationTags units={units.filter((u) => u.question?.id === q.id)} />
                    </td>
                    {isDraft ? (
                      <td>
                        <div className="row-actions">
                          <Link to={`${base}/questions/${q.id}`}>
                            {t("editor.edit")}
                            <span className="visually-hidden"> {q.key}</span>
                          </Link>
                          {i > 0 ? <MoveButton id={q.id} direction="up" label={t("editor.move_up")} questionKey={q.key} /> : null}
                          {i < questions.length - 1 ? <MoveButton id={q.id} direction="down" label={t("editor.move_down")} questionKey={q.key} /> : null}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      {isDraft ? (
        <>
          <p>
            <Link to={`${base}/questions/new`} className="button button--secondary">
              {t("editor.add_question")}
            </Link>
          </p>
          <h2>{t("editor.publish_heading")}</h2>
          <p>{t("editor.publish_intro")}</p>
          <StaffForm>
            <button type="submit" name="intent" value="publish" className="button">
              {t("editor.publish")}
            </button>
          </StaffForm>
        </>
      ) : null}
    </>
  );
}

function MoveButton({ id, direction, label, questionKey }: { id: number; direction: "up" | "down"; label: string; questionKey: string }) {
  return (
    <StaffForm>
      <input type="hidden" name="question" value={id} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" name="intent" value="move" className="button button--secondary button--small">
        {label}
        <span className="visually-hidden"> {questionKey}</span>
      </button>
    </StaffForm>
  );
}
