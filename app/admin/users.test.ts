import { describe, expect, it } from "vitest";
import { UserCreateSchema, UserEditSchema, deactivationProblem, parseUserForm, roleChangeProblem, serviceProblem } from "./users";

function form(fields: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

const valid: [string, string][] = [
  ["name", "  Sam Patel "],
  ["email", " Sam.Patel@Example.ORG "],
  ["role", "service_member"],
  ["services", "3"],
  ["services", "3"],
  ["services", "7"],
  ["password", "a long enough one"],
];

describe("user form", () => {
  it("trims the name, lower-cases the email and keeps each service once", () => {
    const parsed = parseUserForm(UserCreateSchema, form(valid));
    expect(parsed).toEqual({
      ok: true,
      data: { name: "Sam Patel", email: "sam.patel@example.org", role: "service_member", services: [3, 7], password: "a long enough one" },
    });
  });

  it("reports every problem at once, each as a code on its field", () => {
    const parsed = parseUserForm(UserCreateSchema, form([["name", " "], ["email", "not-an-email"], ["role", "service_lead"], ["password", "short"]]));
    expect(parsed).toEqual({
      ok: false,
      errors: { name: "name_required", email: "email_invalid", services: "services_required", password: "password_too_short" },
    });
  });

  it("asks for a role, an email and a password when they are missing", () => {
    const parsed = parseUserForm(UserCreateSchema, form([["name", "A"]]));
    expect(parsed).toEqual({ ok: false, errors: { email: "email_required", role: "role_required", password: "password_required" } });
  });

  it("refuses an unknown role, services for a role without any, and an oversized password", () => {
    expect(parseUserForm(UserEditSchema, form([["name", "A"], ["role", "superuser"]]))).toEqual({ ok: false, errors: { role: "role_required" } });
    expect(parseUserForm(UserEditSchema, form([["name", "A"], ["role", "board"], ["services", "1"]]))).toEqual({
      ok: false,
      errors: { services: "services_not_allowed" },
    });
    expect(parseUserForm(UserEditSchema, form([["name", "A"], ["role", "admin"], ["services", "x"]]))).toEqual({
      ok: false,
      errors: { services: "services_unknown" },
    });
    const long = parseUserForm(UserCreateSchema, form([...valid.filter(([k]) => k !== "password"), ["password", "x".repeat(201)]]));
    expect(long).toEqual({ ok: false, errors: { password: "password_too_long" } });
  });

  it("does not change a password: spaces are part of it", () => {
    const parsed = parseUserForm(UserCreateSchema, form([...valid.filter(([k]) => k !== "password"), ["password", "  twelve chars  "]]));
    expect(parsed.ok && parsed.data.password).toBe("  twelve chars  ");
  });
});

describe("account rules", () => {
  it("ties services to service roles only", () => {
    expect(serviceProblem("service_lead", [])).toBe("services_required");
    expect(serviceProblem("service_member", [1])).toBeNull();
    expect(serviceProblem("admin", [])).toBeNull();
    expect(serviceProblem("pcf", [1])).toBe("services_not_allowed");
  });

  const admin = { id: 1, role: "admin" as const, active: true };
  const otherAdmin = { id: 2, role: "admin" as const, active: true };
  const member = { id: 3, role: "service_member" as const, active: true };

  it("never lets an admin change their own role, nor demote the last active admin", () => {
    expect(roleChangeProblem(1, admin, "admin", 1)).toBeNull();
    expect(roleChangeProblem(1, admin, "board", 2)).toBe("own_role");
    expect(roleChangeProblem(1, otherAdmin, "board", 2)).toBeNull();
    expect(roleChangeProblem(1, otherAdmin, "board", 1)).toBe("last_admin");
    expect(roleChangeProblem(1, member, "service_lead", 1)).toBeNull();
  });

  it("never lets an admin deactivate themselves, nor the last active admin", () => {
    expect(deactivationProblem(1, admin, 2)).toBe("deactivate_self");
    expect(deactivationProblem(1, otherAdmin, 1)).toBe("last_admin");
    expect(deactivationProblem(1, otherAdmin, 2)).toBeNull();
    expect(deactivationProblem(1, member, 1)).toBeNull();
  });
});
