import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { forbidden, redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { createDraft, draftProblems } from "~/loop/loop.server";
import { EMPTY_DRAFT, draftChoices, draftFromForm, sourceFor, type DraftValues } from "~/loop/draft-form.server";
import { evidenceForDraft } from "~/loop/evidence.server";
import { CommentCards } from "~/loop/ui/CommentCards";
import { DraftFields } from "~/loop/ui/DraftFields";
import { formProblems, type ShownProblem } from "~/loop/ui/problems";
import { useLoopPhrase } from "~/loop/ui/phrase";
import { ErrorSummary } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";

const FORM = "draft";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "loop");
  const lng = languageFromRequest(request);
  const evidence = await evidenceForDraft(db, user, new URL(request.url).searchParams, lng);
  const choices = await draftChoices(db, user, lng, new Date());
  // Suggest the lead service: the one the chosen comments are about, or the user's only one.
  const suggested = evidence?.resolved.serviceIds.length === 1 ? String(evidence.resolved.serviceIds[0]) : choices.leadServices.length === 1 ? choices.leadServices[0].value : "";
  const values: DraftValues = {
    ...EMPTY_DRAFT,
    leadService: choices.leadServices.some((c) => c.value === suggested) ? suggested : "",
    period: choices.currentTerm,
  };
  return json({
    pageTitle: getFixedT(lng, "loop")("new.title"),
    forum: sourceFor(user) === "forum",
    choices,
    values,
    evidence: evidence ? { ...evidence.view, query: evidence.query } : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, user, form } = await requireStaffForm(db, request, "loop");
  const lng = languageFromRequest(request);
  const { values, input, problems } = await draftFromForm(db, form);
  const raw = form.get("evidence");
  const evidence = await evidenceForDraft(db, user, new URLSearchParams(typeof raw === "string" ? raw : ""), lng);
  const source = sourceFor(user);
  const all = [...problems, ...draftProblems({ ...input, source })];
  const refused = (problems: ShownProblem[]) => json({ form: FORM, errors: problems, values }, { status: 400 });
  if (all.length) return refused(all);
  const result = await createDraft(db, user, { ...input, source, surveyId: evidence?.resolved.survey.id ?? null, evidence: evidence?.resolved.evidence }, new Date());
  if (!result.ok) {
    if (result.status === 400) return refused(result.problems);
    forbidden();
  }
  return redirectWithFlash(db, session, `/staff/loop/${result.value}`, { key: "loop:flash.created" });
}

export default function NewEntry() {
  const { forum, choices, values, evidence } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["loop", "loop_common"]);
  const phrase = useLoopPhrase();
  const { errorOf, summary } = formProblems(t, FORM, answer);
  return (
    <>
      <p className="back-link-wrap">
        <Link to="/staff/loop">{t("back_to_queues")}</Link>
      </p>
      <ErrorSummary errors={summary} />
      <h1>{t("new.title")}</h1>
      <p>{forum ? t("new.intro_forum") : t("new.intro_survey")}</p>
      {evidence ? (
        <section aria-labelledby="evidence-title" className="inset">
          <h2 id="evidence-title">{t("new.evidence_title")}</h2>
          <p>{phrase("new.evidence_survey", { survey: evidence.survey })}</p>
          {evidence.kind === "comments" ? (
            <>
              <p>{phrase("new.evidence_comments", { number: evidence.comments.length })}</p>
              <CommentCards comments={evidence.comments} />
            </>
          ) : (
            <p>{phrase("new.evidence_filter", { number: evidence.families })}</p>
          )}
        </section>
      ) : null}
      {choices.leadServices.length === 0 ? (
        <p className="inset">{t("new.no_services")}</p>
      ) : (
        <StaffForm noValidate className="narrow-form">
          {evidence ? <input type="hidden" name="evidence" value={evidence.query} /> : null}
          <DraftFields form={FORM} choices={choices} values={answer?.values ?? values} errorOf={errorOf} forum={forum} />
          <button type="submit" className="button">
            {t("new.submit")}
          </button>
        </StaffForm>
      )}
    </>
  );
}
