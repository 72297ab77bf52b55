import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { languageFromRequest, pick } from "~/i18n/i18n";
import { formatDate } from "~/i18n/format";
import { canEnter } from "~/auth/permissions";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { campaignReturnRate } from "~/campaigns/campaign-returns.server";
import { countSubmittedResponses, invitationCounts, listReminderRounds, requireCampaignForUser } from "~/campaigns/campaigns.server";
import { FigureText } from "~/results/ui/figures";
import { ReturnDetails } from "~/results/ui/ReturnDetails";
import { reminderDaysOf } from "~/campaigns/reminders";
import { sendReminders } from "~/campaigns/reminders.server";
import { TextWithBdi, bdiMarks } from "~/campaigns/ui";
import { reminderRefusalMessage } from "~/rate-limit/messages";
import { refusalInit } from "~/rate-limit/responses.server";
import { isCampaignOpen } from "~/surveys/surveys.server";
import { StaffForm } from "~/ui/StaffForm";
import { retryAfterFromAction } from "~/rate-limit/headers";

// A refused form answers 429 with Retry-After, with or without JavaScript.
export const headers = retryAfterFromAction;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "campaigns");
  const detail = await requireCampaignForUser(db, user, params.id);
  const { campaign, version, services, scope } = detail;
  const lng = languageFromRequest(request);
  const isAdmin = user.role === "admin";
  const counts = await invitationCounts(db, campaign.id, scope);
  const rounds = await listReminderRounds(db, campaign.id);
  return json({
    pageTitle: pick(campaign, "name", lng),
    id: campaign.id,
    name: pick(campaign, "name", lng),
    survey: pick(version, "title", lng),
    services: services.map((s) => pick(s, "name", lng)),
    scopedServices: isAdmin ? null : services.filter((s) => scope.includes(s.id)).map((s) => pick(s, "name", lng)),
    opens: formatDate(campaign.opens_at, lng),
    closes: formatDate(campaign.closes_at, lng),
    open: isCampaignOpen(campaign, new Date()),
    anonymous: Boolean(campaign.anonymous),
    eligibleCount: campaign.eligible_count,
    schedule: reminderDaysOf(campaign.reminder_days),
    openLink: `${env.PUBLIC_URL}/s/${campaign.slug}`,
    counts,
    responses: await countSubmittedResponses(db, campaign.id, isAdmin ? null : scope),
    returnRate: await campaignReturnRate(db, user, detail, lng, env.SUPPRESSION_THRESHOLD),
    rounds: rounds.map((r) => ({ ...r, sent_on: formatDate(r.sent_at, lng) })),
    canEdit: canEnter(user, "campaign_setup"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, env } = context;
  const { session, user, form } = await requireStaffForm(db, request, "campaigns");
  const { campaign, scope } = await requireCampaignForUser(db, user, params.id);
  const to = `/staff/campaigns/${campaign.id}`;
  if (form.get("intent") !== "remind") throw json({ reason: "not_found" }, { status: 404 });
  if (!isCampaignOpen(campaign, new Date())) return redirectWithFlash(db, session, to, { key: "campaigns:flash.reminder_closed" });
  const { recipients, retryAfterSeconds } = await sendReminders(
    db,
    campaign.id,
    { kind: "manual", userId: user.id, serviceIds: user.role === "admin" ? undefined : scope },
    new Date(),
    { publicUrl: env.PUBLIC_URL },
  );
  // Already reminded by hand today: the page again, saying when the next one may go (429).
  if (retryAfterSeconds !== undefined) return json({ reminderRetryAfterSeconds: retryAfterSeconds }, refusalInit({ retryAfterSeconds }));
  return redirectWithFlash(
    db,
    session,
    to,
    recipients > 0 ? { key: "campaigns:flash.reminded", values: { number: recipients } } : { key: "campaigns:flash.nobody_to_remind" },
  );
}

export default function CampaignOverview() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>()?.reminderRetryAfterSeconds;
  const { t } = useTranslation("campaigns");
  const { counts } = data;
  const figures: [string, number][] = [
    [t("overview.invited"), counts.invited],
    [t("overview.delivered"), counts.delivered],
    [t("overview.bounced"), counts.bounced],
    [t("overview.completed"), counts.completed],
    [t("overview.opted_out"), counts.optedOut],
    [t("overview.still_to_answer"), counts.stillToAnswer],
  ];
  const base = `/staff/campaigns/${data.id}`;
  return (
    <>
      {refused !== undefined ? (
        <div className="notification notification--error" role="alert">
          <p>{reminderRefusalMessage(t, refused)}</p>
        </div>
      ) : null}
      <span className="caption">{t("overview.caption")}</span>
      <h1>{data.name}</h1>
      <dl className="summary-list">
        <dt>{t("overview.survey")}</dt>
        <dd>{data.survey}</dd>
        <dt>{t("overview.services")}</dt>
        <dd>{data.services.join(t("list.separator"))}</dd>
        <dt>{t("overview.dates")}</dt>
        <dd>
          <bdi>{data.opens}</bdi> – <bdi>{data.closes}</bdi>{" "}
          <span className="tag">{data.open ? t("status.open") : t("status.closed")}</span>
        </dd>
        <dt>{t("overview.anonymous")}</dt>
        <dd>{data.anonymous ? t("overview.anonymous_yes") : t("overview.anonymous_no")}</dd>
        <dt>{t("overview.eligible_count")}</dt>
        <dd>{data.eligibleCount === null ? t("overview.not_set") : <bdi>{data.eligibleCount}</bdi>}</dd>
        <dt>{t("overview.responses")}</dt>
        <dd>
          <bdi>{data.responses}</bdi>
        </dd>
      </dl>
      {data.canEdit ? (
        <p>
          <Link to={`${base}/edit`}>{t("overview.edit")}</Link>
        </p>
      ) : null}

      <h2>{t("overview.return_rate_title")}</h2>
      <p>
        <FigureText figure={data.returnRate.figure} explain />
      </p>
      <ReturnDetails view={data.returnRate} />
      <p>
        <a href={`${base}/return-rate.csv`} download>
          {t("overview.return_rate_csv")}
        </a>
      </p>

      <h2>{t("overview.open_link_title")}</h2>
      <p>{t("overview.open_link_intro")}</p>
      <p className="long-link">
        <bdi>
          <a href={data.openLink}>{data.openLink}</a>
        </bdi>
      </p>
      <p>
        <Link to={`${base}/poster`}>{t("overview.poster")}</Link>
      </p>

      <h2>{t("overview.invitations_title")}</h2>
      {data.scopedServices ? (
        <p className="hint">{t("overview.scoped", { services: data.scopedServices.join(t("list.separator")) })}</p>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("overview.invitations_title")}</caption>
          <tbody>
            {figures.map(([label, n]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>
                  <bdi>{n}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul>
        <li>
          <Link to={`${base}/invitations`}>{t("overview.upload")}</Link>
        </li>
        <li>
          <Link to={`${base}/responses/new`}>{t("overview.key_in")}</Link>
        </li>
        <li>
          <Link to={`${base}/responses`}>{t("keyed_list.title")}</Link>
        </li>
        <li>
          <Link to={`${base}/tallies`}>{t("overview.tallies")}</Link>
        </li>
        {data.canEdit ? (
          <li>
            <Link to={`${base}/bounces`}>{t("overview.bounces")}</Link>
          </li>
        ) : null}
      </ul>

      <h2>{t("overview.reminders_title")}</h2>
      <p>
        {data.schedule.length > 0 ? (
          <TextWithBdi text={t("overview.schedule", bdiMarks({ days: data.schedule.join(", ") }))} values={{ days: data.schedule.join(", ") }} />
        ) : (
          t("overview.no_schedule")
        )}
      </p>
      {data.rounds.length === 0 ? (
        <p>{t("overview.no_rounds")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("overview.rounds_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("overview.round_date")}</th>
                <th scope="col">{t("overview.round_how")}</th>
                <th scope="col">{t("overview.round_count")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rounds.map((r) => (
                <tr key={r.id}>
                  <td>
                    <bdi>{r.sent_on}</bdi>
                  </td>
                  <td>
                    {r.kind === "manual" ? (
                      t("overview.round_manual", { name: r.sent_by ?? "" })
                    ) : (
                      <TextWithBdi text={t("overview.round_scheduled", bdiMarks({ days: r.day_offset ?? 0 }))} values={{ days: r.day_offset ?? 0 }} />
                    )}
                  </td>
                  <td>
                    <bdi>{r.recipient_count}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.open ? (
        counts.remindable > 0 ? (
          <StaffForm>
            <input type="hidden" name="intent" value="remind" />
            <p id="remind-count">
              <TextWithBdi text={t("overview.remind_count", bdiMarks({ number: counts.remindable }))} values={{ number: counts.remindable }} />
            </p>
            <button type="submit" className="button" aria-describedby="remind-count">
              {t("overview.remind_now")}
            </button>
          </StaffForm>
        ) : (
          <p className="inset">
            {/* i18n-dynamic: campaigns:overview.not_delivered_yet (plural forms) */}
            {counts.invited === 0
              ? t("overview.no_invitations")
              : counts.awaitingRelay > 0
                ? t("overview.not_delivered_yet", { count: counts.awaitingRelay })
                : t("overview.nobody_to_remind")}
          </p>
        )
      ) : (
        <p className="inset">{t("overview.closed_no_reminders")}</p>
      )}
    </>
  );
}
