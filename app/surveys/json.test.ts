import { describe, expect, it } from "vitest";
import { SurveySpecSchema } from "./spec";
import { parseSurveyFile, surveyFileName, surveyFileOf } from "./json";
import type { BuilderQuestion } from "./builder";

const question = (over: Partial<BuilderQuestion> & Pick<BuilderQuestion, "id" | "key" | "type">): BuilderQuestion => ({
  position: over.id,
  page: 1,
  required: 1,
  about_you: 0,
  text_en: "Text",
  text_ur: "تحریر",
  text_ur_source: "Text",
  hint_en: "",
  hint_ur: "",
  hint_ur_source: "",
  show_if_key: null,
  show_if_value: null,
  options: [],
  ...over,
});

const version = {
  title_en: "Survey",
  title_ur: "سروے",
  title_ur_source: "Old survey title",
  intro_en: "Intro",
  intro_ur: "تعارف",
  intro_ur_source: "Intro",
  headline_question_key: "overall",
};

describe("survey files", () => {
  it("exports a version in SurveySpecSchema's shape, carrying the source of a stale Urdu text", () => {
    const file = surveyFileOf({ slug: "my-survey", kind: "parent" }, version, [
      question({ id: 2, key: "colour", type: "single_choice", page: 2, show_if_key: "overall", show_if_value: "1", options: [
        { id: 1, position: 1, value: "red", label_en: "Red", label_ur: "سرخ", label_ur_source: "Red" },
      ] }),
      question({ id: 1, key: "overall", type: "satisfaction", hint_en: "Hint", hint_ur: "وضاحت", hint_ur_source: "Hint" }),
    ]);
    expect(SurveySpecSchema.safeParse(file).success).toBe(true);
    expect(file).toEqual({
      slug: "my-survey",
      kind: "parent",
      title: { en: "Survey", ur: "سروے", urSource: "Old survey title" },
      intro: { en: "Intro", ur: "تعارف" },
      headline: "overall",
      questions: [
        { key: "overall", page: 1, type: "satisfaction", required: true, text: { en: "Text", ur: "تحریر" }, hint: { en: "Hint", ur: "وضاحت" } },
        {
          key: "colour",
          page: 2,
          type: "single_choice",
          required: true,
          text: { en: "Text", ur: "تحریر" },
          options: [{ value: "red", label: { en: "Red", ur: "سرخ" } }],
          showIf: { key: "overall", value: "1" },
        },
      ],
    });
    expect(surveyFileName("my-survey", 3)).toBe("survey-my-survey-v3.json");
  });

  it("reads back what it exports", () => {
    const file = surveyFileOf({ slug: "s", kind: "setting" }, version, [question({ id: 1, key: "overall", type: "satisfaction" })]);
    const parsed = parseSurveyFile(JSON.stringify(file));
    expect("file" in parsed && parsed.file.title.urSource).toBe("Old survey title");
  });

  it("explains a file that is not JSON", () => {
    const parsed = parseSurveyFile('{"slug": "x",');
    expect("problems" in parsed && parsed.problems).toMatchObject([{ path: "", code: "bad_json" }]);
  });

  it("lists every problem of a badly shaped file with its path", () => {
    const parsed = parseSurveyFile(
      JSON.stringify({
        slug: "Not A Slug",
        kind: "teacher",
        title: { en: "T" },
        intro: { en: "I", ur: 5 },
        headline: "overall",
        questions: [
          { key: "overall", page: 0, type: "satisfaction", text: { en: "a", ur: "b" } },
          { key: "overall", page: 1, type: "short_text", text: { en: "a", ur: "b" } },
          { key: "Bad-Key", page: 1, type: "single_choice", text: { en: "a", ur: "b" }, options: [{ value: "x", label: { en: "x", ur: "x" } }] },
        ],
      }),
    );
    expect("problems" in parsed && parsed.problems).toEqual([
      { path: "slug", code: "bad_slug" },
      { path: "kind", code: "not_allowed", values: { allowed: "parent, young_person, setting, partner, co_assessment" } },
      { path: "title.ur", code: "missing" },
      { path: "intro.ur", code: "wrong_type", values: { expected: "string" } },
      { path: "questions[0].page", code: "too_small", values: { min: 1 } },
      { path: "questions[2].key", code: "bad_key" },
    ]);
  });

  it("refuses two questions with one key, and a file without questions", () => {
    const base = { slug: "s", kind: "parent", title: { en: "a", ur: "b" }, intro: { en: "a", ur: "b" }, headline: "" };
    const q = { key: "same", page: 1, type: "short_text", text: { en: "a", ur: "b" } };
    expect(parseSurveyFile(JSON.stringify({ ...base, questions: [q, q] }))).toEqual({
      problems: [{ path: "questions[1].key", code: "duplicate_key", values: { key: "same" } }],
    });
    expect(parseSurveyFile(JSON.stringify({ ...base, questions: [] }))).toEqual({ problems: [{ path: "questions", code: "too_small", values: { min: 1 } }] });
    expect(parseSurveyFile("[]")).toEqual({ problems: [{ path: "", code: "wrong_type", values: { expected: "object" } }] });
  });
});
