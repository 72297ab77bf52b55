import { json, redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "@db/schema";
import { safeRedirect } from "./redirect";
import { clearSessionCookie, createSession, destroySession, requireStaffForm } from "./session.server";
import { signInThrottle, type SignInThrottle } from "./throttle";
import { normaliseEmail, verifyCredentials } from "./users.server";

const SignInSchema = z.object({
  email: z.string().trim().min(1, "email_required").max(320, "wrong"),
  password: z.string().min(1, "password_required").max(1000, "wrong"),
});

type SignInErrors = Record<string, string>;

/**
 * The sign-in form's action: a session and a redirect (only ever to a path on this
 * site), or the errors with the email typed (never the password). `cookieSecure` is
 * `env.COOKIE_SECURE`.
 */
export async function signInAction(db: Kysely<Database>, request: Request, cookieSecure: boolean, throttle: SignInThrottle = signInThrottle) {
  // A sign-in form posted from another site is refused (login CSRF).
  const origin = request.headers.get("Origin");
  if (origin && origin !== new URL(request.url).origin) throw json({ reason: "csrf" }, { status: 403 });
  const form = await request.formData();
  const redirectTo = safeRedirect(form.get("redirectTo"));
  const rawEmail = form.get("email");
  const email = typeof rawEmail === "string" ? rawEmail.slice(0, 320) : "";
  const parsed = SignInSchema.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) {
    const errors: SignInErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return json({ errors, email }, { status: 400 });
  }
  const key = normaliseEmail(parsed.data.email);
  if (throttle.isLocked(key)) return json({ errors: { email: "throttled" } as SignInErrors, email }, { status: 429 });
  const user = await verifyCredentials(db, parsed.data.email, parsed.data.password);
  if (!user) {
    throttle.recordFailure(key);
    return json({ errors: { email: "wrong" } as SignInErrors, email }, { status: 400 });
  }
  throttle.recordSuccess(key);
  const { cookie } = await createSession(db, user.id, cookieSecure);
  return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
}

/** Signing out is a post with the CSRF token, so another site cannot sign staff out. */
export async function signOutAction(db: Kysely<Database>, request: Request, cookieSecure: boolean) {
  await requireStaffForm(db, request.clone(), "home");
  await destroySession(db, request);
  return redirect("/sign-in?signed-out", { headers: { "Set-Cookie": clearSessionCookie(cookieSecure) } });
}
