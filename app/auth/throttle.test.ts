import { describe, expect, it } from "vitest";
import { SignInThrottle } from "./throttle";

const MINUTE = 60_000;

describe("sign-in throttle", () => {
  it("refuses an address after 10 failures within 15 minutes, and lets it in again later", () => {
    const throttle = new SignInThrottle(10, 15 * MINUTE);
    const start = 1_000_000;
    for (let i = 0; i < 9; i++) throttle.recordFailure("a@test.example", start + i * MINUTE);
    expect(throttle.isLocked("a@test.example", start + 9 * MINUTE)).toBe(false);
    throttle.recordFailure("a@test.example", start + 9 * MINUTE);
    expect(throttle.isLocked("a@test.example", start + 9 * MINUTE)).toBe(true);
    // Another address is not affected.
    expect(throttle.isLocked("b@test.example", start + 9 * MINUTE)).toBe(false);
    // Once the first failure is 15 minutes old, nine remain in the window.
    expect(throttle.isLocked("a@test.example", start + 15 * MINUTE - 1)).toBe(true);
    expect(throttle.isLocked("a@test.example", start + 15 * MINUTE)).toBe(false);
  });

  it("does not count failures spread wider than the window", () => {
    const throttle = new SignInThrottle(3, 15 * MINUTE);
    for (let i = 0; i < 10; i++) throttle.recordFailure("a", i * 10 * MINUTE);
    expect(throttle.isLocked("a", 90 * MINUTE)).toBe(false);
  });

  it("forgets the failures of an address that signs in", () => {
    const throttle = new SignInThrottle(2, 15 * MINUTE);
    throttle.recordFailure("a", 0);
    throttle.recordSuccess("a");
    throttle.recordFailure("a", 1);
    expect(throttle.isLocked("a", 2)).toBe(false);
  });

  it("keeps a bounded number of addresses", () => {
    const throttle = new SignInThrottle(1, 15 * MINUTE, 3);
    for (const a of ["a", "b", "c", "d"]) throttle.recordFailure(a, 0);
    expect(["a", "b", "c", "d"].filter((a) => throttle.isLocked(a, 1))).toEqual(["b", "c", "d"]);
  });
});
