import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import { LANGUAGES, type Database, type Language } from "@db/schema";
import { normaliseEmail } from "~/auth/users.server";
import { getFixedT, pick } from "~/i18n/i18n";
import { enqueueEmail } from "~/mail/outbox.server";
import { POLICIES } from "~/rate-limit/policies";
import { hitForIp, hitPolicy, type ClientLimits } from "~/rate-limit/store.server";
import type { Env } from "~/env.server";
import { findPublicEntries } from "./public.server";
import { entryView } from "./public-view.server";
import { composeConfirmEmail, composePublicationEmail } from "./subscription-emails";

type Db = Kysely<Database>;
type Tx = Kysely<Database> | Transaction<Database>;

/**
 * Families who asked to hear when entries are published (DESIGN.md "Public pages"):
 * confirmed by a link, one-click unsubscribe, one email per publication in their
 * language. Kept apart from survey answers: nothing here touches responses or invitations.
 */

export const EMAIL_MAX = 254;

/** The subscribe form. Codes are keys under yswd:subscribe.errors. */
export const SubscribeSchema = z.object({
  email: z.string().trim().min(1, "email_missing").max(EMAIL_MAX, "email_too_long").email("email_invalid"),
  language: z.enum(LANGUAGES, "language_missing"),
  service: z.string().regex(/^(all|\d{1,9})$/, "service_missing"),
});

const TOKEN = /^[A-Za-z0-9_-]{32}$/;
export const newSubscriptionToken = () => crypto.randomBytes(24).toString("base64url");

export type Subscription = Awaited<ReturnType<typeof findSubscriptionByToken>>;

/** Subscriptions with the name of their service (null for "all services"). */
function withService(db: Tx) {
  return db
    .selectFrom("loop_subscriptions")
    .leftJoin("services", "services.id", "loop_subscriptions.service_id")
    .select([
      "loop_subscriptions.id",
      "loop_subscriptions.email",
      "loop_subscriptions.language",
      "loop_subscriptions.service_id",
      "loop_subscriptions.token",
      "loop_subscriptions.confirmed_at",
      "loop_subscriptions.unsubscribed_at",
      "services.name_en as service_en",
      "services.name_ur as service_ur",
    ]);
}

export async function findSubscriptionByToken(db: Tx, token: string | undefined) {
  if (!token || !TOKEN.test(token)) return undefined;
  return withService(db).where("loop_subscriptions.token", "=", token).executeTakeFirst();
}

/** What a subscription is about, in a language: "all services" or the service's name. */
export function scopeName(sub: { service_id: number | null; service_en: string | null; service_ur: string | null }, lng: Language): string {
  if (sub.service_id === null) return getFixedT(lng, "yswd")("scope_all");
  return (lng === "ur" ? sub.service_ur : sub.service_en) ?? "";
}

/** Services one may subscribe to, for the form: every service, by organisation. */
export async function listSubscribableServices(db: Tx) {
  return db
    .selectFrom("services")
    .innerJoin("organisations", "organisations.id", "services.organisation_id")
    .select([
      "services.id",
      "services.name_en",
      "services.name_ur",
      "organisations.id as organisation_id",
      "organisations.name_en as organisation_en",
      "organisations.name_ur as organisation_ur",
    ])
    .orderBy("organisations.name_en")
    .orderBy("services.name_en")
    .execute();
}

/** The services one may subscribe to, grouped under their organisation, for the form's select. */
export async function subscribableServiceGroups(db: Tx, lng: Language) {
  const organisations = new Map<number, { label: string; services: { value: string; label: string }[] }>();
  for (const s of await listSubscribableServices(db)) {
    const group = organisations.get(s.organisation_id) ?? { label: pick(s, "organisation", lng), services: [] };
    group.services.push({ value: String(s.id), label: pick(s, "name", lng) });
    organisations.set(s.organisation_id, group);
  }
  return [...organisations.values()];
}

export type SubscribeField = "email" | "language" | "service";

/**
 * The subscribe form as posted: the values to re-show, an error message per field (in the
 * page's language), and the subscription to ask for when there is none.
 */
