import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import {
  createServiceAction,
  editServiceAction,
  editServicePage,
  newServicePage,
  servicesListPage,
} from "~/admin/service-pages.server";
import { createTestDb } from "../support/db";
import { makeStaff } from "../support/staff";
import { makeServices, settle } from "../support/admin";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let council: number;
let health: number;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  ({ organisationId: council } = await makeServices(db, ["senar-north"], { en: "Council", ur: "کونسل" }));
  ({ organisationId: health } = await makeServices(db, ["slt"], { en: "Health", ur: "صحت" }));
});
afterEach(async () => cleanup());

const BASE = "http://localhost";

const newService = (overrides: Record<string, string> = {}): [string, string][] =>
  Object.entries({ organisation: String(health), slug: "cat-team", name_en: "Communication and Autism Team", name_ur: "کمیونیکیشن اور آٹزم ٹیم", locality: "city_wide", ...overrides });

async function flashOf(userId: number) {
  const row = await db.selectFrom("sessions").select("flash").where("user_id", "=", userId).executeTakeFirstOrThrow();
  return row.flash ? JSON.parse(row.flash) : null;
}

describe("services", () => {
  it("lists services grouped by organisation, named in the page's language", async () => {
    const admin = await makeStaff(db, "admin");
    const body = await (await settle(servicesListPage(db, admin.get(`${BASE}/staff/services?lng=ur`)))).json();
    expect(body.pageTitle).toBe("سروسز");
    expect(body.groups).toEqual([
      { organisation: "کونسل", services: [expect.objectContaining({ slug: "senar-north", name_en: "Service senar-north", name_ur: "سروس senar-north", locality: null })] },
      { organisation: "صحت", services: [expect.objectContaining({ slug: "slt" })] },
    ]);
  });

  it("is only for admins", async () => {
    for (const role of ["pcf", "board", "service_lead"] as const) {
      const someone = await makeStaff(db, role);
      expect((await settle(servicesListPage(db, someone.get(`${BASE}/staff/services`)))).status, role).toBe(403);
      expect((await settle(newServicePage(db, someone.get(`${BASE}/staff/services/new`)))).status, role).toBe(403);
      expect((await settle(createServiceAction(db, someone.post(`${BASE}/staff/services/new`, newService())))).status, role).toBe(403);
    }
    expect(await db.selectFrom("services").select("id").where("slug", "=", "cat-team").execute()).toEqual([]);
  });

  it("adds a service with both names and a locality", async () => {
    const admin = await makeStaff(db, "admin");
    const res = await settle(createServiceAction(db, admin.post(`${BASE}/staff/services/new`, newService())));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/staff/services");
    expect(await flashOf(admin.id)).toEqual({ key: "admin:services.flash.created", values: { name: "\u2068Communication and Autism Team\u2069" } });
    expect(await db.selectFrom("services").select(["organisation_id", "name_en", "name_ur", "locality"]).where("slug", "=", "cat-team").executeTakeFirst()).toEqual({
      organisation_id: health,
      name_en: "Communication and Autism Team",
      name_ur: "کمیونیکیشن اور آٹزم ٹیم",
      locality: "city_wide",
    });
  });

  it("re-shows the form with the values kept when a name is missing or the slug is taken", async () => {
    const admin = await makeStaff(db, "admin");
    const missing = await settle(createServiceAction(db, admin.post(`${BASE}/staff/services/new`, newService({ name_ur: " " }))));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errors: { name_ur: "name_ur_required" }, values: Object.fromEntries(newService({ name_ur: " " })) });

    const taken = await settle(createServiceAction(db, admin.post(`${BASE}/staff/services/new`, newService({ slug: "slt" }))));
    expect(taken.status).toBe(400);
    expect((await taken.json()).errors).toEqual({ slug: "slug_taken" });

    const noOrg = await settle(createServiceAction(db, admin.post(`${BASE}/staff/services/new`, newService({ organisation: "99999" }))));
    expect((await noOrg.json()).errors).toEqual({ organisation: "organisation_required" });
    expect(await db.selectFrom("services").select("id").where("slug", "=", "cat-team").execute()).toEqual([]);
  });

  it("changes a service's organisation, names and locality, but never its slug", async () => {
    const admin = await makeStaff(db, "admin");
    const service = await db.selectFrom("services").select("id").where("slug", "=", "senar-north").executeTakeFirstOrThrow();
    const url = `${BASE}/staff/services/${service.id}`;
    const page = await (await settle(editServicePage(db, admin.get(url), String(service.id)))).json();
    expect(page.values).toEqual({ organisation: String(council), slug: "senar-north", name_en: "Service senar-north", name_ur: "سروس senar-north", locality: "none" });

    const res = await settle(
      editServiceAction(
        db,
        admin.post(url, [["organisation", String(council)], ["slug", "hijacked"], ["name_en", "SENAR North"], ["name_ur", "SENAR نارتھ"], ["locality", "north"]]),
        String(service.id),
      ),
    );
    expect(res.status).toBe(302);
    expect(await db.selectFrom("services").select(["slug", "name_en", "name_ur", "locality"]).where("id", "=", service.id).executeTakeFirst()).toEqual({
      slug: "senar-north",
      name_en: "SENAR North",
      name_ur: "SENAR نارتھ",
      locality: "north",
    });
  });

  it("answers 404 for an unknown service and 403 without the CSRF token", async () => {
    const admin = await makeStaff(db, "admin");
    expect((await settle(editServicePage(db, admin.get(`${BASE}/staff/services/99999`), "99999"))).status).toBe(404);
    expect((await settle(editServiceAction(db, admin.post(`${BASE}/staff/services/abc`, newService()), "abc"))).status).toBe(404);
    const service = await db.selectFrom("services").select("id").where("slug", "=", "slt").executeTakeFirstOrThrow();
    const refused = await settle(editServiceAction(db, admin.post(`${BASE}/staff/services/${service.id}`, newService({ name_en: "Changed" }), { csrf: false }), String(service.id)));
    expect(refused.status).toBe(403);
    expect(await db.selectFrom("services").select("name_en").where("id", "=", service.id).executeTakeFirst()).toEqual({ name_en: "Service slt" });
  });
});
