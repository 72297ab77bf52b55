import type { Kysely } from "kysely";

// Questions "about you" (ethnicity, the child's needs): within a group of 5 or more, their
// small answer counts are still hidden with a second one (DESIGN.md "Suppression";
// docs/decisions/017-suppression-across-cuts.md). Every other question shows them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("questions").addColumn("about_you", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("questions").dropColumn("about_you").execute();
}
