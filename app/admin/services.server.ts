import type { Kysely } from "kysely";
import type { Database, Locality } from "@db/schema";
import type { ServiceCreate, ServiceEdit } from "./services";

type Db = Kysely<Database>;

export interface ServiceRow {
  id: number;
  slug: string;
  organisation_id: number;
  locality: Locality | null;
  name_en: string;
  name_ur: string;
  organisation_name_en: string;
  organisation_name_ur: string;
}

/** Every service with its organisation's names, by organisation then service (English order). */
export async function listServices(db: Db): Promise<ServiceRow[]> {
  return db
    .selectFrom("services")
    .innerJoin("organisations", "organisations.id", "services.organisation_id")
    .select([
      "services.id",
      "services.slug",
      "services.organisation_id",
      "services.locality",
      "services.name_en",
      "services.name_ur",
      "organisations.name_en as organisation_name_en",
      "organisations.name_ur as organisation_name_ur",
    ])
    .orderBy("organisations.name_en")
    .orderBy("services.name_en")
    .execute();
}

/** The names of these services (a staff member's own), in English order. */
export async function listServiceNames(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("services").select(["id", "name_en", "name_ur"]).where("id", "in", [...ids]).orderBy("name_en").execute();
}

export async function findService(db: Db, id: number) {
  return db.selectFrom("services").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listOrganisations(db: Db) {
  return db.selectFrom("organisations").select(["id", "name_en", "name_ur"]).orderBy("name_en").execute();
}

async function organisationExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom("organisations").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

export type ServiceSaveError = { field: "organisation"; error: "organisation_required" } | { field: "slug"; error: "slug_taken" };

export async function createService(db: Db, input: ServiceCreate): Promise<{ id: number } | ServiceSaveError> {
  if (!(await organisationExists(db, input.organisation))) return { field: "organisation", error: "organisation_required" };
  if (await db.selectFrom("services").select("id").where("slug", "=", input.slug).executeTakeFirst()) {
    return { field: "slug", error: "slug_taken" };
  }
  const { id } = await db
    .insertInto("services")
    .values({ slug: input.slug, organisation_id: input.organisation, locality: input.locality, name_en: input.name_en, name_ur: input.name_ur })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}

/** The slug is a service's stable name in links and seeds: it never changes. */
export async function updateService(db: Db, id: number, input: ServiceEdit): Promise<{ id: number } | ServiceSaveError> {
  if (!(await organisationExists(db, input.organisation))) return { field: "organisation", error: "organisation_required" };
  await db
    .updateTable("services")
    .set({ organisation_id: input.organisation, locality: input.locality, name_en: input.name_en, name_ur: input.name_ur })
    .where("id", "=", id)
    .execute();
  return { id };
}
