import { describe, expect, it } from "vitest";
import { parseCsv } from "~/campaigns/csv";
import { readLanguage, validateInvitationRows, type InvitationRowsContext } from "~/campaigns/invitation-rows";

describe("parseCsv", () => {
  it("reads a spreadsheet's CSV: byte order mark, CRLF, quoted commas and quotes", () => {
    const text = '\uFEFFemail,language\r\n"Parent, One" <a@example.com>,en\r\n"say ""hi""@x.org",ur\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["email", "language"] },
      { line: 2, fields: ["Parent, One <a@example.com>", "en"] },
      { line: 3, fields: ['say "hi"@x.org', "ur"] },
    ]);
  });

  it("numbers records by the line they start on, counting blank lines and line breaks inside quotes", () => {
    const text = 'email,language\n\na@example.com,en\n"b@example.com","multi\nline"\nc@example.com,ur';
    expect(parseCsv(text).map((r) => [r.line, r.fields[0]])).toEqual([
      [1, "email"],
      [3, "a@example.com"],
      [4, "b@example.com"],
      [6, "c@example.com"],
    ]);
  });

  it("handles old Mac line ends and a last line without a line end", () => {
    expect(parseCsv("email,language\ra@example.com,en").map((r) => r.line)).toEqual([1, 2]);
  });

  it("flags a quote that never closes", () => {
    const records = parseCsv('email,language\n"a@example.com,en\nb@example.com,ur\n');
    expect(records[1]).toMatchObject({ line: 2, unclosedQuote: true });
    expect(records).toHaveLength(2);
  });
});

describe("readLanguage", () => {
  it("accepts codes and names in any case, and Urdu's own name", () => {
    expect(["en", "EN", "English", " english "].map(readLanguage)).toEqual(["en", "en", "en", "en"]);
    expect(["ur", "UR", "Urdu", "اردو"].map(readLanguage)).toEqual(["ur", "ur", "ur", "ur"]);
    expect(["fr", "", "eng"].map(readLanguage)).toEqual([undefined, undefined, undefined]);
  });
});

describe("validateInvitationRows", () => {
  const one: InvitationRowsContext = {
    campaignServices: [{ id: 1, slug: "senar-north" }],
    allowedServiceIds: [1],
    alreadyInvited: new Set(["old@example.com"]),
  };
  const check = (text: string, ctx = one) => validateInvitationRows(parseCsv(text), ctx);

  it("keeps good rows and reports each bad row with its line and reason", () => {
    const result = check(
      [
        "Email,Language",
        "Good.One@Example.com,en",
        "not-an-email,en",
        "good.two@example.com,Urdu",
        "three@example.com,fr",
        "good.one@example.com,ur",
        "old@example.com,en",
      ].join("\r\n"),
    );
    expect(result.good).toEqual([
      { line: 2, email: "good.one@example.com", language: "en", serviceId: 1 },
      { line: 4, email: "good.two@example.com", language: "ur", serviceId: 1 },
    ]);
    expect(result.bad).toEqual([
      { line: 3, text: "not-an-email", problem: "invalid_email" },
      { line: 5, text: "three@example.com", problem: "unknown_language" },
      { line: 6, text: "good.one@example.com", problem: "duplicate_in_file", firstLine: 2 },
      { line: 7, text: "old@example.com", problem: "already_invited" },
    ]);
  });

  it("needs a header with email and language, in any order", () => {
    expect(check("").headerProblem).toBe("empty");
    expect(check("a@example.com,en\n").headerProblem).toBe("no_header");
    expect(check("language,email\nen,a@example.com").good).toEqual([{ line: 2, email: "a@example.com", language: "en", serviceId: 1 }]);
  });

  it("asks for a service only when the uploader could mean several, and only their own", () => {
    const several: InvitationRowsContext = {
      campaignServices: [
        { id: 1, slug: "senar-north" },
        { id: 2, slug: "senar-south" },
        { id: 3, slug: "slt" },
      ],
      allowedServiceIds: [1, 2],
      alreadyInvited: new Set(),
    };
    const result = check(
      ["email,language,service", "a@example.com,en,senar-south", "b@example.com,en", "c@example.com,en,slt", "d@example.com,en,nowhere"].join("\n"),
      several,
    );
    expect(result.good).toEqual([{ line: 2, email: "a@example.com", language: "en", serviceId: 2 }]);
    expect(result.bad.map((b) => [b.line, b.problem])).toEqual([
      [3, "missing_service"],
      [4, "service_not_allowed"],
      [5, "unknown_service"],
    ]);
    // A member of one service of a several-service campaign needs no service column.
    const member = check("email,language\nx@example.com,ur", { ...several, allowedServiceIds: [3] });
    expect(member.good).toEqual([{ line: 2, email: "x@example.com", language: "ur", serviceId: 3 }]);
  });

  it("reports an unclosed quote instead of guessing", () => {
    const result = check('email,language\n"a@example.com,en\n');
    expect(result.bad).toEqual([{ line: 2, text: "a@example.com,en", problem: "unclosed_quote" }]);
  });
});
