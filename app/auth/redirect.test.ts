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
});
