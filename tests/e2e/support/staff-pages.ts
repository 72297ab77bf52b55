import { openE2eDatabase } from "./db";

/** Who can sign in: the demo accounts, by a short name. */
export type Who = "anonymous" | "admin" | "pcf" | "board" | "lead" | "member" | "slt";
export type Staff = Exclude<Who, "anonymous">;
export const ACCOUNTS: Record<Staff, string> = {
  admin: "admin@demo.test",
  pcf: "pcf@demo.test",
  board: "board@demo.test",
  lead: "lead.senar-north@demo.test",
  member: "member.senar-north@demo.test",
  slt: "member.slt@demo.test",
};
export const STAFF: Staff[] = ["admin", "pcf", "board", "lead", "member", "slt"];

export interface Ids {
  /** senar-parent-2026-27: SENAR North, South, East and West. */
  senarCampaign: number;
  /** co-assessment-2026-27: SLT, CAT and Forward Thinking Birmingham. */
  sltCampaign: number;
  /** senar-parent. */
  survey: number;
  /** The co-assessment survey. */
  coSurvey: number;
  version: number;
  question: number;
  user: number;
  service: number;
  /** Seeded "You said" entries led by SENAR North (no SLT part), one in each of these states. */
  loopEntries: Record<"draft" | "open" | "closed" | "published", number>;
}

/** Ids of seeded records, read from the e2e server's database. */
export function lookUpIds(): Ids {
  const db = openE2eDatabase();
  try {
    const one = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { id: number }).id;
    const version = one("SELECT v.id FROM survey_versions v JOIN surveys s ON s.id = v.survey_id WHERE s.slug = ? ORDER BY v.version LIMIT 1", "senar-parent");
    return {
      senarCampaign: one("SELECT id FROM campaigns WHERE slug = ?", "senar-parent-2026-27"),
      sltCampaign: one("SELECT id FROM campaigns WHERE slug = ?", "co-assessment-2026-27"),
      survey: one("SELECT id FROM surveys WHERE slug = ?", "senar-parent"),
      coSurvey: one("SELECT id FROM surveys WHERE slug = ?", "co-assessment"),
      version,
      question: one("SELECT id FROM questions WHERE survey_version_id = ? ORDER BY position LIMIT 1", version),
      user: one("SELECT id FROM users WHERE email = ?", "member.slt@demo.test"),
      service: one("SELECT id FROM services WHERE slug = ?", "slt"),
      loopEntries: Object.fromEntries(
        (["draft", "open", "closed", "published"] as const).map((status) => [
          status,
          one(
            `SELECT e.id FROM loop_entries e JOIN services s ON s.id = e.lead_service_id
             WHERE s.slug = 'senar-north' AND e.status = ? AND NOT EXISTS (
               SELECT 1 FROM loop_entry_services les JOIN services c ON c.id = les.service_id WHERE les.entry_id = e.id AND c.slug = 'slt')
             ORDER BY e.id LIMIT 1`,
            status,
          ),
        ]),
      ) as Ids["loopEntries"],
    };
  } finally {
    db.close();
  }
}

export interface StaffPage {
  path: string;
  allowed: Staff[];
  /** A download, not an HTML page: in the matrix, but not for axe. */
  file?: boolean;
}

