// Throughput of single pages at 10 connections (autocannon against the running app):
// req/s, with any answer other than 200 counted, since a page that errors or is refused
// is fast for the wrong reason.
import autocannon from "autocannon";

export interface Throughput {
  label: string;
  path: string;
  perSecond: number;
  /** Answers that were not 200, and connection errors. */
  failed: number;
}

export async function measurePage(base: string, label: string, path: string, seconds: number, connections: number): Promise<Throughput> {
  const url = `${base}${path}`;
  // A short warm-up so the first figures do not include the JIT's first passes.
  await autocannon({ url, connections: 2, amount: 100, headers: { "accept-encoding": "gzip" } });
  const result = await autocannon({ url, connections, duration: seconds, headers: { "accept-encoding": "gzip" } });
  const ok = result["2xx"] as number;
  const failed = result.errors + result.timeouts + (result.requests.total - ok);
  return { label, path, perSecond: result.requests.average, failed: Math.max(0, failed) };
}
