import type { Role } from "@db/schema";

/** The signed-in staff member, as every permission rule sees them. */
export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The services a lead or member belongs to; empty for other roles. */
  serviceIds: number[];
}

/** Areas of the staff pages, and which roles may enter them. */
export const AREA_ROLES = {
  /** The staff home page. */
  home: ["admin", "pcf", "board", "service_lead", "service_member"],
  users: ["admin"],
  services: ["admin"],
  surveys: ["admin"],
  /** The campaign list; service staff see only their services' campaigns. */
  campaigns: ["admin", "service_lead", "service_member"],
  /** Creating and changing campaigns themselves (dates, services, schedule). */
  campaign_setup: ["admin"],
  mailbox: ["admin"],
  /** The board dashboard of the four KPIs (figures from few answers are suppressed for PCF and board). */
  dashboard: ["admin", "pcf", "board", "service_lead", "service_member"],
  /** Survey, campaign and co-assessment results; service staff see their own services' comments. */
  results: ["admin", "pcf", "board", "service_lead", "service_member"],
  /** Raw anonymous answers as CSV. */
  raw_export: ["admin"],
  /** "You Said, We Did" entries; who may do what to an entry is in app/loop/loop-states.ts. */
  loop: ["admin", "pcf", "service_lead", "service_member"],
} as const satisfies Record<string, readonly Role[]>;
export type Area = keyof typeof AREA_ROLES;

export function canEnter(user: Pick<StaffUser, "role">, area: Area): boolean {
  return (AREA_ROLES[area] as readonly Role[]).includes(user.role);
}

export function isServiceRole(role: Role): boolean {
  return role === "service_lead" || role === "service_member";
}

/**
 * Whether the user may work on something that belongs to these services (a campaign's
 * invitations, reminders, keyed responses): admins always; service staff when one of
 * the services is theirs; nobody else.
 */
export function canWorkOnServices(user: StaffUser, serviceIds: readonly number[]): boolean {
  if (user.role === "admin") return true;
  if (!isServiceRole(user.role)) return false;
  return serviceIds.some((id) => user.serviceIds.includes(id));
}

/** The services a user may act for within a set (all of them for an admin). */
export function ownServices(user: StaffUser, serviceIds: readonly number[]): number[] {
  if (user.role === "admin") return [...serviceIds];
  if (!isServiceRole(user.role)) return [];
  return serviceIds.filter((id) => user.serviceIds.includes(id));
}
