import { json, redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "@db/schema";
import { POLICIES, ipSubject, retryAfterHeaders, waitMinutes } from "~/rate-limit/policies";
import { hitPolicy, peekPolicy, resetPolicy, type ClientLimits, type RateLimitResult } from "~/rate-limit/store.server";
import { passwordHashGate, type HashGate } from "./hash-gate.server";
import { safeRedirect } from "./redirect";
import { clearSessionCookie, createSession, destroySession, requireStaffForm } from "./session.server";
import { normaliseEmail, verifyCredentials } from "./users.server";

const SignInSchema = z.object({
  email: z.string().trim().min(1, "email_required").max(320, "wrong"),
  password: z.string().min(1, "password_required").max(1000, "wrong"),
});

type SignInErrors = Record<string, string>;

/** Where a sign-in comes from and the limits' settings (from the load context). */
export interface SignInLimits extends ClientLimits {
  /** The process's password-check gate; a test may hand its own. */
  gate?: HashGate;
  now?: Date;
}

/** A busy gate asks for a retry soon; its message says "wait a minute". */
const BUSY_RETRY_SECONDS = 60;

/** The form again with the email typed, a 429 and Retry-After; `wait` is the minutes the message gives. */
function refused(code: "too_many" | "busy", email: string, retryAfterSeconds: number) {
  return json(
    { errors: { email: code } as SignInErrors, email, wait: waitMinutes(retryAfterSeconds) },
    { status: 429, headers: retryAfterHeaders(retryAfterSeconds) },
  );
}

/**
 * The sign-in form's action: a session and a redirect (only ever to a path on this
 * site), or the errors with the email typed (never the password). `cookieSecure` is
 * `env.COOKIE_SECURE`.
 *
 * Rate limits (app/rate-limit/policies.ts), checked before any password is verified so a
 * flood costs no scrypt: wrong passwords from the client's IP range, and for this address
 * from that range. The second is keyed with the IP, so guesses from elsewhere never lock
 * the real person out. At most a few verifications run at once (hash-gate.server.ts).
 */
export async function signInAction(
  db: Kysely<Database>,
  request: Request,
  cookieSecure: boolean,
  { clientIp, factor, gate = passwordHashGate, now = new Date() }: SignInLimits,
) {
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
  const ip = [ipSubject(clientIp)];
  const addressAndIp = [normaliseEmail(parsed.data.email), ...ip];
  const settings = { factor, now };
  let limit: RateLimitResult = await peekPolicy(db, POLICIES.signInFailuresPerIp, ip, settings);
  if (limit.allowed) limit = await peekPolicy(db, POLICIES.signInFailuresPerAddressAndIp, addressAndIp, settings);
  if (!limit.allowed) return refused("too_many", email, limit.retryAfterSeconds);

  const checked = await gate.run(() => verifyCredentials(db, parsed.data.email, parsed.data.password));
  if (!checked.admitted) return refused("busy", email, BUSY_RETRY_SECONDS);
  const user = checked.value;
  if (!user) {
    await hitPolicy(db, POLICIES.signInFailuresPerIp, ip, settings);
    await hitPolicy(db, POLICIES.signInFailuresPerAddressAndIp, addressAndIp, settings);
    return json({ errors: { email: "wrong" } as SignInErrors, email }, { status: 400 });
  }
  // The person is who they say: their earlier typos from here are forgotten (the IP's count is not).
  await resetPolicy(db, POLICIES.signInFailuresPerAddressAndIp, addressAndIp);
  const { cookie } = await createSession(db, user.id, cookieSecure);
  return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
}

/** Signing out is a post with the CSRF token, so another site cannot sign staff out. */
export async function signOutAction(db: Kysely<Database>, request: Request, cookieSecure: boolean) {
  await requireStaffForm(db, request.clone(), "home");
  await destroySession(db, request);
  return redirect("/sign-in?signed-out", { headers: { "Set-Cookie": clearSessionCookie(cookieSecure) } });
}
