/**
 * Every rate limit of the app, in one table (DESIGN.md "Running it": abuse of public forms
 * is rate-limited). Pure: the counting lives in store.server.ts.
 *
 * A limit counts hits of one subject (an IP range, an email address, a campaign) in a fixed
 * window that starts at the subject's first hit. Limits on an IP range scale with
 * `RATE_LIMIT_FACTOR` (a test rig whose browsers all share 127.0.0.1 raises it); limits on a
 * person's address or a campaign never do, so a rig cannot hide a real mistake there.
 */

export interface RateLimitPolicy {
  /** Part of the hashed key; also what a log line or a test names. Never reuse one. */
  scope: string;
  limit: number;
  windowMs: number;
  /** Whether `RATE_LIMIT_FACTOR` multiplies `limit` (per-IP limits only). */
  scalesWithFactor: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const POLICIES = {
  /**
   * Wrong passwords from one IP range, for any addresses: checked before any password is
   * verified, so a flood costs no scrypt (each one is ~50 ms of a core). 20 in 15 minutes
   * is far above what a team sharing one office connection mistypes, and far below what a
   * guesser needs.
   */
  signInFailuresPerIp: { scope: "sign_in_failures_ip", limit: 20, windowMs: 15 * MINUTE, scalesWithFactor: true },
  /**
   * Wrong passwords for one address from one IP range. Keyed with the IP on purpose: an
   * attacker elsewhere cannot lock the real person out, who can still sign in from their
   * own connection; guessing from many connections meets the per-IP limit on each.
   */
  signInFailuresPerAddressAndIp: { scope: "sign_in_failures_address_ip", limit: 10, windowMs: 15 * MINUTE, scalesWithFactor: false },
  /** Subscribe forms sent from one IP range: a family subscribes to a few services, not dozens. */
  subscribePerIp: { scope: "subscribe_ip", limit: 10, windowMs: HOUR, scalesWithFactor: true },
  /**
   * Confirmation emails to one address for one scope (a service, or all): one a day. A
   * further request shows the same "check your email" page without queuing mail, so a
   * stranger can neither flood someone's inbox nor learn that the limit was reached.
   */
  subscribeConfirmationPerAddress: { scope: "subscribe_confirmation_address", limit: 1, windowMs: DAY, scalesWithFactor: false },
  /**
   * "Did this help?" answers from one IP range. Each browser answers an entry once (a
   * cookie); 30 an hour lets a family rate every entry of a busy term, and a school or
   * library connection a few families, while stopping a script skewing the figure.
   */
  ratingPerIp: { scope: "rating_ip", limit: 30, windowMs: HOUR, scalesWithFactor: true },
  /** Requests to look at an entry again: each one lands in the PCF's queue by hand. */
  lookAgainPerIp: { scope: "look_again_ip", limit: 10, windowMs: HOUR, scalesWithFactor: true },
  /**
   * New responses started from one IP range. A parents' evening behind one school's NAT
   * may start a hundred in a few minutes, and must not be turned away; 200 in 10 minutes
   * still stops a script filling the database with half-started responses (thousands a minute).
   */
  responseStartPerIp: { scope: "response_start_ip", limit: 200, windowMs: 10 * MINUTE, scalesWithFactor: true },
  /**
   * Reminders sent by hand, per campaign, by anyone: families get at most one a day
   * however many staff press the button (scheduled reminders are counted separately).
   */
  manualReminderPerCampaign: { scope: "manual_reminder_campaign", limit: 1, windowMs: DAY, scalesWithFactor: false },
} as const satisfies Record<string, RateLimitPolicy>;

/** The limit in force: per-IP limits times the factor (an integer ≥ 1), others as they are. */
export function effectiveLimit(policy: RateLimitPolicy, factor: number): { limit: number; windowMs: number } {
  const f = Number.isSafeInteger(factor) && factor >= 1 ? factor : 1;
  return { limit: policy.scalesWithFactor ? policy.limit * f : policy.limit, windowMs: policy.windowMs };
}

/** Whole minutes to tell a person to wait (never "0 minutes"). */
export function waitMinutes(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/** Whole hours, for waits counted in days (a reminder). */
export function waitHours(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 3600));
}

/** The `Retry-After` header of a refusal. */
export function retryAfterHeaders(retryAfterSeconds: number): { "Retry-After": string } {
  return { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) };
}

/**
 * The subject a per-IP limit counts: an IPv4 address as it is, an IPv6 address by its /64
 * (one household or phone gets a whole /64, and could otherwise take a new address per
 * request). IPv4-mapped IPv6 (`::ffff:192.0.2.1`) is the IPv4 address. Anything that does
 * not read as an address is used as it is (the server decided it).
 */
export function ipSubject(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return address;
  const groups = expandIpv6(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff") {
    const [hi, lo] = [parseInt(groups[6], 16), parseInt(groups[7], 16)];
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
  }
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address (without leading zeros), or undefined. */
function expandIpv6(address: string): string[] | undefined {
  if (!/^[0-9a-f:.]+$/.test(address) || !address.includes(":")) return undefined;
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const part = (s: string) => (s ? s.split(":") : []);
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  // A trailing dotted IPv4 takes two groups.
  const last = tail.length ? tail : head;
  if (last.length && last[last.length - 1].includes(".")) {
    const v4 = last.pop()!.split(".").map(Number);
    if (v4.length !== 4 || v4.some((n) => !(n >= 0 && n <= 255))) return undefined;
    last.push(((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}
