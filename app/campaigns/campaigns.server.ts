import { json } from "@remix-run/node";
import type { Kysely, Transaction } from "kysely";
import type { Campaign, Database, Service, SurveyVersion } from "@db/schema";
import { ownServices, type StaffUser } from "~/auth/permissions";
import { requireServiceAccess } from "~/auth/session.server";
import { isCampaignOpen } from "~/surveys/surveys.server";
import { countDeliveredSql } from "./delivered.server";
import { closesAtOf, opensAtOf, slugify, type CampaignDetails, type NewCampaign } from "./campaign-form";

type Db = Kysely<Database> | Transaction<Database>;

export interface CampaignDetail {
  campaign: Campaign;
  version: SurveyVersion;
  services: Service[];
}

/** A campaign as one staff member may see it: `scope` is the services they act for in it. */
export interface ScopedCampaign extends CampaignDetail {
  scope: number[];
}

export async function getCampaignById(db: Db, id: number): Promise<CampaignDetail | undefined> {
  const campaign = await db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirst();
  if (!campaign) return undefined;
  const version = await db.selectFrom("survey_versions").selectAll().where("id", "=", campaign.survey_version_id).executeTakeFirstOrThrow();
  const services = await db
    .selectFrom("campaign_services")
    .innerJoin("services", "services.id", "campaign_services.service_id")
    .selectAll("services")
    .where("campaign_services.campaign_id", "=", id)
    .orderBy("services.name_en")
    .execute();
  return { campaign, version, services };
}

/**
 * The campaign an id in a URL names, for this user: a 404 for an unknown or malformed
 * id, a 403 when none of its services is theirs (an admin may open every campaign).
 */
export async function requireCampaignForUser(db: Db, user: StaffUser, idParam: string | undefined): Promise<ScopedCampaign> {
  const id = Number(idParam);
  const detail = Number.isSafeInteger(id) && id > 0 ? await getCampaignById(db, id) : undefined;
  if (!detail) throw json({ reason: "not_found" }, { status: 404 });
  const serviceIds = detail.services.map((s) => s.id);
  requireServiceAccess(user, serviceIds);
  return { ...detail, scope: ownServices(user, serviceIds) };
}

export interface CampaignListRow {
  id: number;
  slug: string;
  name_en: string;
  name_ur: string;
  title_en: string;
  title_ur: string;
  opens_at: string;
  closes_at: string;
  open: boolean;
  services: { name_en: string; name_ur: string }[];
  invited: number;
  completed: number;
}