export async function readSubscribeForm(db: Tx, form: FormData, lng: Language) {
  const values = {
    email: String(form.get("email") ?? "").slice(0, EMAIL_MAX * 4),
    language: String(form.get("language") ?? ""),
    service: String(form.get("service") ?? ""),
  };
  const parsed = SubscribeSchema.safeParse(values);
  const errors: Partial<Record<SubscribeField, string>> = {};
  const t = getFixedT(lng, "yswd");
  // i18n-dynamic: yswd:subscribe.errors.
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SubscribeField;
      errors[field] ??= t(`subscribe.errors.${issue.message}`, { max: EMAIL_MAX });
    }
  }
  const serviceId = parsed.success && parsed.data.service !== "all" ? Number(parsed.data.service) : null;
  if (parsed.success && serviceId !== null) {
    const known = await db.selectFrom("services").select("id").where("id", "=", serviceId).executeTakeFirst();
    if (!known) errors.service = t("subscribe.errors.service_missing");
  }
  const input: SubscribeInput | null =
    parsed.success && !Object.keys(errors).length ? { email: parsed.data.email, language: parsed.data.language, serviceId } : null;
  return { values, errors, input };
}

export interface SubscribeInput {
  email: string;
  language: Language;
  /** Null: every service. */
  serviceId: number | null;
}

/**
 * The subscribe form's rate limits, counted for a valid request: "refused" when the
 * client's IP range sent too many (the form again, 429); "quiet" when this address was
 * sent a confirmation for this scope in the last day (the usual "check your email" page
 * and no email, so the page tells a stranger nothing); otherwise "send".
 */
export async function subscribeAllowance(
  db: Db,
  input: SubscribeInput,
  client: ClientLimits,
  now = new Date()
): Promise<{ kind: "send" } | { kind: "quiet" } | { kind: "refused"; retryAfterSeconds: number }> {
  const perIp = await hitForIp(db, POLICIES.subscribePerIp, client, now);
  if (!perIp.allowed) return { kind: "refused", retryAfterSeconds: perIp.retryAfterSeconds };
  const address = [normaliseEmail(input.email), input.serviceId === null ? "all" : String(input.serviceId)];
  const perAddress = await hitPolicy(db, POLICIES.subscribeConfirmationPerAddress, address, { now });
  return perAddress.allowed ? { kind: "send" } : { kind: "quiet" };
}

/**
 * Asks for a subscription and queues the email that confirms it, in one transaction.
 * The same address and scope never makes a second row: an unconfirmed one gets its
 * confirmation again, a confirmed one a note that it is already subscribed, a cancelled
 * one starts again with a new token. The page says the same in every case ("check your
 * email"), so it tells a stranger nothing about who subscribes.
 */
export async function requestSubscription(
  db: Db,
  input: SubscribeInput,
  now: Date,
  publicUrl: string
): Promise<void> {
  const email = normaliseEmail(input.email);
  await db.transaction().execute(async (trx) => {
    if (input.serviceId !== null) {
      await trx.selectFrom("services").select("id").where("id", "=", input.serviceId).executeTakeFirstOrThrow();
    }
    let existing = trx
      .selectFrom("loop_subscriptions")
      .select(["id", "token", "confirmed_at", "unsubscribed_at"])
      .where("email", "=", email);
    existing = input.serviceId === null ? existing.where("service_id", "is", null) : existing.where("service_id", "=", input.serviceId);
    const row = await existing.orderBy("id", "desc").executeTakeFirst();
    let token: string;
    let alreadyConfirmed = false;
    if (!row) {
      token = newSubscriptionToken();
      await trx
        .insertInto("loop_subscriptions")
        .values({ email, language: input.language, service_id: input.serviceId, token, created_at: now.toISOString() })
        .execute();
    } else if (row.unsubscribed_at !== null) {
      token = newSubscriptionToken();
      await trx
        .updateTable("loop_subscriptions")
        .set({ token, language: input.language, created_at: now.toISOString(), confirmed_at: null, unsubscribed_at: null })
        .where("id", "=", row.id)
        .execute();
    } else {
      token = row.token;
      alreadyConfirmed = row.confirmed_at !== null;
      await trx.updateTable("loop_subscriptions").set({ language: input.language }).where("id", "=", row.id).execute();
    }
    const sub = await findSubscriptionByToken(trx, token);
    const to = { email, language: input.language, token, scope: scopeName(sub!, input.language) };
    await enqueueEmail(trx, composeConfirmEmail(to, alreadyConfirmed, publicUrl), now);
  });
}

