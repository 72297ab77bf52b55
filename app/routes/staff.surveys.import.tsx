import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { bodyTooLarge, importSurveyFile } from "~/surveys/builder.server";
import { readUpload } from "~/surveys/builder-forms";
import { MAX_FILE_BYTES, type SurveyFileProblem } from "~/surveys/json";
import { BackLink, FileField } from "~/surveys/builder-ui";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaffUser(context.db, request, "surveys");
  return json({ pageTitle: getFixedT(languageFromRequest(request), "builder")("import.title") });
}

function refused(problems: SurveyFileProblem[], status = 400) {
  return json({ errors: { file: "refused" }, problems }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  if (bodyTooLarge(request, MAX_FILE_BYTES)) return refused([{ path: "", code: "too_large" }], 413);
  const { session, form } = await requireStaffForm(db, request, "surveys");
  const upload = await readUpload(form, "file", MAX_FILE_BYTES);
  if ("error" in upload) return refused([{ path: "", code: upload.error }]);
  const result = await importSurveyFile(db, upload.text, new Date().toISOString());
  if (!result.ok) return refused(result.problems);
  return redirectWithFlash(db, session, `/staff/surveys/${result.surveyId}/versions/${result.versionId}`, {
    key: result.newSurvey ? "builder:flash.imported_new" : "builder:flash.imported_version",
    values: { version: result.version },
  });
}

export default function ImportSurvey() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("builder");
  const ref = useRef<HTMLDivElement>(null);
  const problems = actionData?.problems ?? [];
  useEffect(() => {
    if (problems.length > 0) ref.current?.focus();
  }, [problems]);
  return (
    <>
      {problems.length > 0 ? (
        <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="import-problems-title">
          <h2 className="error-summary__title" id="import-problems-title">
            {t("import.refused_title")}
          </h2>
          <p>{t("import.nothing_created")}</p>
          <ul className="import-problems">
            {problems.map((p, i) => (
              <li key={i}>
                <code>{p.path || t("import.whole_file")}</code>:{" "}
                {/* i18n-dynamic: builder:import.problems. */}
                {t(`import.problems.${p.code}`, p.values ?? {})}
              </li>
            ))}
          </ul>
          <p>
            <a href="#file">{t("import.choose_again")}</a>
          </p>
        </div>
      ) : null}
      <BackLink to="/staff/surveys">{t("back.surveys")}</BackLink>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <p>{t("import.versions")}</p>
      <StaffForm encType="multipart/form-data" className="narrow-form">
        <FileField label={t("import.file")} hint={t("import.file_hint")} error={problems.length ? t("import.refused_title") : undefined} accept=".json,application/json" />
        <button type="submit" className="button">
          {t("import.submit")}
        </button>
      </StaffForm>
    </>
  );
}
