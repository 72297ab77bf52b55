import { describe, expect, it } from "vitest";
import { getFixedT } from "~/i18n/i18n";
import { formRefusalMessage, reminderRefusalMessage, tooManyRequestsData } from "~/rate-limit/messages";
import { tooManyRequests } from "~/rate-limit/responses.server";
import { errorPageKeys } from "~/ui/ErrorPage";

/** What Remix hands an error boundary for a thrown Response, as isRouteErrorResponse reads it. */
async function thrown(response: Response) {
  return { status: response.status, statusText: "", internal: false, data: await response.json() };
}

describe("too many requests, in words", () => {
  it("gives the wait in whole minutes, singular and plural, in English and Urdu", () => {
    const en = getFixedT("en");
    const ur = getFixedT("ur");
    expect(formRefusalMessage(en, 20)).toBe("This form was sent too many times in a short time. Wait 1 minute, then send it again.");
    expect(formRefusalMessage(en, 840)).toContain("Wait 14 minutes");
    expect(formRefusalMessage(ur, 840)).toContain("14 منٹ انتظار کریں");
    expect(reminderRefusalMessage(en, 23.5 * 3600)).toContain("in 24 hours");
    expect(reminderRefusalMessage(en, 3000)).toContain("in 1 hour.");
    expect(reminderRefusalMessage(ur, 3600)).toContain("1 گھنٹے");
  });

  it("is a 429 with Retry-After, and an error page that says how many minutes to wait", async () => {
    expect(tooManyRequestsData(61)).toEqual({ reason: "too_many_requests", retryAfterMinutes: 2 });
    const response = tooManyRequests({ retryAfterSeconds: 61 });
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("61");
    const keys = errorPageKeys(await thrown(response));
    expect(keys).toEqual({ title: "common:too_many_requests.title", body: "common:too_many_requests.body", values: { count: 2 } });
    expect(getFixedT("en")(keys.title)).toBe("Please wait before trying again");
    expect(getFixedT("en")(keys.body, keys.values)).toBe("This was tried too many times in a short time. Wait 2 minutes, then try again.");
    expect(getFixedT("ur")(keys.body, keys.values)).toContain("2 منٹ");
    // A 429 from elsewhere, without the data, still reads as one (a minute).
    expect(errorPageKeys({ status: 429, statusText: "", internal: false, data: null }).values).toEqual({ count: 1 });
  });
});