/** Every staff page (seeded ids filled in) and the roles that may open it. */
export function staffPages(ids: Ids): StaffPage[] {
  const admin: Staff[] = ["admin"];
  const campaignStaff: Staff[] = ["admin", "lead", "member", "slt"];
  const senar: Staff[] = ["admin", "lead", "member"];
  const slt: Staff[] = ["admin", "slt"];
  const loop: Staff[] = ["admin", "pcf", "lead", "member", "slt"];
  const version = `/staff/surveys/${ids.survey}/versions/${ids.version}`;
  const results = `/staff/results/surveys/${ids.survey}`;
  return [
    { path: "/staff", allowed: STAFF },
    { path: "/staff/users", allowed: admin },
    { path: "/staff/users/new", allowed: admin },
    { path: `/staff/users/${ids.user}`, allowed: admin },
    { path: `/staff/users/${ids.user}/password`, allowed: admin },
    { path: "/staff/services", allowed: admin },
    { path: "/staff/services/new", allowed: admin },
    { path: `/staff/services/${ids.service}`, allowed: admin },
    { path: "/staff/surveys", allowed: admin },
    { path: "/staff/surveys/new", allowed: admin },
    { path: "/staff/surveys/import", allowed: admin },
    { path: `/staff/surveys/${ids.survey}`, allowed: admin },
    { path: version, allowed: admin },
    { path: `${version}/questions/${ids.question}`, allowed: admin },
    { path: `${version}/preview?lng=en`, allowed: admin },
    { path: `${version}/translations`, allowed: admin },
    { path: `${version}/translations.csv`, allowed: admin, file: true },
    { path: `${version}/export.json`, allowed: admin, file: true },
    { path: "/staff/campaigns", allowed: campaignStaff },
    { path: "/staff/campaigns/new", allowed: admin },
    { path: `/staff/campaigns/${ids.senarCampaign}`, allowed: senar },
    { path: `/staff/campaigns/${ids.senarCampaign}/edit`, allowed: admin },
    { path: `/staff/campaigns/${ids.senarCampaign}/invitations`, allowed: senar },
    { path: `/staff/campaigns/${ids.senarCampaign}/poster`, allowed: senar },
    { path: `/staff/campaigns/${ids.senarCampaign}/responses/new`, allowed: senar },
    { path: `/staff/campaigns/${ids.sltCampaign}`, allowed: slt },
    { path: `/staff/campaigns/${ids.sltCampaign}/invitations`, allowed: slt },
    { path: `/staff/campaigns/${ids.sltCampaign}/poster`, allowed: slt },
    { path: `/staff/campaigns/${ids.sltCampaign}/responses/new`, allowed: slt },
    { path: "/staff/mailbox", allowed: admin },
    // Results: every staff role; service staff see other services' figures hidden under
    // the threshold, and an id of a service not theirs in the address is refused.
    { path: "/staff/dashboard", allowed: STAFF },
    { path: "/staff/dashboard?term=2026-spring", allowed: STAFF },
    { path: "/staff/dashboard/export.csv", allowed: STAFF, file: true },
    { path: "/staff/results", allowed: STAFF },
    { path: results, allowed: STAFF },
    { path: `${results}?service=${ids.service}`, allowed: ["admin", "pcf", "board", "slt"] },
    { path: `${results}/export.csv?table=questions`, allowed: STAFF, file: true },
    { path: `${results}/export.csv?table=comments`, allowed: ["admin", "lead", "member", "slt"], file: true },
    { path: `${results}/answers.csv`, allowed: admin, file: true },
    { path: `/staff/results/surveys/${ids.coSurvey}`, allowed: STAFF },
    { path: `/staff/results/surveys/${ids.coSurvey}/co-assessment`, allowed: STAFF },
    { path: `/staff/results/surveys/${ids.coSurvey}/co-assessment?service=${ids.service}`, allowed: ["admin", "pcf", "board", "slt"] },
    { path: `/staff/results/surveys/${ids.coSurvey}/co-assessment.csv`, allowed: STAFF, file: true },
    // You said, we did: everyone but the board; an entry only for the PCF, admins and
    // staff of its services.
    { path: "/staff/loop", allowed: loop },
    { path: "/staff/loop?status=open", allowed: loop },
    { path: "/staff/loop/new", allowed: loop },
    { path: `/staff/loop/new?survey=${ids.survey}&from=filter`, allowed: ["admin", "lead", "member", "slt"] },
    ...Object.values(ids.loopEntries).map((id) => ({ path: `/staff/loop/${id}`, allowed: ["admin", "pcf", "lead", "member"] as Staff[] })),
  ];
}
