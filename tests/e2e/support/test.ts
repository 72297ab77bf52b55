import { expect, test as base } from "@playwright/test";

/**
 * Playwright's `test`, failing any test whose page logs an error or throws (a React
 * hydration mismatch, a broken client-side navigation). A page load answered with an
 * expected 4xx status is not an error: its "Failed to load resource" line is ignored.
 */
export const test = base.extend<{ pageErrors: void }>({
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: import("@playwright/test").Page) => {
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
});

export { expect };
