import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { safeRedirect } from "~/auth/redirect";
import { getOptionalStaffSession } from "~/auth/session.server";
import { signInAction } from "~/auth/sign-in.server";
import { PasswordField } from "~/admin/PasswordField";
import { ErrorSummary, TextField } from "~/ui/forms";
import { retryAfterFromAction } from "~/rate-limit/headers";
import { clientLimitsOf } from "~/rate-limit/store.server";

// A refused form answers 429 with Retry-After, with or without JavaScript.
export const headers = retryAfterFromAction;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (await getOptionalStaffSession(context.db, request)) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  const t = getFixedT(languageFromRequest(request), "staff");
  return json({ pageTitle: t("sign_in.title"), redirectTo: safeRedirect(url.searchParams.get("redirectTo")), signedOut: url.searchParams.has("signed-out") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return signInAction(context.db, request, context.env.COOKIE_SECURE, clientLimitsOf(context));
}

export default function SignIn() {
  const { redirectTo, signedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = actionData?.errors ?? {};
  // i18n-dynamic: staff:sign_in.errors.
  // A refusal (429) says how many minutes to wait.
  const wait = actionData && "wait" in actionData ? { count: actionData.wait } : undefined;
  const message = (field: string) => (errors[field] ? t(`sign_in.errors.${errors[field]}`, wait) : undefined);
  return (
    <>
      <ErrorSummary
        errors={Object.keys(errors).map((field) => ({ href: field, text: message(field) ?? "" }))}
      />
      {signedOut ? (
        <div className="notification" role="status">
          <p>{t("signed_out")}</p>
        </div>
      ) : null}
      <h1>{t("sign_in.title")}</h1>
      <p>{t("sign_in.intro")}</p>
      <Form method="post" noValidate className="narrow-form">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          label={t("sign_in.email")}
          value={actionData?.email ?? ""}
          error={message("email")}
        />
        <PasswordField autoComplete="current-password" label={t("sign_in.password")} error={message("password")} />
        <button type="submit" className="button">
          {t("sign_in.submit")}
        </button>
      </Form>
    </>
  );
}