/** Campaigns this user may see (admin: all; service staff: those with one of their services), newest first. */
export async function listCampaignsForUser(db: Db, user: StaffUser, now: Date): Promise<CampaignListRow[]> {
  const admin = user.role === "admin";
  if (!admin && user.serviceIds.length === 0) return [];
  const ids = user.serviceIds;
  const rows = await db
    .selectFrom("campaigns as c")
    .innerJoin("survey_versions as sv", "sv.id", "c.survey_version_id")
    .select((eb) => [
      "c.id",
      "c.slug",
      "c.name_en",
      "c.name_ur",
      "c.opens_at",
      "c.closes_at",
      "sv.title_en",
      "sv.title_ur",
      eb
        .selectFrom("invitations as i")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("i.campaign_id", "=", "c.id")
        .$if(!admin, (q) => q.where("i.service_id", "in", ids))
        .as("invited"),
      eb
        .selectFrom("invitations as i")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("i.campaign_id", "=", "c.id")
        .where("i.completed_on", "is not", null)
        .$if(!admin, (q) => q.where("i.service_id", "in", ids))
        .as("completed"),
    ])
    .$if(!admin, (q) =>
      q.where((eb) =>
        eb.exists(
          eb.selectFrom("campaign_services as cs").select("cs.service_id").whereRef("cs.campaign_id", "=", "c.id").where("cs.service_id", "in", ids),
        ),
      ),
    )
    .orderBy("c.closes_at", "desc")
    .orderBy("c.name_en")
    .execute();
  if (rows.length === 0) return [];
  const services = await db
    .selectFrom("campaign_services as cs")
    .innerJoin("services as s", "s.id", "cs.service_id")
    .select(["cs.campaign_id", "s.name_en", "s.name_ur"])
    .where(
      "cs.campaign_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("s.name_en")
    .execute();
  return rows.map((r) => ({
    ...r,
    invited: Number(r.invited ?? 0),
    completed: Number(r.completed ?? 0),
    open: isCampaignOpen(r, now),
    services: services.filter((s) => s.campaign_id === r.id).map(({ name_en, name_ur }) => ({ name_en, name_ur })),
  }));
}

/** Published survey versions a campaign can send, newest version of each survey first. */
export async function listPublishedVersions(db: Db) {
  return db
    .selectFrom("survey_versions as sv")
    .innerJoin("surveys as s", "s.id", "sv.survey_id")
    .select(["sv.id", "sv.version", "sv.title_en", "sv.title_ur", "s.slug"])
    .where("sv.status", "=", "published")
    .orderBy("sv.title_en")
    .orderBy("sv.version", "desc")
    .execute();
}

export async function listAllServices(db: Db) {
  return db.selectFrom("services").select(["id", "slug", "name_en", "name_ur"]).orderBy("name_en").execute();
}

/** A slug no other campaign has: the name's, then "-2", "-3"... */
export async function uniqueCampaignSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await db
        .selectFrom("campaigns")
        .select("slug")
        .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
        .execute()
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export type CreateCampaignProblem = "survey_required" | "services_required";

/** Creates a campaign of a published survey version for existing services. */
export async function createCampaign(
  db: Kysely<Database>,
  input: NewCampaign,
  now: Date,
): Promise<{ id: number; slug: string } | { problem: CreateCampaignProblem }> {
  return db.transaction().execute(async (trx) => {
    const version = await trx
      .selectFrom("survey_versions")
      .select("id")
      .where("id", "=", input.survey_version_id)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (!version) return { problem: "survey_required" as const };
    const serviceIds = [...new Set(input.service_ids)];
    const found = await trx.selectFrom("services").select("id").where("id", "in", serviceIds).execute();
    if (found.length !== serviceIds.length) return { problem: "services_required" as const };
    const slug = await uniqueCampaignSlug(trx, input.name_en);
    const { id } = await trx
      .insertInto("campaigns")
      .values({
        slug,
        survey_version_id: version.id,
        name_en: input.name_en,
        name_ur: input.name_ur,
        opens_at: opensAtOf(input.opens_on),
        closes_at: closesAtOf(input.closes_on),
        anonymous: input.anonymous === "yes" ? 1 : 0,
        eligible_count: input.eligible_count,
        reminder_days: input.reminder_days,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("campaign_services")
      .values(serviceIds.map((service_id) => ({ campaign_id: id, service_id })))
      .execute();
    return { id, slug };
  });
}

/** A campaign's eligible counts per service (empty when it records one total, or none). */
export async function eligibleCountsByService(db: Db, campaignId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("campaign_eligible_counts")
    .select(["service_id", "eligible_count"])
    .where("campaign_id", "=", campaignId)
    .execute();
  return new Map(rows.map((r) => [r.service_id, r.eligible_count]));
}

/** Saves the edit form: the details, and the per-service eligible counts in place of the old ones. */
export async function updateCampaignDetails(
  db: Db,
  id: number,
  input: CampaignDetails,
  eligibleByService: readonly { serviceId: number; eligibleCount: number }[] = [],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("campaigns")
      .set({
        name_en: input.name_en,
        name_ur: input.name_ur,
        opens_at: opensAtOf(input.opens_on),
        closes_at: closesAtOf(input.closes_on),
        eligible_count: input.eligible_count,
        reminder_days: input.reminder_days,
      })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("campaign_eligible_counts").where("campaign_id", "=", id).execute();
    if (eligibleByService.length > 0) {
      await trx
        .insertInto("campaign_eligible_counts")
        .values(eligibleByService.map((e) => ({ campaign_id: id, service_id: e.serviceId, eligible_count: e.eligibleCount })))
        .execute();
    }
  });
}

export interface InvitationCounts {
  invited: number;
  /** Accepted by the mail relay, with no bounce since (DESIGN "Delivered"; delivered.server.ts). */
  delivered: number;
  bounced: number;
  completed: number;
  optedOut: number;
  /** Not completed yet, whether or not they can be reminded. */
  stillToAnswer: number;
  /** Who a reminder sent now would reach. */
  remindable: number;
  /** Invitation emails the mail relay has not accepted yet (neither delivered nor bounced). */
  awaitingRelay: number;
}

/** The invitation figures of a campaign, within the services a user acts for. */
export async function invitationCounts(db: Db, campaignId: number, serviceIds: readonly number[]): Promise<InvitationCounts> {
  if (serviceIds.length === 0) return { invited: 0, delivered: 0, bounced: 0, completed: 0, optedOut: 0, stillToAnswer: 0, remindable: 0, awaitingRelay: 0 };
  const row = await db
    .selectFrom("invitations as i")
    .select((eb) => [
      eb.fn.countAll<number>().as("invited"),
      eb.fn.count<number>("i.bounced_at").as("bounced"),
      eb.fn.count<number>("i.completed_on").as("completed"),
      eb.fn.count<number>("i.opted_out_at").as("optedOut"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([eb("i.sent_at", "is not", null), eb("i.completed_on", "is", null), eb("i.opted_out_at", "is", null), eb("i.bounced_at", "is", null)]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as("remindable"),
      countDeliveredSql("i").as("delivered"),
    ])
    .where("i.campaign_id", "=", campaignId)
    .where("i.service_id", "in", serviceIds)
    .executeTakeFirstOrThrow();
  const invited = Number(row.invited);
  const completed = Number(row.completed);
  const delivered = Number(row.delivered ?? 0);
  const bounced = Number(row.bounced);
  return {
    invited,
    delivered,
    bounced,
    completed,
    optedOut: Number(row.optedOut),
    stillToAnswer: invited - completed,
    remindable: Number(row.remindable ?? 0),
    awaitingRelay: invited - delivered - bounced,
  };
}

/** Submitted responses (every channel) of a campaign, within the services a user acts for. */
export async function countSubmittedResponses(db: Db, campaignId: number, serviceIds: readonly number[] | null): Promise<number> {
  const row = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", campaignId)
    .where("submitted_at", "is not", null)
    .$if(serviceIds !== null, (q) => q.where("service_id", "in", serviceIds!.length ? serviceIds! : [-1]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listReminderRounds(db: Db, campaignId: number) {
  return db
    .selectFrom("reminder_rounds as r")
    .leftJoin("users as u", "u.id", "r.created_by_user_id")
    .select(["r.id", "r.kind", "r.day_offset", "r.sent_at", "r.recipient_count", "u.name as sent_by"])
    .where("r.campaign_id", "=", campaignId)
    .orderBy("r.sent_at", "desc")
    .orderBy("r.id", "desc")
    .execute();
}
