import { describe, expect, it } from "vitest";
import { MAX_BOUNCE_ROWS, parseBounceList } from "./bounces";

describe("the relay's bounce list", () => {
  it.each([
    ["one address a line, no header", "a@example.com\nb@example.com\n"],
    ["a header, a byte order mark and CRLF", "\uFEFFemail\r\na@example.com\r\nb@example.com\r\n"],
    ["an address column among others", "date,Email Address,reason\n2026-10-01,A@Example.com,550\n2026-10-02,b@example.com,full\n"],
    ["a header of another name, blank lines, repeats", "Bounced\n\na@example.com\n b@example.com \na@example.com\n"],
  ])("reads %s", (_name, text) => {
    expect(parseBounceList(text)).toMatchObject({ ok: true, emails: ["a@example.com", "b@example.com"] });
  });

  it("refuses the whole list on a bad line, naming each bad line as a text editor counts them", () => {
    expect(parseBounceList("email\na@example.com\n\nnot an address\nc@example\n")).toEqual({
      ok: false,
      problem: "bad_lines",
      errors: [
        { line: 4, text: "not an address", problem: "invalid_email" },
        { line: 5, text: "c@example", problem: "invalid_email" },
      ],
    });
  });

  it("refuses an empty list and one too long", () => {
    expect(parseBounceList("")).toEqual({ ok: false, problem: "empty" });
    expect(parseBounceList("email\n")).toEqual({ ok: false, problem: "empty" });
    const long = Array.from({ length: MAX_BOUNCE_ROWS + 1 }, (_, i) => `p${i}@example.com`).join("\n");
    expect(parseBounceList(long)).toEqual({ ok: false, problem: "too_many_rows" });
  });
});
