// `npm run db:migrate` and `npm run db:seed`: the same steps `npm start` runs at boot.
import { openDatabase, migrateToLatest } from "./connection";
import { seedDemoData } from "./seed/seed";
import { readEnv } from "../app/env.server";

const command = process.argv[2];
const env = readEnv();
const db = openDatabase(env.DATABASE_FILE);
try {
  const applied = await migrateToLatest(db);
  console.log(`database ${env.DATABASE_FILE}: ${applied.length} migration(s) applied`);
  if (command === "seed") {
    const { seeded, responses } = await seedDemoData(db, env);
    console.log(seeded ? `demo data seeded (${responses} responses)` : "database not empty: demo data left as it is");
  }
} finally {
  await db.destroy();
}
