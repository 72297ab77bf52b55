import type { Kysely } from "kysely";
import type { Database, LoopRating } from "../schema";
import type { StaffUser } from "../../app/auth/permissions";
import { addPublicUpdate, applyTransition, createDraft, publishEntries, recordEvent, type LoopResult } from "../../app/loop/loop.server";
import type { TransitionInput } from "../../app/loop/loop-states";
import type { PublicationSettings } from "../../app/loop/subscriptions.server";
import { DEMO_LOOP, type LoopSeedEntry, type LoopSeedStep } from "./content/loop";
import { DEMO_COMMENTS } from "./content/comments";

type Db = Kysely<Database>;

/**
 * Writes the demo's "You Said, We Did" (db/seed/content/loop.ts) through the real loop
 * functions, at fixed times, so statuses and audit trails are exactly what the app would
 * have written. Runs after the rest of the demo data (it needs the users and responses)
 * and outside its transaction, because each loop function opens its own.
 */
export async function seedDemoLoop(db: Db, publication: PublicationSettings): Promise<number[]> {
  const users = await loadStaffUsers(db);
  const user = (email: string): StaffUser => {
    const found = users.get(email);
    if (!found) throw new Error(`demo loop: no demo user ${email}`);
    return found;
  };
  const services = new Map((await db.selectFrom("services").select(["id", "slug"]).execute()).map((s) => [s.slug, s.id]));
  const service = (slug: string): number => {
    const id = services.get(slug);
    if (!id) throw new Error(`demo loop: no service ${slug}`);
    return id;
  };

  // Every step of every entry on one timeline, so event ids follow the clock.
  type Item = { at: string; entry: number; order: number; step: LoopSeedStep | "create" };
  const timeline: Item[] = DEMO_LOOP.flatMap((e, entry) => [
    { at: e.created.at, entry, order: -1, step: "create" as const },
    ...e.steps.map((step, order) => ({ at: step.at, entry, order, step })),
  ]);
  timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.entry - b.entry || a.order - b.order));

  const ids: number[] = [];
  const usedResponses = new Set<number>();
  for (let i = 0; i < timeline.length; i++) {
    const { at, entry, step } = timeline[i];
    const spec = DEMO_LOOP[entry];
    const now = new Date(at);
    if (step === "create") {
      const evidence = await pickEvidence(db, spec, service(spec.leadService), usedResponses);
      const survey = "survey" in spec.from ? await db.selectFrom("surveys").select("id").where("slug", "=", spec.from.survey).executeTakeFirstOrThrow() : null;
      const created = await createDraft(
        db,
        user(spec.created.by),
        {
          leadServiceId: service(spec.leadService),
          contributingServiceIds: (spec.contributing ?? []).map(service),
          period: spec.period,
          theme: spec.theme,
          youSaidEn: spec.youSaid.en,
          youSaidUr: spec.youSaid.ur,
          source: survey ? "survey" : "forum",
          surveyId: survey?.id ?? null,
          forumFamilies: "forumFamilies" in spec.from ? spec.from.forumFamilies : null,
          evidence,
        },
        now,
      );
      ids[entry] = expectOk(created, spec.key, "create");
      continue;
    }
    const id = ids[entry];
    const by = user(step.by);
    switch (step.do) {
      case "publish": {
        // Publications by the same person at the same moment are one batch.
        const batch = [id];
        while (i + 1 < timeline.length) {
          const next = timeline[i + 1];
          if (next.step === "create" || next.step.do !== "publish" || next.at !== at || next.step.by !== step.by) break;
          batch.push(ids[next.entry]);
          i++;
        }
        expectOk(await publishEntries(db, by, batch, now, publication), spec.key, "publish");
        break;
      }
      case "update":
        expectOk(await addPublicUpdate(db, by, id, { bodyEn: step.text.en, bodyUr: step.text.ur }, now), spec.key, "update");
        break;
      default:
        expectOk(await applyTransition(db, by, id, step.do, inputOf(step, user), now, publication), spec.key, step.do);
    }
  }

  for (const [entry, spec] of DEMO_LOOP.entries()) {
    if (spec.ratings) await seedRatings(db, ids[entry], spec);
    if (spec.lookAgain) {
      const { status } = await db.selectFrom("loop_entries").select("status").where("id", "=", ids[entry]).executeTakeFirstOrThrow();
      await db
        .insertInto("loop_reviews")
        .values({ entry_id: ids[entry], reason: spec.lookAgain.reason, language: spec.lookAgain.language, asked_at: spec.lookAgain.at })
        .execute();
      // A family's request: no user, as on the public page.
      await recordEvent(db, { entryId: ids[entry], userId: null, action: "look_again", from: status, to: status, reason: spec.lookAgain.reason }, new Date(spec.lookAgain.at));
    }
  }
  return ids;
}

function inputOf(step: Exclude<LoopSeedStep, { do: "publish" | "update" }>, user: (email: string) => StaffUser): TransitionInput {
  switch (step.do) {
    case "open":
      return { ownerId: user(step.owner).id, dueOn: step.dueOn };
    case "close":
      return {
        outcome: step.outcome,
        weDidEn: step.weDid.en,
        weDidUr: step.weDid.ur,
        outcomeNote: step.note,
        changeEvidence: step.changeEvidence,
        changeFrom: step.changeFrom ?? null,
      };
    case "send_back":
    case "discard":
      return { reason: step.reason };
    case "publish_open":
      return {};
  }
}

