import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { requireCampaignForUser } from "~/campaigns/campaigns.server";
import { MAX_UPLOAD_BODY_BYTES, inviteFromCsv, readUploadedCsv, type UploadProblem } from "~/campaigns/upload.server";
import { TextWithBdi, bdiMarks } from "~/campaigns/ui";
import { BadLinesTable, CsvUploadFields, ServiceCodesTable } from "~/campaigns/upload-ui";
import { ErrorSummary } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "campaigns");
  const { campaign, services, scope } = await requireCampaignForUser(db, user, params.id);
  const lng = languageFromRequest(request);
  return json({
    pageTitle: getFixedT(lng, "campaigns")("upload.title"),
    id: campaign.id,
    name: pick(campaign, "name", lng),
    // The service column is needed only when the uploader could mean more than one service.
    services: scope.length > 1 ? services.filter((s) => scope.includes(s.id)).map((s) => ({ slug: s.slug, name: pick(s, "name", lng) })) : null,
  });
}

type ActionData = { errors: { file: UploadProblem }; csv: string } | { result: { rows: number; invited: number; bad: { line: number; text: string; problem: string; firstLine?: number }[] } };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, env } = context;
  // Refused before the body is read: a list this big is not a mistake to parse.
  await requireStaffUser(db, request, "campaigns");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_UPLOAD_BODY_BYTES) {
    return json<ActionData>({ errors: { file: "too_large" }, csv: "" }, { status: 413 });
  }
  const { user, form } = await requireStaffForm(db, request, "campaigns");
  const detail = await requireCampaignForUser(db, user, params.id);
  const pasted = typeof form.get("csv") === "string" ? String(form.get("csv")) : "";
  const upload = await readUploadedCsv(form);
  if ("problem" in upload) return json<ActionData>({ errors: { file: upload.problem }, csv: pasted.slice(0, 100_000) }, { status: 400 });
  const outcome = await inviteFromCsv(db, detail, upload.text, env.PUBLIC_URL, new Date());
  if ("problem" in outcome) return json<ActionData>({ errors: { file: outcome.problem }, csv: pasted.slice(0, 100_000) }, { status: 400 });
  return json<ActionData>({ result: outcome });
}

export default function UploadInvitations() {
  const { id, name, services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("campaigns");
  const errors = actionData && "errors" in actionData ? actionData.errors : null;
  const result = actionData && "result" in actionData ? actionData.result : null;
  // i18n-dynamic: campaigns:upload.errors.
  const fileError = errors ? t(`upload.errors.${errors.file}`) : undefined;
  return (
    <>
      <ErrorSummary errors={fileError ? [{ href: "file", text: fileError }] : []} />
      <span className="caption">{name}</span>
      <h1>{t("upload.title")}</h1>
      {result ? <UploadResultView result={result} /> : null}
      <p>{t("upload.intro")}</p>
      <ul>
        <li>{t("upload.rule_header")}</li>
        <li>{t("upload.rule_language")}</li>
        <li>{services ? t("upload.rule_service_needed") : t("upload.rule_service_optional")}</li>
        <li>{t("upload.rule_size")}</li>
      </ul>
      <p>{t("upload.example")}</p>
      <pre className="code-block" dir="ltr" lang="en">
        {services
          ? `email,language,service\nparent.one@example.com,en,${services[0].slug}\nparent.two@example.com,ur,${services[services.length - 1].slug}`
          : "email,language\nparent.one@example.com,en\nparent.two@example.com,ur"}
      </pre>
      {services ? <ServiceCodesTable services={services} /> : null}
      <StaffForm encType="multipart/form-data" noValidate className="narrow-form">
        <CsvUploadFields fileError={fileError} pasted={actionData && "csv" in actionData ? actionData.csv : ""} />
        <div className="button-group">
          <button type="submit" className="button">
            {t("upload.submit")}
          </button>
          <Link to={`/staff/campaigns/${id}`}>{t("upload.back")}</Link>
        </div>
      </StaffForm>
    </>
  );
}

function UploadResultView({ result }: { result: Extract<ActionData, { result: unknown }>["result"] }) {
  const { t } = useTranslation("campaigns");
  const counts = { rows: result.rows, invited: result.invited, bad: result.bad.length };
  return (
    <section className="notification" aria-labelledby="upload-result-title">
      <h2 id="upload-result-title">{t("upload.result_title")}</h2>
      <p>
        <TextWithBdi text={t("upload.result_counts", bdiMarks(counts))} values={counts} />
      </p>
      {result.bad.length > 0 ? (
        <BadLinesTable
          caption={t("upload.bad_caption")}
          lines={result.bad.map((b) => ({
            key: `${b.line}-${b.problem}`,
            line: b.line,
            text: b.text,
            // i18n-dynamic: campaigns:upload.problems.
            problem: b.firstLine !== undefined ? t(`upload.problems.${b.problem}`, { line: b.firstLine }) : t(`upload.problems.${b.problem}`),
          }))}
        />
      ) : (
        <p>{t("upload.all_good")}</p>
      )}
    </section>
  );
}
