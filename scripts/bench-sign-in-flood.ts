// `npm run bench:flood`: what a password-guessing flood does to everyone else. Starts the
// production build on a fresh database, measures `GET /` alone (10 connections), then
// again while 10 more connections post wrong passwords for random addresses: once from
// one client (the per-IP limit answers it before any password hashing) and once from
// rotating addresses (a botnet: only the cap on concurrent password checks helps).
import fs from "node:fs";
import autocannon from "autocannon";
import { prepareProductionDatabase, startProductionServer, tempDir } from "../tests/support/production-server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

function getRoot(url: string) {
  return autocannon({ url: `${url}/`, connections: 10, duration: SECONDS });
}

function flood(url: string, rotateClients: boolean) {
  let n = 0;
  return autocannon({
    url: `${url}/sign-in`,
    connections: 10,
    duration: SECONDS,
    requests: [
      {
        method: "POST",
        setupRequest: (req: Record<string, unknown>) => {
          n++;
          return {
            ...req,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              "x-forwarded-for": rotateClients ? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` : "198.51.100.7",
            },
            body: new URLSearchParams({ email: `guess${n}@example.org`, password: `wrong-${n}` }).toString(),
          };
        },
      },
    ],
  });
}

const dir = tempDir();
const { file } = await prepareProductionDatabase(dir);
const server = await startProductionServer(file, { LOG_REQUESTS: "false" });
try {
  await autocannon({ url: `${server.url}/`, connections: 2, amount: 200 }); // warm up
  const baseline = await getRoot(server.url);
  const rows: [string, number, string][] = [["GET / alone", baseline.requests.average, ""]];
  for (const rotate of [false, true]) {
    const [page, attack] = await Promise.all([getRoot(server.url), flood(server.url, rotate)]);
    const refused = attack["statusCodeStats"]?.["429"]?.count ?? 0;
    rows.push([
      rotate ? "GET / during a flood from rotating addresses" : "GET / during a flood from one address",
      page.requests.average,
      `flood: ${Math.round(attack.requests.average)} req/s, ${refused} of ${attack.requests.total} refused with 429`,
    ]);
  }
  console.log(`\nSign-in flood (production build, ${SECONDS} s each, 10 connections on GET /, 10 flooding):`);
  for (const [label, rps, note] of rows) {
    console.log(`  ${label.padEnd(48)} ${rps.toFixed(0).padStart(6)} req/s  (${((rps / baseline.requests.average) * 100).toFixed(0)} % of baseline)${note ? `  ${note}` : ""}`);
  }
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
