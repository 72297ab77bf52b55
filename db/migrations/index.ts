import type { Migration, MigrationProvider } from "kysely";
import * as m001 from "./2026-11-25-001-initial";
import * as m002 from "./2026-11-25-002-staff-and-distribution";
import * as m003 from "./2026-11-25-003-results";
import * as m004 from "./2026-11-25-004-loop";
import * as m005 from "./2026-12-03-005-unique-choice-answers";
import * as m006 from "./2026-12-03-006-rate-limits";
import * as m007 from "./2026-12-03-007-channels-and-date-completed";
import * as m008 from "./2026-12-03-008-eligible-by-service";
import * as m009 from "./2026-12-03-009-about-you";
import * as m010 from "./2026-12-03-010-month-only-and-audit";
import * as m012 from "./2026-12-03-012-tallies";
import * as m013 from "./2026-12-03-013-rollup-generation";
import * as m014 from "./2026-12-03-014-public-generation";

/**
 * A static provider: the bundled server cannot import migration files dynamically
 * (see docs/decisions/002-static-migration-provider.md). Add each new migration here.
 */
const migrations: Record<string, Migration> = {
  "2026-11-25-001-initial": m001,
  "2026-11-25-002-staff-and-distribution": m002,
  "2026-11-25-003-results": m003,
  "2026-11-25-004-loop": m004,
  "2026-12-03-005-unique-choice-answers": m005,
  "2026-12-03-006-rate-limits": m006,
  "2026-12-03-007-channels-and-date-completed": m007,
  "2026-12-03-008-eligible-by-service": m008,
  "2026-12-03-009-about-you": m009,
  "2026-12-03-010-month-only-and-audit": m010,
  "2026-12-03-012-tallies": m012,
  "2026-12-03-013-rollup-generation": m013,
  "2026-12-03-014-public-generation": m014,
};

export const staticMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
