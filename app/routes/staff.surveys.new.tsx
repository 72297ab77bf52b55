import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { SURVEY_KINDS } from "@db/schema";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { createSurvey } from "~/surveys/builder.server";
import { readCreateSurvey } from "~/surveys/builder-forms";
import { BackLink, KIND_KEYS } from "~/surveys/builder-ui";
import { ChoiceField, ErrorSummary, TextField } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaffUser(context.db, request, "surveys");
  return json({ pageTitle: getFixedT(languageFromRequest(request), "builder")("create.title") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, form } = await requireStaffForm(db, request, "surveys");
  const parsed = readCreateSurvey(form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const created = await createSurvey(db, parsed.data, new Date().toISOString());
  if (!created.ok) return json({ errors: { slug: created.error } as Record<string, string>, values: parsed.values }, { status: 400 });
  return redirectWithFlash(db, session, `/staff/surveys/${created.surveyId}/versions/${created.versionId}`, {
    key: "builder:flash.created",
    values: { slug: parsed.data.slug },
  });
}

const FIELDS = ["kind", "slug", "title_en"] as const;

export default function NewSurvey() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("builder");
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? { kind: "", slug: "", title_en: "" };
  // i18n-dynamic: builder:errors.
  const message = (field: string) => (errors[field] ? t(`errors.${errors[field]}`) : undefined);
  return (
    <>
      <ErrorSummary errors={FIELDS.filter((f) => errors[f]).map((f) => ({ href: f, text: message(f) ?? "" }))} />
      <BackLink to="/staff/surveys">{t("back.surveys")}</BackLink>
      <h1>{t("create.title")}</h1>
      <p>{t("create.intro")}</p>
      <StaffForm noValidate className="narrow-form">
        <ChoiceField
          id="kind"
          name="kind"
          label={t("create.kind")}
          options={SURVEY_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))}
          selected={[values.kind]}
          error={message("kind")}
        />
        <TextField id="slug" name="slug" label={t("create.slug")} hint={t("create.slug_hint")} value={values.slug} error={message("slug")} />
        <TextField id="title_en" name="title_en" label={t("create.title_en")} hint={t("create.title_en_hint")} value={values.title_en} error={message("title_en")} />
        <button type="submit" className="button">
          {t("create.submit")}
        </button>
      </StaffForm>
    </>
  );
}
