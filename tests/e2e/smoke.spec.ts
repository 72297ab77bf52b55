import { expect, test } from "@playwright/test";

test("home page lists the open surveys", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Surveys you can answer now" })).toBeVisible();
  await expect(page.getByRole("link", { name: /SENAR parent survey/ }).first()).toBeVisible();
});
