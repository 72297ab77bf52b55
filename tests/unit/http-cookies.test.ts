import { describe, expect, it } from "vitest";
import { readCookie, serializeCookie } from "~/http/cookies";
import { languageCookieFor, languageFromRequest } from "~/i18n/i18n";

const withCookie = (cookie: string, url = "http://localhost/") => new Request(url, { headers: { Cookie: cookie } });

describe("readCookie", () => {
  it("reads a value among others, percent-decoded", () => {
    expect(readCookie(withCookie("a=1; lng=ur; b=x%20y"), "lng")).toBe("ur");
    expect(readCookie(withCookie("a=1; lng=ur; b=x%20y"), "b")).toBe("x y");
    expect(readCookie(withCookie("a=1"), "lng")).toBeUndefined();
    expect(readCookie(new Request("http://localhost/"), "lng")).toBeUndefined();
  });

  it("ignores bad percent-encoding instead of throwing", () => {
    expect(() => readCookie(withCookie("lng=%E0%A4%A"), "lng")).not.toThrow();
    expect(readCookie(withCookie("lng=%E0%A4%A"), "lng")).toBeUndefined();
  });

  it("ignores a part with no = and a huge value", () => {
    expect(readCookie(withCookie("lng; a=1"), "lng")).toBeUndefined();
    expect(readCookie(withCookie("lng"), "lng")).toBeUndefined();
    expect(readCookie(withCookie(`lng=${"u".repeat(5000)}`), "lng")).toBeUndefined();
    expect(readCookie(withCookie(`big=${"u".repeat(5000)}; lng=ur`), "lng")).toBe("ur");
  });
});

describe("languageFromRequest", () => {
  it("gives English for a malformed lng cookie (it used to be a 500 on every page)", () => {
    expect(languageFromRequest(withCookie("lng=%E0%A4%A"))).toBe("en");
    expect(languageFromRequest(withCookie("lng=ur"))).toBe("ur");
  });
});

describe("serializeCookie", () => {
  it("includes Secure only when asked", () => {
    const insecure = serializeCookie("sd_session", "t", { maxAge: 60, secure: false }).split("; ");
    const secure = serializeCookie("sd_session", "t", { maxAge: 60, secure: true }).split("; ");
    expect(insecure).not.toContain("Secure");
    expect(secure).toContain("Secure");
    for (const attributes of [insecure, secure]) {
      expect(attributes).toEqual(expect.arrayContaining(["sd_session=t", "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=60"]));
    }
  });

  it("keeps a path, and leaves out HttpOnly only when asked", () => {
    const attributes = serializeCookie("x", "1", { maxAge: 0, secure: false, path: "/s/slug", httpOnly: false }).split("; ");
    expect(attributes).toEqual(["x=1", "Path=/s/slug", "SameSite=Lax", "Max-Age=0"]);
  });
});

describe("languageCookieFor", () => {
  it("is Secure only with env.COOKIE_SECURE", () => {
    const request = new Request("http://localhost/?lng=ur");
    expect(languageCookieFor(request, true)?.split("; ")).toContain("Secure");
    expect(languageCookieFor(request, false)?.split("; ")).not.toContain("Secure");
    expect(languageCookieFor(request, false)?.split("; ")).toEqual(expect.arrayContaining(["lng=ur", "Path=/", "SameSite=Lax", "Max-Age=31536000"]));
  });
});
