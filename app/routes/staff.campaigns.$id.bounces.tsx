import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { requireStaffForm, requireStaffUser } from "~/auth/session.server";
import type { BounceLineError } from "~/campaigns/bounces";
import { recordBounceList, type BounceUploadResult } from "~/campaigns/bounces.server";
import { requireCampaignForUser } from "~/campaigns/campaigns.server";
import { MAX_UPLOAD_BODY_BYTES, readUploadedCsv, type UploadProblem } from "~/campaigns/upload.server";
import { TextWithBdi, bdiMarks } from "~/campaigns/ui";
import { BadLinesTable, CsvUploadFields } from "~/campaigns/upload-ui";
import { ErrorSummary } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "campaign_setup");
  const { campaign } = await requireCampaignForUser(db, user, params.id);
  const lng = languageFromRequest(request);
  return json({ pageTitle: getFixedT(lng, "campaigns")("bounces.title"), id: campaign.id, name: pick(campaign, "name", lng) });
}

type FileProblem = UploadProblem | "too_many_rows" | "bad_lines";
type ActionData = { errors: { file: FileProblem }; lines: BounceLineError[]; csv: string } | { result: BounceUploadResult };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  // Refused before the body is read: a list this big is not a mistake to parse.
  await requireStaffUser(db, request, "campaign_setup");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_UPLOAD_BODY_BYTES) {
    return json<ActionData>({ errors: { file: "too_large" }, lines: [], csv: "" }, { status: 413 });
  }
  const { user, form } = await requireStaffForm(db, request, "campaign_setup");
  const { campaign } = await requireCampaignForUser(db, user, params.id);
  const pasted = typeof form.get("csv") === "string" ? String(form.get("csv")).slice(0, 100_000) : "";
  const upload = await readUploadedCsv(form);
  if ("problem" in upload) return json<ActionData>({ errors: { file: upload.problem }, lines: [], csv: pasted }, { status: 400 });
  const outcome = await recordBounceList(db, campaign.id, upload.text, new Date());
  if (!outcome.ok) {
    const lines = outcome.problem === "bad_lines" ? outcome.errors : [];
    return json<ActionData>({ errors: { file: outcome.problem }, lines, csv: pasted }, { status: 400 });
  }
  return json<ActionData>({ result: outcome.result });
}

export default function UploadBounces() {
  const { id, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("campaigns");
  const errors = actionData && "errors" in actionData ? actionData : null;
  const result = actionData && "result" in actionData ? actionData.result : null;
  // i18n-dynamic: campaigns:bounces.errors.
  const fileError = errors ? t(`bounces.errors.${errors.errors.file}`) : undefined;
  return (
    <>
      <ErrorSummary errors={fileError ? [{ href: "file", text: fileError }] : []} />
      <span className="caption">{name}</span>
      <h1>{t("bounces.title")}</h1>
      {result ? (
        <section className="notification" aria-labelledby="bounce-result-title">
          <h2 id="bounce-result-title">{t("bounces.result_title")}</h2>
          <p>
            <TextWithBdi text={t("bounces.result_counts", bdiMarks({ ...result }))} values={{ ...result }} />
          </p>
        </section>
      ) : null}
      {errors && errors.lines.length > 0 ? (
        <BadLinesTable
          caption={t("bounces.bad_caption")}
          // i18n-dynamic: campaigns:bounces.problems.
          lines={errors.lines.map((b) => ({ key: String(b.line), line: b.line, text: b.text, problem: t(`bounces.problems.${b.problem}`) }))}
        />
      ) : null}
      <p>{t("bounces.intro")}</p>
      <ul>
        <li>{t("bounces.rule_format")}</li>
        <li>{t("bounces.rule_all_or_nothing")}</li>
        <li>{t("upload.rule_size")}</li>
      </ul>
      <pre className="code-block" dir="ltr" lang="en">
        {"email\nparent.one@example.com\nparent.two@example.com"}
      </pre>
      <StaffForm encType="multipart/form-data" noValidate className="narrow-form">
        <CsvUploadFields fileError={fileError} pasted={errors ? errors.csv : ""} fileHint={t("bounces.file_hint")} pasteHint={t("bounces.paste_hint")} />
        <div className="button-group">
          <button type="submit" className="button">
            {t("bounces.submit")}
          </button>
          <Link to={`/staff/campaigns/${id}`}>{t("upload.back")}</Link>
        </div>
      </StaffForm>
    </>
  );
}
