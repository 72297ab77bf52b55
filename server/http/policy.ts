// Pure rules of the HTTP edge (server/app.ts applies them): which responses may be
// cached, how big a body may be, what a log line may say. Unit-tested in
// tests/unit/http-edge-policy.test.ts.

/** Every body is bounded; only the staff upload forms take files. */
export const FORM_BODY_LIMIT = 256 * 1024;
export const UPLOAD_BODY_LIMIT = 4 * 1024 * 1024;
/** A survey page has well under a hundred fields; a body with more is not a form of ours. */
export const MAX_FORM_FIELDS = 1000;

const UPLOAD_PATHS = [
  /^\/staff\/campaigns\/\d+\/invitations\/?$/,
  /^\/staff\/surveys\/import\/?$/,
  /^\/staff\/surveys\/\d+\/versions\/\d+\/translations\/?$/,
];

export function bodyLimitFor(path: string): number {
  return UPLOAD_PATHS.some((p) => p.test(path)) ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT;
}

/** `/staff` and everything under it (case-insensitive, as Remix's route matching is). */
export function isStaffPath(path: string): boolean {
  return /^\/staff(\/|$)/i.test(path);
}

/**
 * Pages that must never be kept by a browser or a shared cache: staff pages (names,
 * comments, raw answers), sign-in, and a respondent's own pages (a resume link holds
 * their answers so far).
 */
export function mustNotStore(path: string): boolean {
  // Case-insensitive, as Remix's route matching is: /STAFF is a staff page too.
  return (
    isStaffPath(path) ||
    /^\/(sign-in|sign-out)(\/|$)/i.test(path) ||
    /^\/s\/[^/]+\/r\//i.test(path) ||
    /^\/i\//i.test(path) ||
    /^\/(you-said-we-did\/)?(unsubscribe|subscribe\/[^/]+)(\/|$)/i.test(path) ||
    /^\/opted-out\//i.test(path)
  );
}

/** The media types our forms send; anything else is refused with 415 before it is read. */
export function isFormContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type === "application/x-www-form-urlencoded" || type === "multipart/form-data";
}

/** How many fields a buffered form body holds, counted without parsing it. */
export function countFormFields(body: Buffer, contentType: string): number {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return Number.POSITIVE_INFINITY;
    const marker = Buffer.from(`--${boundary}`);
    let count = -1; // the closing delimiter is one more than the parts
    for (let i = body.indexOf(marker); i >= 0; i = body.indexOf(marker, i + marker.length)) count += 1;
    return Math.max(0, count);
  }
  if (body.length === 0) return 0;
  let count = 1;
  for (const byte of body) if (byte === 0x26 /* & */) count += 1;
  return count;
}

// Path segments that are secrets or personal: resume, invitation, subscription and
// unsubscribe tokens. A log line keeps the shape of the path, never the token.
const TOKEN_AFTER = new Set(["r", "i", "unsubscribe", "subscribe", "opted-out"]);

/** The path as a request log may record it: no query string, tokens replaced. */
export function redactPath(path: string): string {
  const segments = path.split("?")[0]!.split("/");
  for (let i = 1; i < segments.length; i++) {
    const previous = segments[i - 1]!;
    if (TOKEN_AFTER.has(previous) && segments[i] && !["sent", "done", "saved"].includes(segments[i]!)) segments[i] = ":token";
  }
  return segments.join("/").slice(0, 300);
}

/**
 * The Content-Security-Policy of every response: scripts only from this site or with
 * this response's nonce (Remix's inline hydration script carries it), no framing
 * (staff "Publish" and "Send reminder" buttons cannot be clickjacked), forms post only here.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(nonce: string, production: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    // Resume and unsubscribe links carry tokens in the path: never send them elsewhere.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
