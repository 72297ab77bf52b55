import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { openE2eDatabase } from "./support/db";
import { exactly, tr, type Lng } from "./support/locales";
import { signIn } from "./support/staff";

// The relay's bounce list, uploaded by an admin without JavaScript, in English and Urdu:
// a bad line refuses the list (error summary, the pasted text kept); a good list marks the
// campaign's invitations to its addresses bounced and says how many matched.
test.use({ javaScriptEnabled: false });

const c = (lng: Lng, key: string, values: Record<string, string | number> = {}) => tr(lng, `campaigns:${key}`, values);

function invitedCampaign(): { id: number; email: string } {
  const db = openE2eDatabase();
  try {
    return db
      .prepare(
        `SELECT c.id AS id, i.email AS email FROM campaigns c JOIN invitations i ON i.campaign_id = c.id
         WHERE i.bounced_at IS NULL ORDER BY c.id, i.id LIMIT 1`,
      )
      .get() as { id: number; email: string };
  } finally {
    db.close();
  }
}

async function open(page: Page, id: number, lng: Lng) {
  await page.goto(`/staff/campaigns/${id}/bounces?lng=${lng}`);
  await expect(page.getByRole("heading", { level: 1, name: exactly(c(lng, "bounces.title")) })).toBeVisible();
}

for (const lng of ["en", "ur"] as const) {
  test(`an admin uploads a bounce list (${lng})`, async ({ page }) => {
    const { id, email } = invitedCampaign();
    await signIn(page, "admin@demo.test", `/staff/campaigns/${id}`, lng);
    await page.getByRole("link", { name: c(lng, "overview.bounces") }).click();
    await open(page, id, lng);
    await expectNoAxeViolations(page, `bounce list (${lng})`, { javaScriptEnabled: false });

    const paste = page.getByRole("textbox", { name: c(lng, "upload.paste") });
    await paste.fill(`${email}\nnot an address`);
    await page.getByRole("button", { name: c(lng, "bounces.submit") }).click();
    await expect(page.getByRole("link", { name: c(lng, "bounces.errors.bad_lines") })).toBeVisible();
    await expect(page.getByRole("cell", { name: "not an address" })).toBeVisible();
    await expect(paste).toHaveValue(`${email}\nnot an address`);
    await expectNoAxeViolations(page, `bounce list with an error (${lng})`, { javaScriptEnabled: false });

    if (lng === "en") {
      await paste.fill(`email\n${email}\nnobody-at-all@example.com`);
      await page.getByRole("button", { name: c(lng, "bounces.submit") }).click();
      await expect(page.getByRole("heading", { name: c(lng, "bounces.result_title") })).toBeVisible();
      await expect(page.getByText("2 addresses in the list: 1 invitations marked as bounced, 0 already recorded as bounced, 1 not invited to this campaign.")).toBeVisible();
    }
  });
}
