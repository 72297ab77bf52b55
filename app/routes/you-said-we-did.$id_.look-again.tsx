import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { TEXT_MAX } from "~/loop/loop-states";
import { publicEntryOr404, recordLookAgain } from "~/loop/public.server";
import { entryView } from "~/loop/public-view.server";
import { PublicEntryCard, entryPath } from "~/loop/ui/PublicEntry";
import { publicLoopLinks } from "~/loop/ui/public-styles";
import { formRefusalMessage } from "~/rate-limit/messages";
import { POLICIES } from "~/rate-limit/policies";
import { refusalInit } from "~/rate-limit/responses.server";
import { hitForClient } from "~/rate-limit/store.server";
import { ErrorPage } from "~/ui/ErrorPage";
import { ErrorSummary, TextField } from "~/ui/forms";
import { retryAfterFromAction } from "~/rate-limit/headers";

// A family asks for a published "We did" to be looked at again, with a reason: it goes
// to the Parent Carer Forum's queue, with nothing about who asked.

const LookAgainSchema = z.object({
  reason: z.string().trim().min(1, "reason_missing").max(TEXT_MAX, "reason_too_long"),
});

// A refused form answers 429 with Retry-After, with or without JavaScript.
export const headers = retryAfterFromAction;

export const links = publicLoopLinks;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const entry = await publicEntryOr404(db, params.id, env.SUPPRESSION_THRESHOLD, { rateable: true });
  const lng = languageFromRequest(request);
  return json({ pageTitle: getFixedT(lng, "yswd")("look_again.title"), entry: entryView(entry, lng) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, env } = context;
  const entry = await publicEntryOr404(db, params.id, env.SUPPRESSION_THRESHOLD, { rateable: true });
  const lng = languageFromRequest(request);
  const form = await request.formData();
  const reason = String(form.get("reason") ?? "");
  const parsed = LookAgainSchema.safeParse({ reason });
  if (!parsed.success) {
    // i18n-dynamic: yswd:look_again.errors.
    const code = parsed.error.issues[0]?.message ?? "reason_missing";
    const t = getFixedT(lng, "yswd");
    return json(
      { errors: { reason: t(`look_again.errors.${code}`, { max: TEXT_MAX.toLocaleString("en-GB") }) }, values: { reason } },
      { status: 400 }
    );
  }
  const limit = await hitForClient(context, POLICIES.lookAgainPerIp);
  if (!limit.allowed) {
    return json({ errors: { reason: formRefusalMessage(getFixedT(lng), limit.retryAfterSeconds) }, values: { reason } }, refusalInit(limit));
  }
  await recordLookAgain(db, entry.id, parsed.data.reason, lng);
  return redirect(`${entryPath(entry.id)}/look-again/sent`);
}

export default function LookAgain() {
  const { entry } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("yswd");
  const error = actionData?.errors.reason;
  return (
    <>
      <p className="back-link-wrap">
        <Link to={entryPath(entry.id)}>{t("look_again.back")}</Link>
      </p>
      <ErrorSummary errors={error ? [{ href: "reason", text: error }] : []} />
      <h1>{t("look_again.title")}</h1>
      <p>{t("look_again.intro")}</p>
      <PublicEntryCard entry={entry} level={2} showService />
      <Form method="post" className="narrow-form yswd-look-again">
        <TextField
          id="reason"
          name="reason"
          label={t("look_again.reason_label")}
          hint={t("look_again.reason_hint")}
          limitHint={t("look_again.limit", { max: TEXT_MAX.toLocaleString("en-GB") })}
          multiline
          rows={6}
          error={error}
          value={actionData?.values.reason ?? ""}
        />
        <button type="submit" className="button">
          {t("look_again.submit")}
        </button>
      </Form>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
