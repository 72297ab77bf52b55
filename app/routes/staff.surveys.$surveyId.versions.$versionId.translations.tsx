import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { bodyTooLarge, getBuilderVersionOr404, importTranslations, refusingPublished, unitsOf, type TranslationImportResult } from "~/surveys/builder.server";
import { readUpload } from "~/surveys/builder-forms";
import { translationStatus } from "~/surveys/builder";
import { translatableUnits, translationsFileName } from "~/surveys/translations";
import { BackLink, FileField, TableWrap } from "~/surveys/builder-ui";
import { ErrorSummary } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

/** A translation file is a few hundred rows at most. */
const MAX_CSV_BYTES = 512 * 1024;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  const bv = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  const units = translatableUnits(unitsOf(bv)).map((u) => ({ id: u.id, en: u.en, ur: u.ur, status: translationStatus(u) }));
  return json({
    pageTitle: getFixedT(languageFromRequest(request), "builder")("translations.title"),
    survey: { id: bv.survey.id, slug: bv.survey.slug },
    version: { id: bv.version.id, version: bv.version.version, status: bv.version.status },
    fileName: translationsFileName(bv.survey.slug, bv.version.version),
    units,
  });
}

type ActionData = { errors: Record<string, string>; result?: TranslationImportResult };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  if (bodyTooLarge(request, MAX_CSV_BYTES)) return json<ActionData>({ errors: { file: "too_large" } }, { status: 413 });
  const { session, form } = await requireStaffForm(db, request, "surveys");
  const bv = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  return refusingPublished(async () => {
    const upload = await readUpload(form, "file", MAX_CSV_BYTES);
    if ("error" in upload) return json<ActionData>({ errors: { file: upload.error } }, { status: 400 });
    const result = await importTranslations(db, bv.version.id, upload.text);
    if (result.problems.length > 0) return json<ActionData>({ errors: {}, result });
    return redirectWithFlash(db, session, `/staff/surveys/${bv.survey.id}/versions/${bv.version.id}/translations`, {
      key: "builder:flash.translations_imported",
      values: { updated: result.updated, unchanged: result.unchanged, stillStale: result.stillStale },
    });
  });
}

export default function Translations() {
  const { survey, version, fileName, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("builder");
  const base = `/staff/surveys/${survey.id}/versions/${version.id}`;
  const result = actionData?.result;
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  const count = (status: string) => units.filter((u) => u.status === status).length;
  const fileError = actionData?.errors.file;
  const todo = units.filter((u) => u.status !== "ok");
  return (
    <>
      <BackLink to={base}>{t("back.version", { version: version.version })}</BackLink>
      {actionData?.errors.form ? <ErrorSummary errors={[{ href: "translations-title", text: t("errors.published") }]} /> : null}
      {/* i18n-dynamic: builder:translations.file_errors. */}
      {fileError ? <ErrorSummary errors={[{ href: "file", text: t(`translations.file_errors.${fileError}`) }]} /> : null}
      {result ? (
        <div className="error-summary" ref={resultRef} tabIndex={-1} role="alert" aria-labelledby="import-result-title">
          <h2 className="error-summary__title" id="import-result-title">
            {t("translations.result_title")}
          </h2>
          <p>{t("translations.result_summary", { updated: result.updated, unchanged: result.unchanged, stillStale: result.stillStale })}</p>
          <ul className="import-problems">
            {result.problems.map((p, i) => (
              <li key={i}>
                {/* i18n-dynamic: builder:translations.problems. */}
                {t("translations.line", { line: p.line })}: {t(`translations.problems.${p.code}`, { id: p.id ?? "" })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <span className="caption">
        <bdi>{survey.slug}</bdi> · {t("list.version", { version: version.version })}
      </span>
      <h1 id="translations-title">{t("translations.title")}</h1>
      <p>{t("translations.intro")}</p>
      <dl className="summary-list">
        <dt>{t("translations.count_ok")}</dt>
        <dd>
          <bdi>{count("ok")}</bdi>
        </dd>
        <dt>{t("translations.count_missing")}</dt>
        <dd>
          <bdi>{count("missing")}</bdi>
        </dd>
        <dt>{t("translations.count_stale")}</dt>
        <dd>
          <bdi>{count("stale")}</bdi>
        </dd>
      </dl>
      <h2>{t("translations.export_heading")}</h2>
      <p>{t("translations.export_intro")}</p>
      <p>
        <a href={`${base}/translations.csv`} download={fileName} className="button button--secondary">
          {t("translations.download")}
        </a>
      </p>
      <h2>{t("translations.confirm_heading")}</h2>
      <p>{t("translations.confirm_intro")}</p>
      <h2>{t("translations.import_heading")}</h2>
      {version.status === "published" ? (
        <p className="inset">{t("translations.published")}</p>
      ) : (
        <>
          <p>{t("translations.import_intro")}</p>
          <StaffForm encType="multipart/form-data" className="narrow-form">
            <FileField label={t("translations.file")} error={fileError ? t(`translations.file_errors.${fileError}`) : undefined} accept=".csv,text/csv" />
            <button type="submit" className="button">
              {t("translations.import")}
            </button>
          </StaffForm>
        </>
      )}
      {todo.length > 0 ? (
        <>
          <h2 id="todo-title">{t("translations.todo_heading")}</h2>
          <TableWrap labelledBy="todo-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("translations.col_id")}</th>
                  <th scope="col">{t("translations.col_english")}</th>
                  <th scope="col">{t("translations.col_urdu")}</th>
                  <th scope="col">{t("translations.col_status")}</th>
                </tr>
              </thead>
              <tbody>
                {todo.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      <code>{u.id}</code>
                    </th>
                    <td lang="en">{u.en}</td>
                    <td lang="ur" dir="rtl">
                      {u.ur}
                    </td>
                    <td>{u.status === "missing" ? t("badges.missing", { count: 1 }) : t("badges.stale", { count: 1 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </>
  );
}
