import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { forbidden, redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { actOnEntry, entryIdOr404, loadEntryPage } from "~/loop/entry-page.server";
import { publicationSettingsOf } from "~/loop/subscriptions.server";
import { AuditTrail } from "~/loop/ui/AuditTrail";
import { CommentCards } from "~/loop/ui/CommentCards";
import { CloseForm, DiscardForm, EditDraftForm, OpenForm, PublishForm, ReassignForm, SendBackForm, UpdateForm, type EntryAnswer } from "~/loop/ui/EntryForms";
import { DueTag } from "~/loop/ui/QueueTable";
import { formProblems } from "~/loop/ui/problems";
import { useLoopPhrase } from "~/loop/ui/phrase";
import { ErrorSummary } from "~/ui/forms";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "loop");
  const id = entryIdOr404(params.id);
  const lng = languageFromRequest(request);
  const page = await loadEntryPage(db, user, id, lng, env.SUPPRESSION_THRESHOLD, new Date());
  return json({ pageTitle: getFixedT(lng, "loop")("entry.title", { number: id }), page });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, env } = context;
  const { session, user, form } = await requireStaffForm(db, request, "loop");
  const id = entryIdOr404(params.id);
  const { intent, values, result } = await actOnEntry(db, user, id, form, new Date(), publicationSettingsOf(env));
  // i18n-dynamic: loop:flash.
  if (result.ok) return redirectWithFlash(db, session, `/staff/loop/${id}`, { key: `loop:flash.${intent}` });
  if (result.status === 404) throw json({ reason: "not_found" }, { status: 404 });
  if (result.status === 403) forbidden();
  const answer: EntryAnswer =
    result.status === 400 ? { form: intent, errors: result.problems, values, conflict: false } : { form: intent, errors: [], values, conflict: true };
  return json(answer, { status: result.status });
}

