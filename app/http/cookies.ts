/**
 * The one place cookies are read and written. A cookie header someone crafted (bad
 * percent-encoding, no `=`, a huge value) is ignored, never a 500.
 */

const MAX_COOKIE_VALUE = 4096;

/** The value of cookie `name`, or undefined when it is absent or malformed. */
export function readCookie(request: Request | string | null | undefined, name: string): string | undefined {
  const header = typeof request === "string" || request == null ? request : request.headers.get("Cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    if (raw.length > MAX_COOKIE_VALUE) return undefined;
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  /** Seconds; 0 removes the cookie. */
  maxAge: number;
  /** From `env.COOKIE_SECURE`: true on every production start. */
  secure: boolean;
  path?: string;
  /** Defaults to true: no script needs any of our cookies. */
  httpOnly?: boolean;
}

/** A Set-Cookie value: SameSite=Lax always, HttpOnly unless asked otherwise, Secure when `secure`. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? "/"}`];
  if (options.httpOnly !== false) parts.push("HttpOnly");
  parts.push("SameSite=Lax", `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
