// When to try an email again, and when to give up: pure rules, no database or network.

const MINUTE = 60_000;

/** Waits after the 1st, 2nd, 3rd... failed attempt; the last one repeats. */
export const RETRY_DELAYS_MS = [1, 5, 15, 60, 180, 360, 720, 1440].map((m) => m * MINUTE);

/**
 * After this many failed attempts a message is given up as failed. With the delays
 * above that is about three days of retrying, as long as mail servers themselves
 * usually keep a message before bouncing it.
 */
export const MAX_ATTEMPTS = 10;

/** A "sending" claim older than this belongs to a sender that stopped mid-way (a crash, a restart). */
export const CLAIM_TIMEOUT_MS = 10 * MINUTE;

/** The wait before the next try, given how many attempts have now failed (1 or more). */
export function retryDelayMs(failedAttempts: number): number {
  const index = Math.min(Math.max(failedAttempts, 1), RETRY_DELAYS_MS.length) - 1;
  return RETRY_DELAYS_MS[index];
}

export function nextAttemptAt(now: Date, failedAttempts: number): Date {
  return new Date(now.getTime() + retryDelayMs(failedAttempts));
}

/** What a sending error means for the message. */
export type FailureKind =
  /** Try again later: the server was unreachable, timed out, or answered 4xx. */
  | "temporary"
  /** The receiving side refused this message or address for good (5xx): a bounce. */
  | "permanent";

/** The parts of a nodemailer error the rules look at. */
export interface SendError {
  /** nodemailer's error code, e.g. ECONNECTION, ETIMEDOUT, EENVELOPE, EAUTH. */
  code?: string;
  /** The SMTP reply code, when the server answered at all. */
  responseCode?: number;
  /** The SMTP command the server was answering, e.g. "RCPT TO", "AUTH PLAIN". */
  command?: string;
}

/** Commands whose refusal is about our relay set-up (login, sender), not about the recipient. */
const SET_UP_COMMANDS = /^(AUTH|MAIL FROM|EHLO|HELO|LHLO|STARTTLS)\b/i;

export function classifyFailure(error: SendError): FailureKind {
  const reply = error.responseCode;
  // No reply (connection refused, timeout, DNS), or a 4xx "try later".
  if (reply === undefined || reply < 500 || reply >= 600) return "temporary";
  // 503 is "bad sequence of commands": a protocol hiccup, not a verdict on the message.
  if (reply === 503) return "temporary";
  // A relay that refuses our login or sender address would "bounce" every invitation;
  // keep the mail and retry, so it goes once the set-up is fixed (failures show in the mailbox).
  if (error.command && SET_UP_COMMANDS.test(error.command)) return "temporary";
  return "permanent";
}

/** nodemailer's codes for a server that could not be reached or stopped answering. */
const UNREACHABLE_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED"]);

/** Whether the server could not be reached at all: every other message would fail the same way. */
export function isUnreachable(error: SendError): boolean {
  return error.responseCode === undefined && error.code !== undefined && UNREACHABLE_CODES.has(error.code);
}

export type FailureOutcome =
  | { status: "pending"; attempts: number; nextAttemptAt: Date }
  /** Failed mail never reached the address, so an invitation it was for counts as bounced. */
  | { status: "failed"; attempts: number; reason: "rejected" | "gave_up" };

/** What happens to a message whose attempt number `attempts + 1` just failed with `error`. */
export function afterFailure(attemptsBefore: number, error: SendError, now: Date, maxAttempts = MAX_ATTEMPTS): FailureOutcome {
  const attempts = attemptsBefore + 1;
  if (classifyFailure(error) === "permanent") return { status: "failed", attempts, reason: "rejected" };
  if (attempts >= maxAttempts) return { status: "failed", attempts, reason: "gave_up" };
  return { status: "pending", attempts, nextAttemptAt: nextAttemptAt(now, attempts) };
}

/** A one-line description of a sending error for the mailbox, kept short. */
export function describeSendError(error: unknown): string {
  const e = (error ?? {}) as SendError & { message?: string; response?: string };
  const parts = [e.code, e.response ?? e.message].filter((p): p is string => typeof p === "string" && p.length > 0);
  const text = parts.join(": ").replace(/\s+/g, " ").trim() || String(error);
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
