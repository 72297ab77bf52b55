import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { NewCampaignSchema, errorsByField, parseCampaignForm } from "~/campaigns/campaign-form";
import { createCampaign, requireCampaignForUser } from "~/campaigns/campaigns.server";
import { inviteFromCsv, readUploadedCsv } from "~/campaigns/upload.server";
import { insertSurveyVersion } from "~/surveys/surveys.server";
import { createTestDb } from "../support/db";
import { TEST_SURVEY, makeCampaign } from "../support/fixtures";
import { PUBLIC_URL } from "../support/campaigns";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
const now = new Date("2026-11-25T10:00:00.000Z");
const admin: StaffUser = { id: 1, email: "admin@example.com", name: "Admin", role: "admin", serviceIds: [] };

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
  return 200;
}

const CSV = [
  "\uFEFFemail,language",
  "amina@example.com,ur",
  "not an email,en",
  "ben@example.com,English",
  "cara@example.com,de",
  "dev@example.com,EN",
].join("\r\n");

describe("inviting from a CSV", () => {
  it("invites the good rows, reports the bad ones by line, and enqueues one email each", async () => {
    const { campaign } = await makeCampaign(db);
    const detail = await requireCampaignForUser(db, admin, String(campaign.id));
    const result = await inviteFromCsv(db, detail, CSV, PUBLIC_URL, now);
    expect(result).toEqual({
      rows: 5,
      invited: 3,
      bad: [
        { line: 3, text: "not an email", problem: "invalid_email" },
        { line: 5, text: "cara@example.com", problem: "unknown_language" },
      ],
    });
    const invitations = await db.selectFrom("invitations").selectAll().orderBy("id").execute();
    // Queued, not yet delivered: sent_at waits for the mail relay to accept each email.
    expect(invitations.map((i) => [i.email, i.language, i.sent_at])).toEqual([
      ["amina@example.com", "ur", null],
      ["ben@example.com", "en", null],
      ["dev@example.com", "en", null],
    ]);
    for (const i of invitations) expect(i.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Set(invitations.map((i) => i.token)).size).toBe(3);
    const outbox = await db.selectFrom("outbox").select(["kind", "to_address", "invitation_id", "status"]).orderBy("id").execute();
    expect(outbox).toEqual(invitations.map((i) => ({ kind: "invitation", to_address: i.email, invitation_id: i.id, status: "pending" })));

    // The same file again: every good row is now "already invited", and no email goes twice.
    const again = await inviteFromCsv(db, detail, CSV, PUBLIC_URL, now);
    expect("invited" in again && again.invited).toBe(0);
    expect("bad" in again && again.bad.filter((b) => b.problem === "already_invited").map((b) => b.line)).toEqual([2, 4, 6]);
    expect(await db.selectFrom("outbox").select("id").execute()).toHaveLength(3);
  });

  it("refuses a list without a header, an empty upload and a file over 1 MB", async () => {
    const { campaign } = await makeCampaign(db);
    const detail = await requireCampaignForUser(db, admin, String(campaign.id));
    expect(await inviteFromCsv(db, detail, "a@example.com,en", PUBLIC_URL, now)).toEqual({ problem: "no_header" });
    const empty = new FormData();
    expect(await readUploadedCsv(empty)).toEqual({ problem: "nothing" });
    const big = new FormData();
    big.set("file", new File(["email,language\n" + "x".repeat(1_000_001)], "big.csv", { type: "text/csv" }));
    expect(await readUploadedCsv(big)).toEqual({ problem: "too_large" });
    const latin1 = new FormData();
    latin1.set("file", new File([Buffer.from("email,language\nj\xe9r\xf4me@example.com,en\n", "latin1")], "old.csv"));
    expect(await readUploadedCsv(latin1)).toEqual({ problem: "not_utf8" });
    const file = new FormData();
    file.set("file", new File(["email,language\na@example.com,ur\n"], "list.csv"));
    file.set("csv", "ignored when a file is chosen");
    expect(await readUploadedCsv(file)).toEqual({ text: "email,language\na@example.com,ur\n" });
  });
});

