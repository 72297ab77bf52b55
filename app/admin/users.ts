import { z } from "zod";
import { ROLES, type Role } from "@db/schema";
import { isServiceRole } from "~/auth/permissions";
import { allStrings, fieldErrors, str, type FieldErrors } from "./form-helpers";

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 200;
const MAX_NAME_LENGTH = 200;
const MAX_EMAIL_LENGTH = 320;
// Deliberately loose: one @, something on each side, a dot in the domain. The real
// check is that the person can sign in with it.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const PasswordSchema = z
  .string()
  .min(1, "password_required")
  .min(MIN_PASSWORD_LENGTH, "password_too_short")
  .max(MAX_PASSWORD_LENGTH, "password_too_long");

const UserFieldsSchema = z.object({
  name: z.string().trim().min(1, "name_required").max(MAX_NAME_LENGTH, "name_too_long"),
  role: z.enum(ROLES, "role_required"),
  services: z
    .array(z.string().regex(/^\d{1,12}$/, "services_unknown"))
    .max(500, "services_unknown")
    .transform((ids) => [...new Set(ids.map(Number))]),
});

export const UserCreateSchema = UserFieldsSchema.extend({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "email_required")
    .max(MAX_EMAIL_LENGTH, "email_too_long")
    .regex(EMAIL_PATTERN, "email_invalid"),
  password: PasswordSchema,
});
export type UserCreate = z.output<typeof UserCreateSchema>;

export const UserEditSchema = UserFieldsSchema;
export type UserEdit = z.output<typeof UserEditSchema>;

/** What the form shows again after an error: everything typed except a password. */
export interface UserFormValues {
  name: string;
  email: string;
  role: string;
  services: string[];
}

export function userFormValues(form: FormData): UserFormValues {
  return {
    name: str(form, "name").slice(0, MAX_NAME_LENGTH * 2),
    email: str(form, "email").slice(0, MAX_EMAIL_LENGTH * 2),
    role: str(form, "role"),
    services: allStrings(form, "services"),
  };
}

/** Service staff belong to at least one service; nobody else belongs to any. */
export function serviceProblem(role: Role, serviceIds: readonly unknown[]): "services_required" | "services_not_allowed" | null {
  if (isServiceRole(role)) return serviceIds.length === 0 ? "services_required" : null;
  return serviceIds.length > 0 ? "services_not_allowed" : null;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Parses a user form once with `schema`, then checks the services against the role,
 * so every problem shows at once (a refinement would wait for the other fields).
 */
export function parseUserForm<S extends typeof UserCreateSchema | typeof UserEditSchema>(
  schema: S,
  form: FormData,
): Parsed<z.output<S>> {
  const raw = { ...userFormValues(form), password: form.get("password") ?? "" };
  const parsed = schema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const role = (ROLES as readonly string[]).includes(raw.role) ? (raw.role as Role) : null;
  if (role && !errors.services) {
    const ids = parsed.success ? parsed.data.services : raw.services;
    const problem = serviceProblem(role, ids);
    if (problem) errors.services = problem;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: parsed.data as z.output<S> };
}

export interface AccountState {
  id: number;
  role: Role;
  active: boolean;
}

/**
 * Why an admin may not give `target` the role `newRole`, or null. Nobody changes their
 * own role (they could lock themselves out), and the last active admin stays an admin.
 */
export function roleChangeProblem(
  actorId: number,
  target: AccountState,
  newRole: Role,
  activeAdmins: number,
): "own_role" | "last_admin" | null {
  if (newRole === target.role) return null;
  if (target.id === actorId) return "own_role";
  if (target.role === "admin" && target.active && activeAdmins <= 1) return "last_admin";
  return null;
}

/** Why an admin may not deactivate `target`, or null: not themselves, never the last active admin. */
export function deactivationProblem(
  actorId: number,
  target: AccountState,
  activeAdmins: number,
): "deactivate_self" | "last_admin" | null {
  if (target.id === actorId) return "deactivate_self";
  if (target.role === "admin" && target.active && activeAdmins <= 1) return "last_admin";
  return null;
}
