import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@db/schema";
import { AREA_ROLES, canEnter, canWorkOnServices, isServiceRole, ownServices, type Area, type StaffUser } from "./permissions";

const user = (role: Role, serviceIds: number[] = []): StaffUser => ({ id: 1, email: "x@test.example", name: "X", role, serviceIds });

// Who may enter each area, written out in full: a change to AREA_ROLES must change this too.
const EXPECTED: Record<Area, Role[]> = {
  home: ["admin", "pcf", "board", "service_lead", "service_member"],
  users: ["admin"],
  services: ["admin"],
  surveys: ["admin"],
  campaigns: ["admin", "service_lead", "service_member"],
  campaign_setup: ["admin"],
  mailbox: ["admin"],
  dashboard: ["admin", "pcf", "board", "service_lead", "service_member"],
  results: ["admin", "pcf", "board", "service_lead", "service_member"],
  raw_export: ["admin"],
  loop: ["admin", "pcf", "service_lead", "service_member"],
};

describe("canEnter", () => {
  it("knows every area", () => {
    expect(Object.keys(AREA_ROLES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const area of Object.keys(EXPECTED) as Area[]) {
    for (const role of ROLES) {
      const allowed = EXPECTED[area].includes(role);
      it(`${allowed ? "lets" : "keeps"} ${role} ${allowed ? "into" : "out of"} ${area}`, () => {
        expect(canEnter(user(role), area)).toBe(allowed);
      });
    }
  }
});

describe("canWorkOnServices", () => {
  const SLT = 7;
  const SENAR_NORTH = 3;

  it("lets an admin work on any service, even with no services of their own", () => {
    expect(canWorkOnServices(user("admin"), [SLT])).toBe(true);
    expect(canWorkOnServices(user("admin"), [])).toBe(true);
  });

  it("lets service staff work on their own services", () => {
    expect(canWorkOnServices(user("service_member", [SLT]), [SLT])).toBe(true);
    expect(canWorkOnServices(user("service_lead", [SENAR_NORTH]), [SENAR_NORTH, SLT])).toBe(true);
  });

  it("refuses a member or lead of another service", () => {
    expect(canWorkOnServices(user("service_member", [SENAR_NORTH]), [SLT])).toBe(false);
    expect(canWorkOnServices(user("service_lead", [SENAR_NORTH]), [SLT])).toBe(false);
    expect(canWorkOnServices(user("service_member", [SLT]), [])).toBe(false);
  });

  it("refuses the PCF and the board, whatever services they are given", () => {
    for (const role of ["pcf", "board"] as const) {
      expect(canWorkOnServices(user(role, [SLT]), [SLT])).toBe(false);
    }
  });

  it("narrows a set of services to the user's own", () => {
    expect(ownServices(user("admin"), [1, 2])).toEqual([1, 2]);
    expect(ownServices(user("service_member", [2, 9]), [1, 2, 3])).toEqual([2]);
    expect(ownServices(user("pcf", [1]), [1])).toEqual([]);
    expect(ROLES.filter(isServiceRole)).toEqual(["service_lead", "service_member"]);
  });
});
