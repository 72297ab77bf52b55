import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { LANGUAGES } from "@db/schema";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { readSubscribeForm, requestSubscription, subscribableServiceGroups, subscribeAllowance, type SubscribeField } from "~/loop/subscriptions.server";
import { formRefusalMessage } from "~/rate-limit/messages";
import { refusalInit } from "~/rate-limit/responses.server";
import { ErrorPage } from "~/ui/ErrorPage";
import { ChoiceField, ErrorSummary, TextField } from "~/ui/forms";
import { retryAfterFromAction } from "~/rate-limit/headers";
import { clientLimitsOf } from "~/rate-limit/store.server";

// Families ask for an email when entries are published: for every service or one.
// The address is kept apart from any survey answer.

// A refused form answers 429 with Retry-After, with or without JavaScript.
export const headers = retryAfterFromAction;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lng = languageFromRequest(request);
  return json({ pageTitle: getFixedT(lng, "yswd")("subscribe.title"), lng, groups: await subscribableServiceGroups(context.db, lng) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const lng = languageFromRequest(request);
  const { db, env } = context;
  const { values, errors, input } = await readSubscribeForm(db, await request.formData(), lng);
  if (!input) return json({ errors, values }, { status: 400 });
  const allowance = await subscribeAllowance(db, input, clientLimitsOf(context));
  if (allowance.kind === "refused") {
    const refusal: typeof errors = { email: formRefusalMessage(getFixedT(lng), allowance.retryAfterSeconds) };
    return json({ errors: refusal, values }, refusalInit(allowance));
  }
  // "quiet": this address had its confirmation today; the page is the same, no email goes.
  if (allowance.kind === "send") await requestSubscription(db, input, new Date(), env.PUBLIC_URL);
  return redirect("/you-said-we-did/subscribe/sent");
}

export default function Subscribe() {
  const { groups, lng } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("yswd");
  const errors: Partial<Record<SubscribeField, string>> = actionData?.errors ?? {};
  const values = actionData?.values ?? { email: "", language: lng, service: "all" };
  // i18n-dynamic: yswd:languages.
  const summary = (["email", "language", "service"] as const)
    .filter((f) => errors[f])
    .map((f) => ({ href: f === "language" ? "language" : f, text: errors[f]! }));
  return (
    <>
      <p className="back-link-wrap">
        <Link to="/you-said-we-did">{t("back_to_list")}</Link>
      </p>
      <ErrorSummary errors={summary} />
      <h1>{t("subscribe.title")}</h1>
      <p className="lead">{t("subscribe.intro")}</p>
      <p>{t("subscribe.privacy")}</p>
      <Form method="post" className="narrow-form" noValidate>
        <TextField
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          label={t("subscribe.email_label")}
          hint={t("subscribe.email_hint")}
          error={errors.email}
          value={values.email}
        />
        <ChoiceField
          id="language"
          name="language"
          label={t("subscribe.language_legend")}
          error={errors.language}
          selected={[values.language]}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        />
        <div className={`form-group${errors.service ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="service">
            {t("subscribe.service_label")}
          </label>
          <div className="hint" id="service-hint">
            {t("subscribe.service_hint")}
          </div>
          {errors.service ? (
            <p className="error-message" id="service-error">
              <span className="visually-hidden">{t("common:error_prefix")} </span>
              {errors.service}
            </p>
          ) : null}
          <select
            className="select"
            id="service"
            name="service"
            defaultValue={values.service || "all"}
            aria-describedby={errors.service ? "service-hint service-error" : "service-hint"}
          >
            <option value="all">{t("scope_all")}</option>
            {groups.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.services.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("subscribe.submit")}
        </button>
      </Form>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
