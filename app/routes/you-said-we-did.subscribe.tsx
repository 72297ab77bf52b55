import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "@db/schema";
import { getDb } from "~/db.server";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { EMAIL_MAX, SubscribeSchema, listSubscribableServices, requestSubscription } from "~/loop/subscriptions.server";
import { ErrorPage } from "~/ui/ErrorPage";
import { ChoiceField, ErrorSummary, TextField } from "~/ui/forms";

// Families ask for an email when entries are published: for every service or one.
// The address is kept apart from any survey answer.

export async function loader({ request }: LoaderFunctionArgs) {
  const lng = languageFromRequest(request);
  const services = await listSubscribableServices(getDb());
  const organisations = new Map<number, { label: string; services: { value: string; label: string }[] }>();
  for (const s of services) {
    const group = organisations.get(s.organisation_id) ?? { label: lng === "ur" ? s.organisation_ur : s.organisation_en, services: [] };
    group.services.push({ value: String(s.id), label: pick(s, "name", lng) });
    organisations.set(s.organisation_id, group);
  }
  return json({ pageTitle: getFixedT(lng, "yswd")("subscribe.title"), lng, groups: [...organisations.values()] });
}

type Field = "email" | "language" | "service";

export async function action({ request }: ActionFunctionArgs) {
  const lng = languageFromRequest(request);
  const form = await request.formData();
  const values = {
    email: String(form.get("email") ?? "").slice(0, EMAIL_MAX * 4),
    language: String(form.get("language") ?? ""),
    service: String(form.get("service") ?? ""),
  };
  const parsed = SubscribeSchema.safeParse(values);
  const errors: Partial<Record<Field, string>> = {};
  const t = getFixedT(lng, "yswd");
  // i18n-dynamic: yswd:subscribe.errors.
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      errors[field] ??= t(`subscribe.errors.${issue.message}`, { max: EMAIL_MAX });
    }
  }
  const serviceId = parsed.success && parsed.data.service !== "all" ? Number(parsed.data.service) : null;
  if (parsed.success && serviceId !== null) {
    const known = (await listSubscribableServices(getDb())).some((s) => s.id === serviceId);
    if (!known) errors.service = t("subscribe.errors.service_missing");
  }
  if (!parsed.success || Object.keys(errors).length) return json({ errors, values }, { status: 400 });
  await requestSubscription(getDb(), { email: parsed.data.email, language: parsed.data.language, serviceId });
  return redirect("/you-said-we-did/subscribe/sent");
}

export default function Subscribe() {
  const { groups, lng } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("yswd");
  const errors: Partial<Record<Field, string>> = actionData?.errors ?? {};
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
