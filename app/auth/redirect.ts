const HOME = "/staff";
const BASE = "http://this.site.invalid";

/**
 * A path on this site to go to after signing in; anything else (another site, a
 * scheme, `//host`, `/\host`, tabs or newlines that browsers strip) gives the staff home.
 */
export function safeRedirect(to: unknown): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return HOME;
  // Resolve the way a browser would, then insist on staying on the same origin.
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return HOME;
  }
  if (url.origin !== BASE) return HOME;
  // `/.//evil.example`, `/..//`, `/%2e%2e//` and `/x/../\\` resolve to a path that
  // starts with `//`, which a browser reads as another host: never hand one back.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return HOME;
  return path;
}
