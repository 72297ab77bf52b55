import { describe, expect, it } from "vitest";
import { getFixedT } from "~/i18n/i18n";
import { formRefusalMessage, reminderRefusalMessage, tooManyRequestsData, tooManyRequestsPage } from "~/rate-limit/messages";
import { tooManyRequests } from "~/rate-limit/responses.server";

describe("too many requests, in words", () => {
  it("gives the wait in whole minutes, singular and plural, in English and Urdu", () => {
    const en = getFixedT("en");
    const ur = getFixedT("ur");
    expect(formRefusalMessage(en, 20)).toBe("This form was sent too many times in a short time. Wait 1 minute, then send it again.");
    expect(formRefusalMessage(en, 840)).toContain("Wait 14 minutes");
    expect(formRefusalMessage(ur, 840)).toContain("14 منٹ انتظار کریں");
    expect(tooManyRequestsPage(en, 3)).toEqual({
      title: "Please wait before trying again",
      body: "This was tried too many times in a short time. Wait 3 minutes, then try again.",
    });
    expect(tooManyRequestsPage(ur, undefined).body).toContain("1 منٹ");
    expect(reminderRefusalMessage(en, 23.5 * 3600)).toContain("in 24 hours");
    expect(reminderRefusalMessage(ur, 3600)).toContain("1 گھنٹے");
  });

  it("is a 429 with Retry-After and the minutes for the error page", async () => {
    expect(tooManyRequestsData(61)).toEqual({ reason: "too_many_requests", retryAfterMinutes: 2 });
    const response = tooManyRequests({ retryAfterSeconds: 61 });
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("61");
    expect(await response.json()).toEqual({ reason: "too_many_requests", retryAfterMinutes: 2 });
  });
});
