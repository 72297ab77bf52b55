import { describe, expect, it } from "vitest";
import {
  afterFailure,
  classifyFailure,
  describeSendError,
  isUnreachable,
  MAX_ATTEMPTS,
  nextAttemptAt,
  retryDelayMs,
} from "./delivery-rules";

const MIN = 60_000;
const now = new Date("2026-12-01T09:00:00.000Z");
const refused = { code: "ESOCKET", command: "CONN", message: "connect ECONNREFUSED 127.0.0.1:2525" };
const rejected = { code: "EENVELOPE", responseCode: 550, command: "RCPT TO", response: "550 Mailbox unavailable" };

describe("retry delays", () => {
  it("grow from a minute to a day and then stay at a day", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => retryDelayMs(n) / MIN)).toEqual([1, 5, 15, 60, 180, 360, 720, 1440, 1440, 1440]);
  });

  it("put the next try that long after now", () => {
    expect(nextAttemptAt(now, 2).toISOString()).toBe("2026-12-01T09:05:00.000Z");
  });
});

describe("classifying a sending error", () => {
  it("retries when the server cannot be reached or times out", () => {
    expect(classifyFailure(refused)).toBe("temporary");
    expect(classifyFailure({ code: "ETIMEDOUT" })).toBe("temporary");
    expect(isUnreachable(refused)).toBe(true);
    expect(isUnreachable({ code: "ETIMEDOUT" })).toBe(true);
  });

  it("retries a 4xx answer (mailbox busy, greylisting)", () => {
    expect(classifyFailure({ code: "EENVELOPE", responseCode: 451, command: "RCPT TO" })).toBe("temporary");
    expect(classifyFailure({ code: "EMESSAGE", responseCode: 421 })).toBe("temporary");
  });

  it("gives up on a 5xx refusal of the recipient or the message", () => {
    expect(classifyFailure(rejected)).toBe("permanent");
    expect(classifyFailure({ code: "EMESSAGE", responseCode: 554, command: "DATA" })).toBe("permanent");
    expect(isUnreachable(rejected)).toBe(false);
  });

  it("keeps retrying when the relay refuses our login or sender (a set-up problem, not a bounce)", () => {
    expect(classifyFailure({ code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" })).toBe("temporary");
    expect(classifyFailure({ code: "EENVELOPE", responseCode: 550, command: "MAIL FROM" })).toBe("temporary");
    expect(classifyFailure({ responseCode: 503 })).toBe("temporary");
  });

  it("does not take an error without a network code for an unreachable server", () => {
    expect(isUnreachable({ code: "EENVELOPE" })).toBe(false);
    expect(isUnreachable({})).toBe(false);
  });
});

describe("after a failed attempt", () => {
  it("waits and tries again after a temporary failure", () => {
    expect(afterFailure(0, refused, now)).toEqual({ status: "pending", attempts: 1, nextAttemptAt: new Date(now.getTime() + MIN) });
    expect(afterFailure(3, refused, now)).toEqual({ status: "pending", attempts: 4, nextAttemptAt: new Date(now.getTime() + 60 * MIN) });
  });

  it("fails at once on a permanent refusal", () => {
    expect(afterFailure(0, rejected, now)).toEqual({ status: "failed", attempts: 1, reason: "rejected" });
  });

  it("gives up after the last attempt", () => {
    expect(afterFailure(MAX_ATTEMPTS - 2, refused, now).status).toBe("pending");
    expect(afterFailure(MAX_ATTEMPTS - 1, refused, now)).toEqual({ status: "failed", attempts: MAX_ATTEMPTS, reason: "gave_up" });
  });
});

describe("describing an error for the mailbox", () => {
  it("gives the code and the server's answer on one line", () => {
    expect(describeSendError(rejected)).toBe("EENVELOPE: 550 Mailbox unavailable");
    expect(describeSendError(refused)).toBe("ESOCKET: connect ECONNREFUSED 127.0.0.1:2525");
    expect(describeSendError({ message: "line one\n  line two" })).toBe("line one line two");
  });

  it("shortens a very long answer", () => {
    expect(describeSendError({ message: "x".repeat(2000) })).toHaveLength(500);
  });
});
