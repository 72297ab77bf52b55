import crypto from "node:crypto";
import { json, redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { readCookie, serializeCookie } from "~/http/cookies";
import { canEnter, canWorkOnServices, type Area, type StaffUser } from "./permissions";

type Db = Kysely<Database>;

export const SESSION_COOKIE = "sd_session";
const SESSION_DAYS = 7;
export const CSRF_FIELD = "csrf";

function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/**
 * Starts a session: a random token in the cookie, only its hash in the database.
 * `cookieSecure` is `env.COOKIE_SECURE`.
 */
export async function createSession(db: Db, userId: number, cookieSecure: boolean, now = new Date()): Promise<{ cookie: string; token: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db
    .insertInto("sessions")
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: crypto.randomBytes(24).toString("base64url"),
      flash: null,
      created_at: now.toISOString(),
      expires_at: expires.toISOString(),
    })
    .execute();
  return { token, cookie: serializeCookie(SESSION_COOKIE, token, { maxAge: SESSION_DAYS * 86_400, secure: cookieSecure }) };
}

export function clearSessionCookie(cookieSecure: boolean): string {
  return serializeCookie(SESSION_COOKIE, "", { maxAge: 0, secure: cookieSecure });
}

export interface StaffSession {
  id: string;
  csrfToken: string;
  user: StaffUser;
}

export async function getOptionalStaffSession(db: Db, request: Request): Promise<StaffSession | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["sessions.id", "sessions.csrf_token", "sessions.expires_at", "users.id as user_id", "users.email", "users.name", "users.role", "users.active"])
    .where("sessions.id", "=", sha256(token))
    .executeTakeFirst();
  if (!row || !row.active || row.expires_at <= new Date().toISOString()) return null;
  const services = await db.selectFrom("user_services").select("service_id").where("user_id", "=", row.user_id).execute();
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    user: { id: row.user_id, email: row.email, name: row.name, role: row.role, serviceIds: services.map((s) => s.service_id) },
  };
}

function signInRedirect(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function forbidden(): never {
  throw json({ reason: "forbidden" }, { status: 403 });
}

/**
 * The signed-in staff member, or a redirect to sign-in; a 403 when their role may not
 * enter `area`. Every staff loader and action starts here.
 */
export async function requireStaffSession(db: Db, request: Request, area: Area = "home"): Promise<StaffSession> {
  const session = await getOptionalStaffSession(db, request);
  if (!session) signInRedirect(request);
  if (!canEnter(session.user, area)) forbidden();
  return session;
}

export async function requireStaffUser(db: Db, request: Request, area: Area = "home"): Promise<StaffUser> {
  return (await requireStaffSession(db, request, area)).user;
}

/** A 403 unless the user may work on something of these services (changing an id in a URL gets here). */
export function requireServiceAccess(user: StaffUser, serviceIds: readonly number[]): void {
  if (!canWorkOnServices(user, serviceIds)) forbidden();
}

/**
 * For every staff action: the session and a form whose CSRF token matches the
 * session's. A mismatch is a 403 and nothing changes.
 */
export async function requireStaffForm(
  db: Db,
  request: Request,
  area: Area = "home",
): Promise<{ session: StaffSession; user: StaffUser; form: FormData }> {
  const session = await requireStaffSession(db, request, area);
  const form = await request.formData();
  const posted = form.get(CSRF_FIELD);
  if (typeof posted !== "string" || !safeEqual(posted, session.csrfToken)) {
    throw json({ reason: "csrf" }, { status: 403 });
  }
  return { session, user: session.user, form };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A one-time confirmation (a translation key and its values) for the next staff page. */
export interface Flash {
  key: string;
  values?: Record<string, string | number>;
}

export async function setFlash(db: Db, sessionId: string, flash: Flash): Promise<void> {
  await db.updateTable("sessions").set({ flash: JSON.stringify(flash) }).where("id", "=", sessionId).execute();
}

export async function popFlash(db: Db, sessionId: string): Promise<Flash | null> {
  const row = await db.selectFrom("sessions").select("flash").where("id", "=", sessionId).executeTakeFirst();
  if (!row?.flash) return null;
  await db.updateTable("sessions").set({ flash: null }).where("id", "=", sessionId).execute();
  try {
    return JSON.parse(row.flash) as Flash;
  } catch {
    return null;
  }
}

/** Redirects after a successful staff action, with a confirmation for the next page. */
export async function redirectWithFlash(db: Db, session: StaffSession, to: string, flash: Flash): Promise<never> {
  await setFlash(db, session.id, flash);
  throw redirect(to);
}

export async function destroySession(db: Db, request: Request): Promise<void> {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) await db.deleteFrom("sessions").where("id", "=", sha256(token)).execute();
}

/** Ends every session of a user (deactivated, or given a new password), except `keepSessionId`. */
export async function endSessionsOf(db: Db, userId: number, keepSessionId?: string): Promise<void> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) query = query.where("id", "!=", keepSessionId);
  await query.execute();
}
