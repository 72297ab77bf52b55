import { expect, test as base, type Page, type Response } from "@playwright/test";

/** Staff pages keep Remix's client scripts; every other page of the site is served without. */
const isStaffPath = (pathname: string) => pathname === "/staff" || pathname.startsWith("/staff/");

/**
 * Playwright's `test`, with two checks on every page a test opens, in every spec:
 * - no page logs an error or throws (a React hydration mismatch, a broken client-side
 *   navigation). A page load answered with an expected 4xx status is not an error: its
 *   "Failed to load resource" line is ignored.
 * - a respondent or public page (anything outside /staff) is plain HTML: its document
 *   references no script and, with JavaScript on, the browser fetches none while it shows
 *   (issue 13: "0 KB of JavaScript needed and none sent").
 */
export const test = base.extend<{ pageErrors: void; noScriptsOnPublicPages: void }>({
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on("pageerror", (e) => errors.push(`${page.url()}: uncaught ${e.message}`));
        page.on("console", (m) => {
          if (m.type() !== "error") return;
          if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
          errors.push(`${page.url()}: console.error ${m.text()}`);
        });
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use();
      expect(errors, "errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
  noScriptsOnPublicPages: [
    async ({ context }, use) => {
      const found: string[] = [];
      const checks: Promise<void>[] = [];
      const watch = (page: Page) => {
        // Whether the document now shown was served for a public path (a staff page that has
        // hydrated may go on to show public routes client-side, with its scripts loaded).
        let publicDocument = false;
        page.on("request", (request) => {
          if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
            publicDocument = !isStaffPath(new URL(request.url()).pathname);
          } else if (publicDocument && request.resourceType() === "script") {
            found.push(`${page.url()} fetched the script ${request.url()}`);
          }
        });
        page.on("response", (response) => {
          const request = response.request();
          if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
          if (isStaffPath(new URL(response.url()).pathname)) return;
          if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) return;
          checks.push(scriptsIn(response).then((s) => void (s && found.push(`${response.url()} references a script: ${s}`))));
        });
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use();
      await Promise.all(checks);
      expect(found, "scripts on respondent and public pages").toEqual([]);
    },
    { auto: true },
  ],
});

/** The first script reference in a page's HTML, if any (a redirect or a closed page has no body to read). */
async function scriptsIn(response: Response): Promise<string | undefined> {
  const html = await response.text().catch(() => "");
  return html.match(/<script\b[^>]*>|<link\b[^>]*rel="modulepreload"[^>]*>/i)?.[0];
}

export { expect };
