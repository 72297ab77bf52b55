import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { requireStaffForm } from "~/auth/session.server";
import { TALLY_VALUES, validateTally, type TallyField } from "~/campaigns/tally";
import { saveTally, tallyRulesOf } from "~/campaigns/tally.server";
import { readTallyForm, requireTallyCampaign, tallyFormView, tallyListView, todayOf } from "~/campaigns/tally-page.server";
import { LanguageField } from "~/campaigns/keyed-fields";
import { TallyList } from "~/campaigns/tally-ui";
import { ChoiceField, ErrorSummary, TextField, type SummaryError } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const lng = languageFromRequest(request);
  const tc = await requireTallyCampaign(db, request, params.id);
  const tallies = await tallyListView(db, tc, lng);
  const search = new URL(request.url).searchParams;
  const savedId = Number(search.get("saved"));
  const voidedId = Number(search.get("voided"));
  return json({
    pageTitle: getFixedT(lng, "campaigns")("tally.title"),
    id: tc.detail.campaign.id,
    name: pick(tc.detail.campaign, "name", lng),
    form: tallyFormView(tc, lng),
    tallies,
    saved: tallies.find((t) => t.id === savedId && !t.voided) ?? null,
    voided: tallies.find((t) => t.id === voidedId && t.voided) ?? null,
    imported: search.has("imported") ? { tallies: Number(search.get("imported")) || 0, forms: Number(search.get("forms")) || 0 } : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { user, form } = await requireStaffForm(db, request, "campaigns");
  const tc = await requireTallyCampaign(db, request, params.id, user);
  if (!tc.question) throw json({ reason: "not_found" }, { status: 404 });
  const now = new Date();
  const input = readTallyForm(form);
  const checked = validateTally(input, tallyRulesOf(tc.detail, "id", todayOf(now)));
  if (!checked.ok) return json({ errors: checked.errors as Partial<Record<TallyField, string>>, values: input }, { status: 400 });
  const saved = await saveTally(db, { campaignId: tc.detail.campaign.id, userId: user.id, question: tc.question, now, tally: checked.tally });
  if (saved === "already_saved") return json({ errors: { service: "already_saved" } as Partial<Record<TallyField, string>>, values: input }, { status: 400 });
  throw redirect(`/staff/campaigns/${tc.detail.campaign.id}/tallies?saved=${saved.id}`);
}

export default function Tallies() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["campaigns", "survey"]);
  const base = `/staff/campaigns/${data.id}`;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  // i18n-dynamic: campaigns:tally.errors.
  const message = (field: TallyField) => (errors[field] ? t(`tally.errors.${errors[field]}`) : undefined);
  const fields: { field: TallyField; href: string }[] = [
    { field: "service", href: "service" },
    { field: "month", href: "month" },
    { field: "language", href: "language" },
    ...TALLY_VALUES.map((v) => ({ field: `count_${v}` as TallyField, href: `count_${v}` })),
    { field: "total", href: "count_5" },
  ];
  const summary: SummaryError[] = fields.filter((f) => errors[f.field]).map((f) => ({ href: f.href, text: message(f.field) ?? "" }));
  const { form } = data;
  return (
    <>
      <ErrorSummary errors={summary} />
      <span className="caption">{data.name}</span>
      <h1>{t("tally.title")}</h1>
      {data.saved ? (
        <div className="notification notification--success" role="status" aria-labelledby="tally-saved-title">
          <h2 id="tally-saved-title">{t("tally.saved_title")}</h2>
          <p>
            {t("tally.saved_body", { total: data.saved.total, service: data.saved.service, month: data.saved.month, language: data.saved.language })}
          </p>
        </div>
      ) : null}
      {data.imported ? (
        <div className="notification notification--success" role="status">
          <p>{t("tally.imported_body", data.imported)}</p>
        </div>
      ) : null}
      {data.voided ? (
        <div className="notification" role="status">
          <p>{t("tally.voided_body", { total: data.voided.total, service: data.voided.service, month: data.voided.month })}</p>
        </div>
      ) : null}
      {form.question === null ? (
        <p className="inset">{t("tally.no_headline")}</p>
      ) : (
        <>
          <p>{t("tally.intro", { question: form.question })}</p>
          <p>
            <Link to={`${base}/tallies/import`}>{t("tally.import_link")}</Link>
          </p>
          <StaffForm noValidate className="narrow-form">
            <ChoiceField
              id="service"
              name="service"
              label={t("tally.service")}
              options={form.services}
              selected={values?.service ? [values.service] : form.services.length === 1 ? [form.services[0].value] : []}
              error={message("service")}
            />
            <TextField
              id="month"
              name="month"
              label={t("tally.month")}
              hint={t("tally.month_hint", { opens: form.opens, closes: form.closes })}
              value={values?.month ?? ""}
              error={message("month")}
            />
            <LanguageField label={t("tally.language")} selected={values?.language} error={message("language")} />
            <fieldset className="fieldset" aria-describedby={errors.total ? "counts-hint counts-error" : "counts-hint"}>
              <legend className="fieldset__legend">{t("tally.counts_legend")}</legend>
              <div className="hint" id="counts-hint">
                {t("tally.counts_hint")}
              </div>
              {errors.total ? (
                <p className="error-message" id="counts-error">
                  <span className="visually-hidden">{t("common:error_prefix")} </span>
                  {message("total")}
                </p>
              ) : null}
              {form.counts.map((c) => (
                <TextField
                  key={c.value}
                  id={`count_${c.value}`}
                  name={`count_${c.value}`}
                  label={c.label}
                  value={values?.counts[c.value as (typeof TALLY_VALUES)[number]] ?? ""}
                  error={message(`count_${c.value}` as TallyField)}
                />
              ))}
            </fieldset>
            <div className="button-group">
              <button type="submit" className="button">
                {t("tally.submit")}
              </button>
              <Link to={base}>{t("tally.back")}</Link>
            </div>
          </StaffForm>
        </>
      )}
      <TallyList campaignId={data.id} tallies={data.tallies} />
    </>
  );
}