describe("invitation emails", () => {
  async function outboxFor(email: string) {
    return db
      .selectFrom("outbox")
      .innerJoin("invitations", "invitations.id", "outbox.invitation_id")
      .select(["outbox.subject", "outbox.html_body", "outbox.text_body", "outbox.headers_json", "outbox.language", "invitations.token"])
      .where("invitations.email", "=", email)
      .executeTakeFirstOrThrow();
  }

  it("speak the invitee's language, name the service and survey, and carry the link, closing date and opt-out", async () => {
    const { campaign } = await makeCampaign(db);
    const detail = await requireCampaignForUser(db, admin, String(campaign.id));
    await inviteFromCsv(db, detail, "email,language\nen@example.com,en\nur@example.com,ur", PUBLIC_URL, now);

    const en = await outboxFor("en@example.com");
    expect(en.language).toBe("en");
    expect(en.subject).toBe("Service 0: tell us what you think");
    for (const body of [en.html_body, en.text_body]) {
      expect(body).toContain("Test survey");
      expect(body).toContain("Service 0");
      expect(body).toContain(`${PUBLIC_URL}/i/${en.token}`);
      expect(body).toContain(`${PUBLIC_URL}/unsubscribe/${en.token}`);
      expect(body).toContain("31 December 2099");
    }
    expect(en.html_body).toContain('<html lang="en" dir="ltr">');
    expect(JSON.parse(en.headers_json)).toEqual({
      "List-Unsubscribe": `<${PUBLIC_URL}/unsubscribe/${en.token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });

    const ur = await outboxFor("ur@example.com");
    expect(ur.language).toBe("ur");
    expect(ur.subject).toBe("سروس 0: ہمیں اپنی رائے بتائیں");
    expect(ur.html_body).toContain('<html lang="ur" dir="rtl">');
    expect(ur.html_body).toContain('<body dir="rtl"');
    for (const body of [ur.html_body, ur.text_body]) {
      expect(body).toContain("ٹیسٹ سروے");
      expect(body).toContain("سروس 0");
      expect(body).toContain(`${PUBLIC_URL}/i/${ur.token}`);
      expect(body).toContain(`${PUBLIC_URL}/unsubscribe/${ur.token}`);
      expect(body).not.toContain("Test survey");
    }
    expect(JSON.parse(ur.headers_json)["List-Unsubscribe"]).toBe(`<${PUBLIC_URL}/unsubscribe/${ur.token}>`);
  });
});

describe("campaign access and set-up", () => {
  it("opens a campaign for an admin or its own service's staff; 403 for other services; 404 for a wrong id", async () => {
    const { campaign, serviceIds } = await makeCampaign(db, { services: 2 });
    const { serviceIds: other } = await makeCampaign(db);
    const own: StaffUser = { id: 2, email: "m@example.com", name: "M", role: "service_member", serviceIds: [serviceIds[1]] };
    const stranger: StaffUser = { ...own, serviceIds: other };
    const pcf: StaffUser = { ...own, role: "pcf", serviceIds: [] };
    expect((await requireCampaignForUser(db, own, String(campaign.id))).scope).toEqual([serviceIds[1]]);
    expect((await requireCampaignForUser(db, admin, String(campaign.id))).scope.sort()).toEqual([...serviceIds].sort());
    expect(await thrownStatus(requireCampaignForUser(db, stranger, String(campaign.id)))).toBe(403);
    expect(await thrownStatus(requireCampaignForUser(db, pcf, String(campaign.id)))).toBe(403);
    expect(await thrownStatus(requireCampaignForUser(db, admin, "99999"))).toBe(404);
    expect(await thrownStatus(requireCampaignForUser(db, admin, "abc"))).toBe(404);
  });

  it("creates a campaign with a unique slug, and refuses a form with mistakes field by field", async () => {
    const { versionId, serviceIds } = await makeCampaign(db);
    const form = {
      survey_version_id: String(versionId),
      name_en: "SENAR parent survey, Spring 2027",
      name_ur: "سروے",
      opens_on: "2027-01-04",
      closes_on: "2027-03-31",
      service_ids: serviceIds.map(String),
      anonymous: "yes",
      eligible_count: "",
      reminder_days: "14, 7",
    };
    const parsed = NewCampaignSchema.parse(form);
    expect(parsed).toMatchObject({ reminder_days: "7,14", eligible_count: null, survey_version_id: versionId });
    const first = await createCampaign(db, parsed, now);
    const second = await createCampaign(db, parsed, now);
    expect(first).toMatchObject({ slug: "senar-parent-survey-spring-2027" });
    expect(second).toMatchObject({ slug: "senar-parent-survey-spring-2027-2" });
    const row = await db.selectFrom("campaigns").selectAll().where("slug", "=", "senar-parent-survey-spring-2027").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ opens_at: "2027-01-04T00:00:00.000Z", closes_at: "2027-03-31T23:59:59.999Z", anonymous: 1, reminder_days: "7,14" });

    const bad = parseCampaignForm(NewCampaignSchema, {
      ...form,
      survey_version_id: "",
      name_ur: " ",
      closes_on: "2026-12-31",
      service_ids: [],
      eligible_count: "lots",
      reminder_days: "7, fourteen",
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual({
      survey_version_id: "survey_required",
      name_ur: "name_ur_required",
      service_ids: "services_required",
      eligible_count: "eligible_invalid",
      reminder_days: "schedule_not_numbers",
      closes_on: "closes_before_opens",
    });
    expect(errorsByField(NewCampaignSchema.safeParse({ ...form, opens_on: "2027-02-30" }).error!)).toEqual({ opens_on: "opens_on_invalid" });
  });

  it("does not create a campaign of a draft survey version", async () => {
    const { serviceIds } = await makeCampaign(db);
    const draft = await insertSurveyVersion(db, { ...TEST_SURVEY, slug: "draft-survey" }, { status: "draft" });
    const result = await createCampaign(
      db,
      NewCampaignSchema.parse({
        survey_version_id: String(draft),
        name_en: "Draft",
        name_ur: "مسودہ",
        opens_on: "2027-01-01",
        closes_on: "2027-01-31",
        service_ids: [String(serviceIds[0])],
        anonymous: "yes",
        eligible_count: "",
        reminder_days: "",
      }),
      now,
    );
    expect(result).toEqual({ problem: "survey_required" });
  });
});
