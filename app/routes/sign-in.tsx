import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "~/db.server";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { createSession, getOptionalStaffSession } from "~/auth/session.server";
import { verifyCredentials } from "~/auth/users.server";
import { ErrorSummary, TextField } from "~/ui/forms";

const SignInSchema = z.object({
  email: z.string().trim().min(1, "email_required").max(320),
  password: z.string().min(1, "password_required").max(1000),
});

/** Only a path on this site: never an open redirect to somewhere else. */
function safeRedirect(to: FormDataEntryValue | string | null): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return "/staff";
  return to;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (await getOptionalStaffSession(request)) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  const t = getFixedT(languageFromRequest(request), "staff");
  return json({ pageTitle: t("sign_in.title"), redirectTo: safeRedirect(url.searchParams.get("redirectTo")), signedOut: url.searchParams.has("signed-out") });
}

export async function action({ request }: ActionFunctionArgs) {
  // A sign-in form posted from another site is refused (login CSRF).
  const origin = request.headers.get("Origin");
  if (origin && origin !== new URL(request.url).origin) throw json({ reason: "csrf" }, { status: 403 });
  const form = await request.formData();
  const redirectTo = safeRedirect(form.get("redirectTo"));
  const email = String(form.get("email") ?? "").slice(0, 320);
  const parsed = SignInSchema.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "" });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return json({ errors, email }, { status: 400 });
  }
  const db = getDb();
  const user = await verifyCredentials(db, parsed.data.email, parsed.data.password);
  if (!user) return json({ errors: { email: "wrong" } as Record<string, string>, email }, { status: 400 });
  const { cookie } = await createSession(db, user.id);
  return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
}

export default function SignIn() {
  const { redirectTo, signedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = actionData?.errors ?? {};
  // i18n-dynamic: staff:sign_in.errors.
  const message = (field: string) => (errors[field] ? t(`sign_in.errors.${errors[field]}`) : undefined);
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
        <TextField
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          label={t("sign_in.password")}
          value=""
          error={message("password")}
        />
        <button type="submit" className="button">
          {t("sign_in.submit")}
        </button>
      </Form>
    </>
  );
}
