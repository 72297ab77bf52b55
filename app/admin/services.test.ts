import { describe, expect, it } from "vitest";
import { ServiceCreateSchema, ServiceEditSchema, parseServiceForm } from "./services";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const valid = { organisation: "2", slug: "senar-central", name_en: " SENAR Central ", name_ur: " SENAR سینٹرل ", locality: "central" };

describe("service form", () => {
  it("reads a new service, trimming names", () => {
    expect(parseServiceForm(ServiceCreateSchema, form(valid))).toEqual({
      ok: true,
      data: { organisation: 2, slug: "senar-central", name_en: "SENAR Central", name_ur: "SENAR سینٹرل", locality: "central" },
    });
  });

  it("stores “no locality” as none", () => {
    const parsed = parseServiceForm(ServiceEditSchema, form({ ...valid, locality: "none" }));
    expect(parsed.ok && parsed.data.locality).toBeNull();
  });

  it("needs both names, an organisation and a locality choice", () => {
    expect(parseServiceForm(ServiceCreateSchema, form({ slug: "x", name_en: "", name_ur: "  " }))).toEqual({
      ok: false,
      errors: { organisation: "organisation_required", name_en: "name_en_required", name_ur: "name_ur_required", locality: "locality_required" },
    });
  });

  it("accepts only lower-case words joined by single dashes as a slug", () => {
    for (const slug of ["SENAR", "senar_north", "senar--north", "-senar", "senar-", "سروس", "a b"]) {
      const parsed = parseServiceForm(ServiceCreateSchema, form({ ...valid, slug }));
      expect(parsed, slug).toEqual({ ok: false, errors: { slug: "slug_invalid" } });
    }
    expect(parseServiceForm(ServiceCreateSchema, form({ ...valid, slug: "" }))).toEqual({ ok: false, errors: { slug: "slug_required" } });
    expect(parseServiceForm(ServiceCreateSchema, form({ ...valid, slug: "a".repeat(61) }))).toEqual({ ok: false, errors: { slug: "slug_too_long" } });
  });

  it("refuses an oversized name with a message", () => {
    expect(parseServiceForm(ServiceEditSchema, form({ ...valid, name_ur: "ن".repeat(201) }))).toEqual({ ok: false, errors: { name_ur: "name_too_long" } });
  });
});