export default function EntryPage() {
  const { page } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["loop", "loop_common"]);
  const { entry } = page;
  const phrase = useLoopPhrase();
  // Opening needs the Urdu "You said", which is fixed in the draft form.
  const { summary } = formProblems(t, answer?.form ?? "", answer, answer?.form === "open" && page.canEdit ? { youSaidEn: "edit-youSaidEn", youSaidUr: "edit-youSaidUr" } : {});
  const has = (a: (typeof page.actions)[number]) => page.actions.includes(a);
  const moveDefaults = { owner: page.defaults.owner, dueOn: page.defaults.dueOn };
  return (
    <>
      <p className="back-link-wrap">
        <Link to="/staff/loop">{t("back_to_queues")}</Link>
      </p>
      <ErrorSummary errors={summary} />
      {answer?.conflict ? (
        <div className="notification notification--error" role="alert">
          <h2>{t("entry.conflict_title")}</h2>
          <p>{t("entry.conflict_body")}</p>
        </div>
      ) : null}
      <span className="caption">{t("entry.caption")}</span>
      <h1>{phrase("entry.title", { number: entry.id })}</h1>
      <p>
        <span className="tag">{entry.statusLabel}</span> <DueTag mark={entry.dueMark} />
      </p>
      {page.sentBack ? (
        <div className="notification" role="note" aria-labelledby="sent-back-title">
          <h2 id="sent-back-title">{t("entry.sent_back_title")}</h2>
          <p>{phrase("entry.sent_back_by", { name: page.sentBack.who ?? "", date: page.sentBack.at })}</p>
          <blockquote>{page.sentBack.reason}</blockquote>
        </div>
      ) : null}

      <h2>{t("loop_common:youSaid")}</h2>
      <div className="loop-texts">
        <blockquote lang="en" dir="ltr">
          {entry.youSaidEn}
        </blockquote>
        {entry.youSaidUr ? (
          <blockquote lang="ur" dir="rtl">
            {entry.youSaidUr}
          </blockquote>
        ) : (
          <p className="inset">{t("entry.no_urdu")}</p>
        )}
      </div>

      <dl className="summary-list">
        <dt>{t("entry.status")}</dt>
        <dd>{entry.statusLabel}</dd>
        <dt>{t("entry.lead_service")}</dt>
        <dd>{entry.leadService}</dd>
        <dt>{t("entry.contributing")}</dt>
        <dd>{entry.contributing.length ? entry.contributing.join(t("list_separator")) : t("entry.none")}</dd>
        <dt>{t("entry.period")}</dt>
        <dd>{entry.period}</dd>
        <dt>{t("entry.theme")}</dt>
        <dd>{entry.theme}</dd>
        <dt>{t("entry.raised_by")}</dt>
        <dd>
          {page.families.kind === "shown" ? (
            page.families.n === 0 && entry.source === "survey" ? (
              t("entry.no_evidence")
            ) : (
              phrase(entry.source === "forum" ? "entry.families_forum" : "entry.families", { number: page.families.n })
            )
          ) : (
            phrase("entry.families_fewer", { threshold: page.families.threshold })
          )}
        </dd>
        <dt>{t("entry.owner")}</dt>
        <dd>{entry.owner ?? t("entry.no_owner")}</dd>
        <dt>{t("entry.due_on")}</dt>
        <dd>
          {entry.dueOn ? <bdi>{entry.dueOn}</bdi> : t("entry.no_due")} <DueTag mark={entry.dueMark} />
        </dd>
        <dt>{t("entry.created")}</dt>
        <dd>{phrase("entry.created_by", { name: entry.createdBy ?? "", date: entry.createdAt })}</dd>
        {entry.openedAt ? (
          <>
            <dt>{t("entry.opened")}</dt>
            <dd>
              <bdi>{entry.openedAt}</bdi>
            </dd>
          </>
        ) : null}
        {entry.closedAt ? (
          <>
            <dt>{t("entry.closed")}</dt>
            <dd>
              <bdi>{entry.closedAt}</bdi>
            </dd>
          </>
        ) : null}
        <dt>{t("entry.published")}</dt>
        <dd>
          {entry.publishedAt ? (
            <bdi>{entry.publishedAt}</bdi>
          ) : entry.publishedOpenAt ? (
            phrase("entry.published_open", { date: entry.publishedOpenAt })
          ) : (
            t("entry.not_published")
          )}
        </dd>
        {entry.discardedAt ? (
          <>
            <dt>{t("entry.discarded")}</dt>
            <dd>
              <bdi>{entry.discardedAt}</bdi>
            </dd>
          </>
        ) : null}
      </dl>

      {entry.outcome ? (
        <>
          <h2>{t("loop_common:weDid")}</h2>
          <dl className="summary-list">
            <dt>{t("entry.outcome")}</dt>
            <dd>{entry.outcomeLabel}</dd>
          </dl>
          <div className="loop-texts">
            <blockquote lang="en" dir="ltr">
              {entry.weDidEn}
            </blockquote>
            <blockquote lang="ur" dir="rtl">
              {entry.weDidUr}
            </blockquote>
          </div>
          <dl className="summary-list">
            <dt>{t("entry.outcome_note")}</dt>
            <dd>{entry.outcomeNote}</dd>
            <dt>{t("entry.change_evidence")}</dt>
            <dd>{entry.changeEvidence ?? t("entry.none")}</dd>
            <dt>{t("entry.change_from")}</dt>
            <dd>{entry.changeFrom ? <bdi>{entry.changeFrom}</bdi> : t("entry.none")}</dd>
          </dl>
        </>
      ) : null}

      <h2>{t("entry.updates_title")}</h2>
      {page.updates.length ? (
        <ul className="card-list">
          {page.updates.map((u) => (
            <li key={u.id} className="card">
              <p className="card__meta">
                <bdi>{u.at}</bdi>
              </p>
              <p lang="en" dir="ltr">
                {u.bodyEn}
              </p>
              <p lang="ur" dir="rtl">
                {u.bodyUr}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("entry.no_updates")}</p>
      )}

      <h2 id="evidence">{t("entry.evidence_title")}</h2>
      {page.surveyTitle ? <p>{phrase("entry.evidence_survey", { survey: page.surveyTitle })}</p> : null}
      {page.comments === null ? (
        <p>{entry.source === "forum" ? t("entry.evidence_forum") : t("entry.evidence_hidden")}</p>
      ) : page.comments.length || page.responsesWithoutComment ? (
        <>
          {page.comments.length ? (
            <CommentCards comments={page.comments} />
          ) : null}
          {page.responsesWithoutComment ? <p>{phrase("entry.evidence_responses", { number: page.responsesWithoutComment })}</p> : null}
        </>
      ) : (
        <p>{t("entry.no_evidence")}</p>
      )}

      <h2>{t("entry.actions_title")}</h2>
      {page.actions.length === 0 && !page.canEdit && !page.canUpdate ? <p>{t("entry.no_actions")}</p> : null}
      {has("open") ? <OpenForm answer={answer} owners={page.owners} defaults={moveDefaults} /> : null}
      {has("close") ? <CloseForm answer={answer} defaults={page.closeDefaults} /> : null}
      {has("publish") ? <PublishForm intent="publish" /> : null}
      {has("send_back") ? <SendBackForm answer={answer} /> : null}
      {has("publish_open") ? <PublishForm intent="publish_open" /> : null}
      {has("reassign") ? <ReassignForm answer={answer} owners={page.owners} defaults={moveDefaults} /> : null}
      {page.canUpdate ? <UpdateForm answer={answer} /> : null}
      {page.canEdit && page.draftChoices ? <EditDraftForm answer={answer} choices={page.draftChoices} defaults={page.draftValues} forum={entry.source === "forum"} /> : null}
      {has("discard") ? <DiscardForm answer={answer} /> : null}

      <h2 id="audit">{t("entry.audit_title")}</h2>
      <AuditTrail events={page.events} />
    </>
  );
}
