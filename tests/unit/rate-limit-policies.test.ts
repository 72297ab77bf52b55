import { describe, expect, it } from "vitest";
import { POLICIES, effectiveLimit, ipSubject, retryAfterHeaders, waitHours, waitMinutes } from "~/rate-limit/policies";

describe("rate-limit policies", () => {
  it("have one scope each, and only per-IP ones scale", () => {
    const scopes = Object.values(POLICIES).map((p) => p.scope);
    expect(new Set(scopes).size).toBe(scopes.length);
    for (const [name, policy] of Object.entries(POLICIES)) {
      expect(policy.scalesWithFactor, name).toBe(policy.scope.endsWith("_ip") && !policy.scope.includes("address"));
      expect(policy.limit, name).toBeGreaterThan(0);
    }
  });

  it("multiply the limit by the factor when they scale", () => {
    expect(effectiveLimit(POLICIES.ratingPerIp, 50)).toEqual({ limit: 1500, windowMs: 3_600_000 });
    expect(effectiveLimit(POLICIES.signInFailuresPerAddressAndIp, 50)).toEqual({ limit: 10, windowMs: 900_000 });
    // A factor that is not an integer ≥ 1 counts as 1.
    expect(effectiveLimit(POLICIES.ratingPerIp, 0).limit).toBe(30);
    expect(effectiveLimit(POLICIES.ratingPerIp, 1.5).limit).toBe(30);
  });

  it("tell a person whole minutes or hours, never zero, and Retry-After in whole seconds", () => {
    expect(waitMinutes(1)).toBe(1);
    expect(waitMinutes(60)).toBe(1);
    expect(waitMinutes(61)).toBe(2);
    expect(waitMinutes(900)).toBe(15);
    expect(waitHours(1)).toBe(1);
    expect(waitHours(86_340)).toBe(24);
    expect(retryAfterHeaders(899.2)).toEqual({ "Retry-After": "900" });
    expect(retryAfterHeaders(0)).toEqual({ "Retry-After": "1" });
  });
});

describe("ipSubject", () => {
  it("keeps an IPv4 address, and reads IPv4-mapped IPv6 as IPv4", () => {
    expect(ipSubject("203.0.113.7")).toBe("203.0.113.7");
    expect(ipSubject("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipSubject("::FFFF:cb00:7107")).toBe("203.0.113.7");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    const subject = "2001:db8:85a3:8d3::/64";
    expect(ipSubject("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe(subject);
    expect(ipSubject("2001:0db8:85a3:08d3::1")).toBe(subject);
    expect(ipSubject("[2001:DB8:85A3:8D3::abcd]")).toBe(subject);
    expect(ipSubject("2001:db8:85a3:8d3::1%eth0")).toBe(subject);
    expect(ipSubject("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipSubject("::1")).toBe("0:0:0:0::/64");
  });

  it("leaves anything else as it is", () => {
    expect(ipSubject("unknown")).toBe("unknown");
    expect(ipSubject("1:2:3")).toBe("1:2:3");
  });
});