function expectOk<T>(result: LoopResult<T>, key: string, what: string): T {
  if (!result.ok) throw new Error(`demo loop: ${what} of "${key}" refused: ${JSON.stringify(result)}`);
  return result.value;
}

async function loadStaffUsers(db: Db): Promise<Map<string, StaffUser>> {
  const rows = await db.selectFrom("users").select(["id", "email", "name", "role"]).execute();
  const links = await db.selectFrom("user_services").select(["user_id", "service_id"]).orderBy("service_id").execute();
  return new Map(
    rows.map((u) => [u.email, { id: u.id, email: u.email, name: u.name, role: u.role, serviceIds: links.filter((l) => l.user_id === u.id).map((l) => l.service_id) }]),
  );
}

/**
 * The responses a survey entry came from: submitted to the lead service before the entry
 * was drafted, each with a comment that is not praise. Comments saying what the entry is
 * about come first, then responses no other entry uses yet, so the demo's entries rest on
 * different families where they can.
 */
const PRAISE = [
  "The case worker phoned me back the same day. That made a real difference.",
  "I felt listened to at the planning meeting.",
  "The new locality team knows my child's school. Thank you.",
];

/** A demo comment's English text and its Urdu twin. */
function bothLanguages(en: string): string[] {
  const i = DEMO_COMMENTS.en.indexOf(en);
  if (i < 0) throw new Error(`demo loop: "${en}" is not a demo comment`);
  return [en, DEMO_COMMENTS.ur[i]];
}

async function pickEvidence(
  db: Db,
  spec: LoopSeedEntry,
  serviceId: number,
  used: Set<number>,
): Promise<{ responseId: number; answerId: number | null }[]> {
  if (!("survey" in spec.from) || spec.from.responses === 0) return [];
  const { survey, terms, responses } = spec.from;
  let query = db
    .selectFrom("responses")
    .innerJoin("campaigns", "campaigns.id", "responses.campaign_id")
    .innerJoin("survey_versions", "survey_versions.id", "campaigns.survey_version_id")
    .innerJoin("surveys", "surveys.id", "survey_versions.survey_id")
    .innerJoin("answers", "answers.response_id", "responses.id")
    .innerJoin("questions", "questions.id", "answers.question_id")
    .select(["responses.id as responseId", "answers.id as answerId", "answers.value"])
    .where("surveys.slug", "=", survey)
    .where("responses.service_id", "=", serviceId)
    .where("responses.submitted_at", "<", spec.created.at)
    .where("questions.type", "in", ["short_text", "long_text"])
    .where("questions.key", "!=", "works_well");
  if (terms?.length) query = query.where("campaigns.slug", "in", terms.map((t) => `${survey}-${t}`));
  const rows = await query.orderBy("responses.id").orderBy("answers.id").execute();
  const wanted = new Set(spec.from.comments?.flatMap(bothLanguages));
  // Praise is no evidence for a change families asked for.
  const praise = new Set(PRAISE.flatMap(bothLanguages));
  const comment = new Map<number, { answerId: number; wanted: boolean }>();
  for (const r of rows) {
    if (praise.has(r.value)) continue;
    const seen = comment.get(r.responseId);
    if (!seen || (!seen.wanted && wanted.has(r.value))) comment.set(r.responseId, { answerId: r.answerId, wanted: wanted.has(r.value) });
  }
  const rank = (id: number) => (comment.get(id)!.wanted ? 0 : 2) + (used.has(id) ? 1 : 0);
  const ordered = [...comment.keys()].sort((a, b) => rank(a) - rank(b) || a - b);
  if (ordered.length < responses) throw new Error(`demo loop: "${spec.key}" wants ${responses} responses with comments, found ${ordered.length}`);
  const chosen = ordered.slice(0, responses).sort((a, b) => a - b);
  for (const id of chosen) used.add(id);
  return chosen.map((responseId) => ({ responseId, answerId: comment.get(responseId)!.answerId }));
}

/** "Did this help?" answers, spread over the days after publication (all before the demo's today). */
async function seedRatings(db: Db, entryId: number, spec: LoopSeedEntry): Promise<void> {
  const { ratings } = spec;
  if (!ratings) return;
  const { published_at } = await db.selectFrom("loop_entries").select("published_at").where("id", "=", entryId).executeTakeFirstOrThrow();
  if (!published_at) throw new Error(`demo loop: "${spec.key}" is rated but not published`);
  const left = { ...ratings };
  const order: LoopRating[] = [];
  while (left.yes + left.partly + left.no > 0) {
    for (const r of ["yes", "partly", "no"] as const) {
      if (left[r] > 0) {
        order.push(r);
        left[r]--;
      }
    }
  }
  const start = Date.parse(published_at);
  await db
    .insertInto("loop_ratings")
    .values(order.map((rating, i) => ({ entry_id: entryId, rating, rated_at: new Date(start + (i + 1) * 7 * 3_600_000 + i * 13 * 60_000).toISOString() })))
    .execute();
}
