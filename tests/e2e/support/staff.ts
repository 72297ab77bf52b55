import type { Page } from "@playwright/test";
import { expect } from "./test";

export const DEMO_PASSWORD = "said-and-done-demo";

/** Signs in through the real sign-in page and lands on the staff home (or `to`). */
export async function signIn(page: Page, email: string, to = "/staff", lng: "en" | "ur" = "en"): Promise<void> {
  await page.goto(`/sign-in?lng=${lng}&redirectTo=${encodeURIComponent(to)}`);
  const en = lng === "en";
  await page.getByLabel(en ? "Email address" : "ای میل ایڈریس").fill(email);
  await page.getByLabel(en ? "Password" : "پاس ورڈ").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: en ? "Sign in" : "سائن ان کریں" }).click();
  await expect(page).toHaveURL(new RegExp(`${to.split("?")[0]}`));
}