/** Confirms by the emailed link (a POST: mail scanners follow GET links). False for an unknown or cancelled one. */
export async function confirmSubscription(db: Tx, token: string, now = new Date()): Promise<boolean> {
  const sub = await findSubscriptionByToken(db, token);
  if (!sub || sub.unsubscribed_at !== null) return false;
  if (sub.confirmed_at === null) {
    await db.updateTable("loop_subscriptions").set({ confirmed_at: now.toISOString() }).where("id", "=", sub.id).execute();
  }
  return true;
}

/**
 * One-click unsubscribe: stops every subscription of the token's address, since one
 * publication email may have been sent for several of them. False for an unknown token.
 */
export async function unsubscribeByToken(db: Tx, token: string | undefined, now = new Date()): Promise<boolean> {
  const sub = await findSubscriptionByToken(db, token);
  if (!sub) return false;
  await db
    .updateTable("loop_subscriptions")
    .set({ unsubscribed_at: now.toISOString() })
    .where("email", "=", sub.email)
    .where("unsubscribed_at", "is", null)
    .execute();
  return true;
}

/** What a publication email needs from the settings (`env.PUBLIC_URL`, `env.SUPPRESSION_THRESHOLD`). */
export interface PublicationSettings {
  publicUrl: string;
  suppressionThreshold: number;
}

export function publicationSettingsOf(env: Pick<Env, "PUBLIC_URL" | "SUPPRESSION_THRESHOLD">): PublicationSettings {
  return { publicUrl: env.PUBLIC_URL, suppressionThreshold: env.SUPPRESSION_THRESHOLD };
}

/**
 * Queues one email per confirmed subscriber listing the entries just published that
 * concern them (scope "all", or the lead or a contributing service of an entry), in the
 * caller's transaction. Returns how many emails were queued.
 */
export async function queuePublicationEmails(
  trx: Tx,
  entryIds: readonly number[],
  now: Date,
  { publicUrl: base, suppressionThreshold }: PublicationSettings
): Promise<number> {
  const entries = (await findPublicEntries(trx, entryIds, now, suppressionThreshold)).filter((e) => e.state.kind === "did");
  if (!entries.length) return 0;
  const rows = await withService(trx)
    .where("loop_subscriptions.confirmed_at", "is not", null)
    .where("loop_subscriptions.unsubscribed_at", "is", null)
    .orderBy("loop_subscriptions.confirmed_at", "desc")
    .orderBy("loop_subscriptions.id", "desc")
    .execute();

  // One person, one email: their latest subscription sets the language and the unsubscribe link.
  const people = new Map<string, { latest: (typeof rows)[number]; subs: (typeof rows)[number][] }>();
  for (const row of rows) {
    const person = people.get(row.email);
    if (person) person.subs.push(row);
    else people.set(row.email, { latest: row, subs: [row] });
  }

  let queued = 0;
  for (const { latest, subs } of people.values()) {
    const all = subs.some((s) => s.service_id === null);
    const serviceIds = new Set(subs.map((s) => s.service_id));
    const theirs = entries.filter((e) => all || [e.service.id, ...e.alsoServices.map((s) => s.id)].some((id) => serviceIds.has(id)));
    if (!theirs.length) continue;
    const lng = latest.language;
    const scope = all
      ? scopeName({ service_id: null, service_en: null, service_ur: null }, lng)
      : subs.map((s) => scopeName(s, lng)).join(getFixedT(lng, "yswd")("list_separator"));
    const to = { email: latest.email, language: lng, token: latest.token, scope };
    await enqueueEmail(
      trx,
      composePublicationEmail(
        to,
        theirs.map((e) => entryView(e, lng)),
        base
      ),
      now
    );
    queued++;
  }
  return queued;
}
