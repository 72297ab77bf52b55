import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Language } from "@db/schema";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { requireStaffForm } from "~/auth/session.server";
import { readReason } from "~/campaigns/keyed-history";
import { voidTally } from "~/campaigns/tally.server";
import { requireLiveTally, requireTallyCampaign, tallyListView, type TallyCampaign } from "~/campaigns/tally-page.server";
import { ErrorSummary, TextField } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

/** The live tally the address names, among those this user may see; a 404 for any other. */
async function liveTallyOr404(db: AppLoadContext["db"], tc: TallyCampaign, tallyId: string | undefined, lng: Language) {
  const { id } = await requireLiveTally(db, tc, tallyId);
  return (await tallyListView(db, tc, lng)).find((r) => r.id === id)!;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const lng = languageFromRequest(request);
  const tc = await requireTallyCampaign(db, request, params.id);
  return json({
    pageTitle: getFixedT(lng, "campaigns")("tally.void_title"),
    id: tc.detail.campaign.id,
    name: pick(tc.detail.campaign, "name", lng),
    tally: await liveTallyOr404(db, tc, params.tallyId, lng),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { user, form } = await requireStaffForm(db, request, "campaigns");
  const tc = await requireTallyCampaign(db, request, params.id, user);
  const tally = await requireLiveTally(db, tc, params.tallyId);
  const reason = readReason(form, true);
  // What was typed is shown again as it was.
  if (!reason.ok) return json({ errors: { reason: reason.error }, reason: String(form.get("reason") ?? "") }, { status: 400 });
  // A second press finds it voided already: the same page as the first.
  await voidTally(db, { tallyId: tally.id, userId: user.id, reason: reason.value, now: new Date() });
  throw redirect(`/staff/campaigns/${tc.detail.campaign.id}/tallies?voided=${tally.id}`);
}

export default function VoidTally() {
  const { id, name, tally } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("campaigns");
  // i18n-dynamic: campaigns:tally.void_errors.
  const error = actionData?.errors.reason ? t(`tally.void_errors.${actionData.errors.reason}`) : undefined;
  return (
    <>
      <ErrorSummary errors={error ? [{ href: "reason", text: error }] : []} />
      <span className="caption">{name}</span>
      <h1>{t("tally.void_title")}</h1>
      <dl className="summary-list">
        <dt>{t("tally.col_tally")}</dt>
        <dd>
          {t("tally.void_which", { service: tally.service, month: tally.month, language: tally.language })}
        </dd>
        <dt>{t("tally.col_total")}</dt>
        <dd>
          <bdi>{tally.total}</bdi>
        </dd>
        <dt>{t("tally.col_keyed")}</dt>
        <dd>
          {t("tally.void_keyed", { name: tally.keyedBy, date: tally.keyedOn })}
        </dd>
      </dl>
      <p>{t("tally.void_intro", { total: tally.total })}</p>
      <StaffForm noValidate className="narrow-form">
        <TextField id="reason" name="reason" multiline rows={3} label={t("tally.void_reason")} hint={t("tally.void_reason_hint")} value={actionData?.reason ?? ""} error={error} />
        <div className="button-group">
          <button type="submit" className="button button--warning">
            {t("tally.void_submit")}
          </button>
          <Link to={`/staff/campaigns/${id}/tallies`}>{t("tally.void_cancel")}</Link>
        </div>
      </StaffForm>
    </>
  );
}
