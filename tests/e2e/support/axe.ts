import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";

type Violations = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"];

function describe(violations: Violations): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
        .join("\n");
      return `  [${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join("\n");
}

/**
 * Frames that may not run scripts (an email shown in `<iframe sandbox="">`): axe, a
 * script, cannot run inside them and would wait for them until the test times out.
 * They are left out; their content is not the app's page (the test checks their title).
 */
const SCRIPTLESS_FRAMES = 'iframe[sandbox]:not([sandbox~="allow-scripts"])';

const twins = new WeakMap<BrowserContext, Promise<Page>>();

/** One twin page per browser context, closed with it. */
function twinOf(page: Page): Promise<Page> {
  const owner = page.context();
  let twin = twins.get(owner);
  if (!twin) {
    const browser = owner.browser();
    if (!browser) throw new Error("No browser for the axe twin page");
    twin = browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true }).then(async (context) => {
      owner.once("close", () => void context.close());
      return context.newPage();
    });
    twins.set(owner, twin);
  }
  return twin;
}

/**
 * axe-core runs as a script in the page, and hangs in a page with JavaScript turned
 * off. For such a page, the exact HTML it shows is loaded into a twin page (same URL,
 * viewport, styles and fonts from the app) whose own scripts a Content-Security-Policy
 * blocks, so the DOM checked is the one the no-JS respondent sees.
 */
async function analyzeWithoutPageScripts(page: Page): Promise<Violations> {
  // The HTML arrives in compressed chunks and the browser parses it as it comes: a
  // snapshot taken before "load" can end half-way through a button or a label.
  await page.waitForLoadState("load");
  const html = await page.content();
  const url = page.url();
  const twin = await twinOf(page);
  await twin.unrouteAll();
  await twin.route(
    (u) => u.href === url,
    (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        headers: { "Content-Security-Policy": "script-src 'none'" },
        body: html,
      }),
  );
  await twin.goto(url);
  return (await new AxeBuilder({ page: twin }).exclude(SCRIPTLESS_FRAMES).analyze()).violations;
}

/** Runs axe on the page as it is now and fails, listing each violation, unless there are none. */
export async function expectNoAxeViolations(
  page: Page,
  label: string,
  { javaScriptEnabled = true }: { javaScriptEnabled?: boolean } = {},
): Promise<void> {
  await page.waitForLoadState("load");
  const violations = javaScriptEnabled
    ? (await new AxeBuilder({ page }).exclude(SCRIPTLESS_FRAMES).analyze()).violations
    : await analyzeWithoutPageScripts(page);
  expect(violations.length, `axe found ${violations.length} violation(s) on ${label} (${page.url()}):\n${describe(violations)}`).toBe(0);
}
