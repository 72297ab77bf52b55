import { describe, expect, it } from "vitest";
import {
  FORM_BODY_LIMIT,
  UPLOAD_BODY_LIMIT,
  bodyLimitFor,
  contentSecurityPolicy,
  countFormFields,
  isFormContentType,
  mustNotStore,
  redactPath,
  securityHeaders,
} from "../../server/http/policy";

describe("the HTTP edge's rules", () => {
  it("bounds every body, with room for files only on the staff upload forms", () => {
    expect(bodyLimitFor("/s/senar-parent")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/sign-in")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/you-said-we-did/subscribe")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/staff/campaigns/12/invitations")).toBe(UPLOAD_BODY_LIMIT);
    expect(bodyLimitFor("/staff/surveys/import")).toBe(UPLOAD_BODY_LIMIT);
    expect(bodyLimitFor("/staff/surveys/3/versions/4/translations")).toBe(UPLOAD_BODY_LIMIT);
    expect(bodyLimitFor("/staff/campaigns/12")).toBe(FORM_BODY_LIMIT);
  });

  it("keeps staff, sign-in and a respondent's own pages out of every cache", () => {
    for (const p of ["/staff", "/staff/results/surveys/1/export.csv", "/sign-in", "/s/senar/r/abc123", "/s/senar/r/abc123/done", "/i/tok", "/unsubscribe/tok", "/you-said-we-did/unsubscribe/tok", "/you-said-we-did/subscribe/tok", "/STAFF/users", "/S/senar/R/abc123"]) {
      expect(mustNotStore(p), p).toBe(true);
    }
    for (const p of ["/", "/s/senar", "/you-said-we-did", "/you-said-we-did/feed.xml", "/privacy", "/staffing"]) {
      expect(mustNotStore(p), p).toBe(false);
    }
  });

  it("accepts only the two form encodings", () => {
    expect(isFormContentType("application/x-www-form-urlencoded")).toBe(true);
    expect(isFormContentType("application/x-www-form-urlencoded;charset=UTF-8")).toBe(true);
    expect(isFormContentType("multipart/form-data; boundary=xyz")).toBe(true);
    expect(isFormContentType("application/json")).toBe(false);
    expect(isFormContentType("text/plain")).toBe(false);
    expect(isFormContentType(undefined)).toBe(false);
  });

  it("counts the fields of a body without parsing it", () => {
    expect(countFormFields(Buffer.from("a=1&b=2&b=3"), "application/x-www-form-urlencoded")).toBe(3);
    expect(countFormFields(Buffer.from(""), "application/x-www-form-urlencoded")).toBe(0);
    const multipart = "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XX\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--XX--\r\n";
    expect(countFormFields(Buffer.from(multipart), "multipart/form-data; boundary=XX")).toBe(2);
    expect(countFormFields(Buffer.from(multipart), "multipart/form-data")).toBe(Number.POSITIVE_INFINITY);
  });

  it("logs the shape of a path, never its tokens or query", () => {
    expect(redactPath("/s/senar-parent/r/Zx9secret/done?lng=ur")).toBe("/s/senar-parent/r/:token/done");
    expect(redactPath("/i/InviteToken123")).toBe("/i/:token");
    expect(redactPath("/you-said-we-did/unsubscribe/abc")).toBe("/you-said-we-did/unsubscribe/:token");
    expect(redactPath("/you-said-we-did/subscribe/sent")).toBe("/you-said-we-did/subscribe/sent");
    expect(redactPath("/sign-in?redirectTo=/staff&email=a@b.c")).toBe("/sign-in");
  });

  it("allows scripts only from this site or with this response's nonce, and no framing", () => {
    const csp = contentSecurityPolicy("n0nce");
    expect(csp).toContain("script-src 'self' 'nonce-n0nce'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(securityHeaders("n", true)["Strict-Transport-Security"]).toMatch(/max-age=\d{8}/);
    expect(securityHeaders("n", false)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("n", false)["X-Frame-Options"]).toBe("DENY");
  });
});
