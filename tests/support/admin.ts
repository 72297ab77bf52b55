import type { Kysely } from "kysely";
import type { Database } from "@db/schema";

/** A loader's or action's Response, whether it was returned or thrown (redirects, 403, 404). */
export async function settle(result: Promise<unknown>): Promise<Response> {
  let value: unknown;
  try {
    value = await result;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  if (value instanceof Response) return value;
  throw new Error(`Expected a Response, got ${JSON.stringify(value)}`);
}

let serial = 0;

/** An organisation with services named by slug; returns their ids by slug. */
export async function makeServices(db: Kysely<Database>, slugs: string[], orgName = { en: "Council", ur: "کونسل" }) {
  serial++;
  const org = await db
    .insertInto("organisations")
    .values({ slug: `admin-org-${serial}`, kind: "local_authority", name_en: orgName.en, name_ur: orgName.ur })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ids: Record<string, number> = {};
  for (const slug of slugs) {
    const row = await db
      .insertInto("services")
      .values({ slug, organisation_id: org.id, locality: null, name_en: `Service ${slug}`, name_ur: `سروس ${slug}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids[slug] = row.id;
  }
  return { organisationId: org.id, ids };
}
