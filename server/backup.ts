// `npm run db:backup [destination]`: an online backup of DATABASE_FILE while the app runs,
// checked with PRAGMA integrity_check (app/ops/backup.server.ts). Default destination
// data/backups/said-and-done-<UTC time>.sqlite. Exit 0 with the backup's counts, 1 on failure.
import { readEnv } from "../app/env.server";
import { backupDatabase, defaultBackupFile } from "../app/ops/backup.server";

try {
  const args = process.argv.slice(2);
  if (args.length > 1 || args[0]?.startsWith("-")) {
    throw new Error("Usage: backup [destination.sqlite] (default data/backups/said-and-done-<UTC time>.sqlite)");
  }
  const env = readEnv();
  const result = await backupDatabase(env.DATABASE_FILE, args[0] ?? defaultBackupFile());
  const mb = (result.bytes / 1024 / 1024).toFixed(1);
  console.log(`Backup of ${env.DATABASE_FILE} written to ${result.file} (${mb} MB), integrity check ok.`);
  console.log(`  responses: ${result.counts.responses}`);
  console.log(`  answers:   ${result.counts.answers}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
