import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/test";

// The axe check itself: it must see a problem, with JavaScript on and off alike
// (off, it checks a script-less twin of the page; see support/axe.ts).
const BROKEN = `<!doctype html><html lang="en"><head><title>Broken</title></head>
<body><main><h1>Broken</h1><img src="/favicon.svg"><input type="text"></main></body></html>`;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("the axe check reports violations on a broken page", async ({ page }) => {
      await page.route("**/axe-self-test", (route) => route.fulfill({ contentType: "text/html", body: BROKEN }));
      await page.goto("/axe-self-test");
      const failure = await expectNoAxeViolations(page, "a broken page", { javaScriptEnabled }).then(
        () => "",
        (e: Error) => e.message,
      );
      expect(failure).toContain("image-alt");
      expect(failure).toContain("label");
    });
  });
}
