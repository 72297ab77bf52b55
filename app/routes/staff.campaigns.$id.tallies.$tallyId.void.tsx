import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { Language } from "@db/schema";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { requireStaffForm } from "~/auth/session.server";
import { voidTally } from "~/campaigns/tally.server";
import { requireTallyCampaign, tallyListView, type TallyCampaign } from "~/campaigns/tally-page.server";
import { ErrorSummary, TextField } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

const VoidSchema = z.object({
  reason: z.string().trim().min(1, { error: "reason_required" }).max(500, { error: "reason_too_long" }),
});

/** The live tally the address names, among those this user may see; a 404 for any other. */
async function liveTallyOr404(db: AppLoadContext["db"], tc: TallyCampaign, tallyId: string | undefined, lng: Language) {
  const row = (await tallyListView(db, tc, lng)).find((r) => String(r.id) === tallyId);
  if (!row || row.voided) throw json({ reason: "not_found" }, { status: 404 });
  return row;
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
  const tally = await liveTallyOr404(db, tc, params.tallyId, languageFromRequest(request));
  const reason = typeof form.get("reason") === "string" ? String(form.get("reason")) : "";
  const parsed = VoidSchema.safeParse({ reason });
  if (!parsed.success) return json({ errors: { reason: parsed.error.issues[0].message }, reason }, { status: 400 });
  await voidTally(db, { tallyId: tally.id, userId: user.id, reason: parsed.data.reason, now: new Date() });
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
          {tally.service}, <bdi>{tally.month}</bdi>, {tally.language}
        </dd>
        <dt>{t("tally.col_total")}</dt>
        <dd>
          <bdi>{tally.total}</bdi>
        </dd>
        <dt>{t("tally.col_keyed")}</dt>
        <dd>
          {tally.keyedBy}, <bdi>{tally.keyedOn}</bdi>
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
