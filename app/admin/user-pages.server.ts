// Loaders and actions of the staff account pages (admin only), taking the database
// first so tests drive them with real requests on their own SQLite file.
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "@db/schema";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { getFixedT, languageFromRequest, pick, type Language } from "~/i18n/i18n";
import { idParam, isolate, str, type FieldErrors } from "./form-helpers";
import { listServices } from "./services.server";
import {
  PasswordSchema,
  UserCreateSchema,
  UserEditSchema,
  deactivationProblem,
  parseUserForm,
  roleChangeProblem,
  userFormValues,
  type UserFormValues,
} from "./users";
import {
  countActiveAdmins,
  createUserAccount,
  findUserSummary,
  listUsers,
  resetUserPassword,
  servicesExist,
  setUserActive,
  updateUserAccount,
  type UserSummary,
} from "./users.server";

type Db = Kysely<Database>;

function notFound(): never {
  throw json({ reason: "not_found" }, { status: 404 });
}

function formError(errors: FieldErrors, values: UserFormValues) {
  return json({ errors, values }, { status: 400 });
}

async function serviceOptions(db: Db, lng: Language) {
  return (await listServices(db)).map((s) => ({ value: String(s.id), label: pick(s, "name", lng) }));
}

async function getUserOr404(db: Db, id: string | undefined): Promise<UserSummary> {
  const userId = idParam(id);
  const user = userId === undefined ? undefined : await findUserSummary(db, userId);
  return user ?? notFound();
}

export async function usersListPage(db: Db, request: Request) {
  await requireStaffUser(db, request, "users");
  const lng = languageFromRequest(request);
  const serviceNames = new Map((await listServices(db)).map((s) => [s.id, pick(s, "name", lng)]));
  const users = (await listUsers(db)).map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    active: u.active,
    services: u.serviceIds.map((id) => serviceNames.get(id) ?? ""),
  }));
  return json({ pageTitle: getFixedT(lng, "admin")("users.list.title"), users });
}

export async function newUserPage(db: Db, request: Request) {
  await requireStaffUser(db, request, "users");
  const lng = languageFromRequest(request);
  return json({ pageTitle: getFixedT(lng, "admin")("users.new.title"), services: await serviceOptions(db, lng) });
}

export async function createUserAction(db: Db, request: Request) {
  const { session, form } = await requireStaffForm(db, request, "users");
  const values = userFormValues(form);
  const parsed = parseUserForm(UserCreateSchema, form);
  if (!parsed.ok) return formError(parsed.errors, values);
  if (!(await servicesExist(db, parsed.data.services))) return formError({ services: "services_unknown" }, values);
  const created = await createUserAccount(db, parsed.data);
  if ("error" in created) return formError({ email: created.error }, values);
  return redirectWithFlash(db, session, "/staff/users", { key: "admin:users.flash.created", values: { name: isolate(parsed.data.name) } });
}

export async function editUserPage(db: Db, request: Request, id: string | undefined) {
  const actor = await requireStaffUser(db, request, "users");
  const lng = languageFromRequest(request);
  const user = await getUserOr404(db, id);
  return json({
    pageTitle: getFixedT(lng, "admin")("users.edit.title", { name: isolate(user.name) }),
    user: { id: user.id, name: user.name, email: user.email, role: user.role, active: user.active },
    values: { name: user.name, email: user.email, role: user.role, services: user.serviceIds.map(String) } satisfies UserFormValues,
    isSelf: user.id === actor.id,
    services: await serviceOptions(db, lng),
  });
}

const IntentSchema = z.enum(["save", "deactivate", "reactivate"]);

export async function editUserAction(db: Db, request: Request, id: string | undefined) {
  const { session, user: actor, form } = await requireStaffForm(db, request, "users");
  const target = await getUserOr404(db, id);
  const intent = IntentSchema.safeParse(str(form, "intent"));
  if (!intent.success) throw json({ reason: "bad_request" }, { status: 400 });
  const to = `/staff/users/${target.id}`;
  const flashValues = { name: isolate(target.name) };

  if (intent.data === "save") {
    const values = userFormValues(form);
    const parsed = parseUserForm(UserEditSchema, form);
    if (!parsed.ok) return formError(parsed.errors, values);
    if (!(await servicesExist(db, parsed.data.services))) return formError({ services: "services_unknown" }, values);
    const roleProblem = roleChangeProblem(actor.id, target, parsed.data.role, await countActiveAdmins(db));
    if (roleProblem) return formError({ role: roleProblem }, values);
    await updateUserAccount(db, target.id, parsed.data);
    return redirectWithFlash(db, session, "/staff/users", { key: "admin:users.flash.saved", values: { name: isolate(parsed.data.name) } });
  }

  if (intent.data === "deactivate") {
    const problem = deactivationProblem(actor.id, target, await countActiveAdmins(db));
    if (problem) {
      const current = { name: target.name, email: target.email, role: target.role, services: target.serviceIds.map(String) };
      return formError({ status: problem }, current);
    }
    await setUserActive(db, target.id, false);
    return redirectWithFlash(db, session, to, { key: "admin:users.flash.deactivated", values: flashValues });
  }

  await setUserActive(db, target.id, true);
  return redirectWithFlash(db, session, to, { key: "admin:users.flash.reactivated", values: flashValues });
}

export async function resetPasswordPage(db: Db, request: Request, id: string | undefined) {
  const actor = await requireStaffUser(db, request, "users");
  const user = await getUserOr404(db, id);
  const lng = languageFromRequest(request);
  return json({
    pageTitle: getFixedT(lng, "admin")("users.password.title", { name: isolate(user.name) }),
    user: { id: user.id, name: user.name, email: user.email },
    isSelf: user.id === actor.id,
  });
}

export async function resetPasswordAction(db: Db, request: Request, id: string | undefined) {
  const { session, user: actor, form } = await requireStaffForm(db, request, "users");
  const target = await getUserOr404(db, id);
  const parsed = PasswordSchema.safeParse(str(form, "password"));
  if (!parsed.success) return json({ errors: { password: parsed.error.issues[0].message } as FieldErrors }, { status: 400 });
  await resetUserPassword(db, target.id, parsed.data, target.id === actor.id ? session.id : undefined);
  return redirectWithFlash(db, session, `/staff/users/${target.id}`, {
    key: "admin:users.flash.password_reset",
    values: { name: isolate(target.name) },
  });
}
