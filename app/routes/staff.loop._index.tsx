import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { LOOP_STATUSES } from "@db/schema";
import { directionOf, getFixedT, languageFromRequest } from "~/i18n/i18n";
import { forbidden, redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { StatusFilterSchema, actOnQueues, loadQueues } from "~/loop/queue-page.server";
import { publicationSettingsOf } from "~/loop/subscriptions.server";
import { statusLabel } from "~/loop/labels";
import { QueueTable } from "~/loop/ui/QueueTable";
import { fieldId, formProblems, type ShownProblem } from "~/loop/ui/problems";
import { useLoopPhrase } from "~/loop/ui/phrase";
import { ErrorSummary, SelectField, TextField } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "loop");
  const lng = languageFromRequest(request);
  const status = StatusFilterSchema.parse(new URL(request.url).searchParams.get("status") || undefined);
  return json({ pageTitle: getFixedT(lng, "loop")("queues.title"), ...(await loadQueues(db, user, lng, status, new Date())) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, env } = context;
  const { session, user, form } = await requireStaffForm(db, request, "loop");
  const done = await actOnQueues(db, user, form, new Date(), publicationSettingsOf(env));
  if (!done) throw json({ reason: "bad_request" }, { status: 400 });
  const { result } = done;
  if (result.ok) {
    const flash =
      done.form === "publish" ? { key: "loop:flash.published_many", values: { number: (result.value as number[]).length } } : { key: "loop:flash.dealt" };
    return redirectWithFlash(db, session, "/staff/loop", flash);
  }
  if (result.status === 403) forbidden();
  if (result.status === 404) throw json({ reason: "not_found" }, { status: 404 });
  const problems: ShownProblem[] = result.status === 400 ? result.problems : [];
  return json({ form: done.form, errors: problems, values: done.values, conflict: result.status === 409 }, { status: result.status });
}

export default function LoopQueues() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["loop", "loop_common"]);
  const { summary } = formProblems(t, answer?.form ?? "", answer);
  return (
    <>
      <ErrorSummary errors={summary} />
      {answer?.conflict ? (
        <div className="notification notification--error" role="alert">
          <h2>{t("queues.conflict_title")}</h2>
          <p>{answer.form === "publish" ? t("queues.conflict_publish") : t("queues.conflict_dealt")}</p>
        </div>
      ) : null}
      <h1>{t("queues.title")}</h1>
      <p>{t("queues.intro")}</p>
      {data.canDraft ? (
        <p>
          <Link to="/staff/loop/new" className="button">
            {t("queues.new")}
          </Link>
        </p>
      ) : null}

      {data.mine ? (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t("queues.mine_title")}</h2>
          <p className="hint">{t("queues.mine_hint")}</p>
          <QueueTable caption={t("queues.mine_title")} rows={data.mine} empty={t("queues.mine_empty")} />
        </section>
      ) : null}

      {data.review ? (
        <section aria-labelledby="review-title">
          <h2 id="review-title">{t("queues.review_title")}</h2>
          <h3 id="closed-title">{t("queues.closed_title")}</h3>
          {data.review.closed.length ? (
            <StaffForm id="publish-selected">
              <input type="hidden" name="intent" value="publish_selected" />
              <QueueTable caption={t("queues.closed_title")} rows={data.review.closed} select={{ form: "publish", label: t("queues.select") }} empty="" />
              <p className="hint" id="publish-hint">
                {t("queues.publish_hint")}
              </p>
              <button type="submit" className="button" aria-describedby="publish-hint" id={fieldId("publish", "entries")}>
                {t("queues.publish_selected")}
              </button>
            </StaffForm>
          ) : (
            <p className="inset">{t("queues.closed_empty")}</p>
          )}

          <h3>{t("queues.requests_title")}</h3>
          {data.review.requests.length ? (
            <ul className="card-list">
              {data.review.requests.map((r) => (
                <RequestCard key={r.id} request={r} answer={answer} />
              ))}
            </ul>
          ) : (
            <p className="inset">{t("queues.requests_empty")}</p>
          )}

          <h3>{t("queues.forum_title")}</h3>
          <QueueTable caption={t("queues.forum_title")} rows={data.review.forum} empty={t("queues.forum_empty")} />
        </section>
      ) : null}

      <section aria-labelledby="entries-title">
        <h2 id="entries-title">{data.entries.scope === "own" ? t("queues.service_title") : t("queues.all_title")}</h2>
        <Form method="get" className="loop-filter">
          <SelectField
            id="status"
            name="status"
            label={t("queues.status_filter")}
            placeholder={t("queues.all_statuses")}
            options={LOOP_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
            value={data.entries.status}
          />
          <button type="submit" className="button button--secondary">
            {t("queues.show")}
          </button>
        </Form>
        <QueueTable
          caption={data.entries.scope === "own" ? t("queues.service_title") : t("queues.all_title")}
          rows={data.entries.rows}
          empty={data.entries.status ? t("queues.status_empty") : data.entries.scope === "own" ? t("queues.service_empty") : t("queues.all_empty")}
        />
      </section>
    </>
  );
}

function RequestCard({
  request: r,
  answer,
}: {
  request: { id: number; reason: string; language: "en" | "ur"; askedAt: string; entryId: number; youSaid: string; youSaidLang: "en" | "ur" };
  answer: { form: string; errors: ShownProblem[]; values: Record<string, string> } | undefined;
}) {
  const { t } = useTranslation(["loop", "loop_common"]);
  const form = `deal-${r.id}`;
  const phrase = useLoopPhrase();
  const { errorOf } = formProblems(t, form, answer);
  return (
    <li className="card">
      <p className="card__title">
        <Link to={`/staff/loop/${r.entryId}`}>
          <span className="visually-hidden">{t("queue.entry_number", { number: r.entryId })} </span>
          <span lang={r.youSaidLang} dir={directionOf(r.youSaidLang)}>
            {r.youSaid}
          </span>
        </Link>
      </p>
      <p className="card__meta">{phrase("queues.asked_on", { date: r.askedAt })}</p>
      <blockquote lang={r.language} dir={directionOf(r.language)}>
        {r.reason}
      </blockquote>
      <StaffForm noValidate className="narrow-form">
        <input type="hidden" name="intent" value="deal" />
        <input type="hidden" name="review" value={r.id} />
        <TextField
          id={fieldId(form, "note")}
          name="note"
          multiline
          rows={2}
          label={t("queues.deal_note")}
          hint={t("queues.deal_note_hint")}
          value={answer?.form === form ? (answer.values.note ?? "") : ""}
          error={errorOf("note")}
        />
        <button type="submit" className="button button--secondary">
          {t("queues.deal_submit")}
        </button>
      </StaffForm>
    </li>
  );
}
