import { describe, expect, it } from "vitest";
import {
  firstInvalidPage,
  keepVisibleAnswers,
  neighbourPage,
  questionsOnPage,
  readPageValues,
  scoreOf,
  validateAnswers,
  visiblePages,
  type FormQuestion,
} from "./form";

const q = (over: Partial<FormQuestion> & Pick<FormQuestion, "key" | "page" | "type">): FormQuestion => ({
  required: false,
  show_if_key: null,
  show_if_value: null,
  options: [],
  ...over,
});

const survey: FormQuestion[] = [
  q({ key: "overall", page: 1, type: "satisfaction", required: true }),
  q({ key: "contact_known", page: 1, type: "yes_no_not_sure", required: true }),
  q({ key: "contact_help", page: 2, type: "long_text", required: true, show_if_key: "contact_known", show_if_value: "no" }),
  q({ key: "heard_from", page: 3, type: "single_choice", options: [{ value: "email" }, { value: "phone" }] }),
  q({ key: "helpful", page: 3, type: "multiple_choice", required: true, options: [{ value: "a" }, { value: "b" }] }),
  q({ key: "name_it", page: 3, type: "short_text" }),
];

describe("conditional questions and pages", () => {
  it("hides a page whose only question depends on an answer not given", () => {
    expect(visiblePages(survey, { contact_known: ["yes"] })).toEqual([1, 3]);
    expect(visiblePages(survey, { contact_known: ["no"] })).toEqual([1, 2, 3]);
  });

  it("steps to the next and previous visible page, skipping hidden ones", () => {
    expect(neighbourPage(survey, { contact_known: ["yes"] }, 1, 1)).toBe(3);
    expect(neighbourPage(survey, { contact_known: ["no"] }, 1, 1)).toBe(2);
    expect(neighbourPage(survey, { contact_known: ["yes"] }, 3, -1)).toBe(1);
    expect(neighbourPage(survey, {}, 3, 1)).toBeUndefined();
  });

  it("drops answers to questions that a changed earlier answer hides", () => {
    const kept = keepVisibleAnswers(survey, { contact_known: ["yes"], contact_help: ["old text"], overall: ["4"] });
    expect(kept).toEqual({ contact_known: ["yes"], overall: ["4"] });
  });

  it("finds the first page with a missing required answer before submit", () => {
    expect(firstInvalidPage(survey, { overall: ["5"], contact_known: ["no"], helpful: ["a"] })).toBe(2);
    expect(firstInvalidPage(survey, { overall: ["5"], contact_known: ["yes"], helpful: ["a"] })).toBeUndefined();
  });
});

describe("validation", () => {
  const page1 = questionsOnPage(survey, 1, {});
  const page3 = questionsOnPage(survey, 3, {});

  it("asks for every required answer", () => {
    expect(validateAnswers(page1, {})).toEqual({
      overall: { code: "required_choice" },
      contact_known: { code: "required_choice" },
    });
    expect(validateAnswers([survey[2]], {})).toEqual({ contact_help: { code: "required_text" } });
  });

  it("refuses a value that is not one of the answers shown", () => {
    expect(validateAnswers(page1, { overall: ["7"], contact_known: ["yes"] })).toEqual({ overall: { code: "invalid_choice" } });
    expect(validateAnswers(page3, { helpful: ["a", "zzz"] })).toEqual({ helpful: { code: "invalid_choice" } });
    expect(validateAnswers(page3, { helpful: ["a"], heard_from: ["email", "phone"] })).toEqual({
      heard_from: { code: "invalid_choice" },
    });
  });

  it("accepts don't know on a scale and several choices on a multiple choice", () => {
    expect(validateAnswers(page1, { overall: ["dont_know"], contact_known: ["not_sure"] })).toEqual({});
    expect(validateAnswers(page3, { helpful: ["a", "b"] })).toEqual({});
  });

  it("says how long a text may be when it is too long", () => {
    expect(validateAnswers(page3, { helpful: ["a"], name_it: ["x".repeat(201)] })).toEqual({
      name_it: { code: "too_long", max: 200 },
    });
    expect(validateAnswers(page3, { helpful: ["a"], name_it: ["x".repeat(200)] })).toEqual({});
  });
});

describe("reading a submitted page", () => {
  it("keeps chosen options and text, leaves out blanks", () => {
    const form = new FormData();
    form.append("q_helpful", "a");
    form.append("q_helpful", "b");
    form.append("q_name_it", "   ");
    form.append("q_heard_from", "");
    expect(readPageValues(form, questionsOnPage(survey, 3, {}))).toEqual({ helpful: ["a", "b"] });
  });

  it("normalises Windows line endings in long text", () => {
    const form = new FormData();
    form.append("q_contact_help", "line one\r\nline two");
    expect(readPageValues(form, [survey[2]])).toEqual({ contact_help: ["line one\nline two"] });
  });
});

describe("scores", () => {
  it("scores scale points 1..5 and nothing else", () => {
    expect(scoreOf("satisfaction", "4")).toBe(4);
    expect(scoreOf("agreement", "1")).toBe(1);
    expect(scoreOf("satisfaction", "dont_know")).toBeNull();
    expect(scoreOf("single_choice", "4")).toBeNull();
  });
});
