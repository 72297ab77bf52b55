import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { MAX_TALLY_CSV_LINES, TALLY_CSV_HEADER, parseTallyCsv, type TallyCsvProblem } from "~/campaigns/tally";
import { liveTallyKeys, saveTallies, tallyRulesOf } from "~/campaigns/tally.server";
import { requireTallyCampaign, todayOf } from "~/campaigns/tally-page.server";
import { MAX_UPLOAD_BODY_BYTES, readUploadedCsv, type UploadProblem } from "~/campaigns/upload.server";
import { CsvUploadFields, ServiceCodesTable } from "~/campaigns/upload-ui";
import { ErrorSummary } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const lng = languageFromRequest(request);
  const { detail, question } = await requireTallyCampaign(db, request, params.id);
  if (!question) throw json({ reason: "not_found" }, { status: 404 });
  return json({
    pageTitle: getFixedT(lng, "campaigns")("tally_import.title"),
    id: detail.campaign.id,
    name: pick(detail.campaign, "name", lng),
    services: detail.services.filter((s) => detail.scope.includes(s.id)).map((s) => ({ slug: s.slug, name: pick(s, "name", lng) })),
  });
}

type ActionData = { errors: { file: UploadProblem | "lines" }; problems: TallyCsvProblem[]; csv: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  // Refused before the body is read: a file this big is not a mistake to parse.
  await requireStaffUser(db, request, "campaigns");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_UPLOAD_BODY_BYTES) {
    return json<ActionData>({ errors: { file: "too_large" }, problems: [], csv: "" }, { status: 413 });
  }
  const { user, form } = await requireStaffForm(db, request, "campaigns");
  const { detail, question } = await requireTallyCampaign(db, request, params.id, user);
  if (!question) throw json({ reason: "not_found" }, { status: 404 });
  const pasted = typeof form.get("csv") === "string" ? String(form.get("csv")).slice(0, 100_000) : "";
  const upload = await readUploadedCsv(form);
  if ("problem" in upload) return json<ActionData>({ errors: { file: upload.problem }, problems: [], csv: pasted }, { status: 400 });
  const now = new Date();
  const parsed = parseTallyCsv(upload.text, tallyRulesOf(detail, "slug", todayOf(now)), await liveTallyKeys(db, detail.campaign.id));
  if (!parsed.ok) return json<ActionData>({ errors: { file: "lines" }, problems: parsed.problems, csv: pasted }, { status: 400 });
  const saved = await saveTallies(db, { campaignId: detail.campaign.id, userId: user.id, question, now, tallies: parsed.tallies });
  if ("alreadySavedLine" in saved) {
    return json<ActionData>({ errors: { file: "lines" }, problems: [{ line: saved.alreadySavedLine, code: "already_saved" }], csv: pasted }, { status: 400 });
  }
  throw redirect(`/staff/campaigns/${detail.campaign.id}/tallies?imported=${saved.saved}&forms=${saved.responses}`);
}

/** A problem of the file in words: "line 7: month 2026-13 is not a month". */
function useProblemText() {
  const { t } = useTranslation("campaigns");
  return (p: TallyCsvProblem): string => {
    const column = "field" in p && p.field.startsWith("count_") ? p.field.slice("count_".length) : "";
    // i18n-dynamic: campaigns:tally_import.problems.
    return t(`tally_import.problems.${p.code}`, { ...p, column });
  };
}

export default function ImportTallies() {
  const { id, name, services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("campaigns");
  const problemText = useProblemText();
  const errors = actionData?.errors;
  // i18n-dynamic: campaigns:upload.errors.
  const fileError = errors ? (errors.file === "lines" ? t("tally_import.lines_error", { count: actionData.problems.length }) : t(`upload.errors.${errors.file}`)) : undefined;
  const example = [TALLY_CSV_HEADER.join(","), `${services[0]?.slug ?? "service"},2026-10,en,182,19,6,3,2,1`, `${services[0]?.slug ?? "service"},2026-10,ur,40,5,1,0,0,0`].join("\n");
  return (
    <>
      <ErrorSummary errors={fileError ? [{ href: "file", text: fileError }] : []} />
      <span className="caption">{name}</span>
      <h1>{t("tally_import.title")}</h1>
      {actionData && actionData.problems.length > 0 ? (
        <section className="notification notification--error" aria-labelledby="tally-problems-title">
          <h2 id="tally-problems-title">{t("tally_import.problems_title")}</h2>
          <ul>
            {actionData.problems.map((p, i) => (
              <li key={`${p.line}-${i}`}>
                <bdi>{problemText(p)}</bdi>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>{t("tally_import.intro")}</p>
      <ul>
        <li>{t("tally_import.rule_header")}</li>
        <li>{t("tally_import.rule_values")}</li>
        <li>{t("tally_import.rule_all_or_nothing", { max: MAX_TALLY_CSV_LINES })}</li>
      </ul>
      <pre className="code-block" dir="ltr" lang="en">
        {example}
      </pre>
      <ServiceCodesTable services={services} />
      <StaffForm encType="multipart/form-data" noValidate className="narrow-form">
        <CsvUploadFields fileError={fileError} pasted={actionData?.csv ?? ""} />
        <div className="button-group">
          <button type="submit" className="button">
            {t("tally_import.submit")}
          </button>
          <Link to={`/staff/campaigns/${id}/tallies`}>{t("tally_import.back")}</Link>
        </div>
      </StaffForm>
    </>
  );
}
