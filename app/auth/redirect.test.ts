import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeRedirect("/staff/users")).toBe("/staff/users");
    expect(safeRedirect("/staff/campaigns?page=2")).toBe("/staff/campaigns?page=2");
  });

  it("sends anything pointing elsewhere to the staff home", () => {
    for (const to of [
      "https://evil.example",
      "//evil.example",
      "//evil.example/staff",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      // Paths that normalise to `//evil.example` (a signed-in member of staff was sent there).
      "/.//evil.example",
      "/..//evil.example",
      "/%2e%2e//evil.example",
      "/%2E%2E//evil.example",
      "/x/../\\evil.example",
      "/x/..//evil.example/staff",
      "/./\\evil.example",
      "javascript:alert(1)",
      "evil.example",
      "",
      null,
      undefined,
      42,
    ]) {
      expect(safeRedirect(to), JSON.stringify(to)).toBe("/staff");
    }
  });

  it("keeps harmless dot segments on this site", () => {
    expect(safeRedirect("/staff/./users")).toBe("/staff/users");
    expect(safeRedirect("/staff/x/../campaigns")).toBe("/staff/campaigns");
  });
});
