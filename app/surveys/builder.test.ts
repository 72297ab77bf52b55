import { describe, expect, it } from "vitest";
import {
  conditionChoices,
  isStale,
  moveInOrder,
  optionValueFromLabel,
  publishProblems,
  questionDraftErrors,
  textUnits,
  translationStatus,
  urduSourceAfterSave,
  type BuilderQuestion,
  type PublishProblem,
  type VersionTexts,
} from "./builder";

let nextId = 1;
function q(over: Partial<BuilderQuestion> & Pick<BuilderQuestion, "key" | "type">): BuilderQuestion {
  const id = nextId++;
  return {
    id,
    position: id,
    page: 1,
    required: 0,
    about_you: 0,
    text_en: `Question ${over.key}?`,
    text_ur: `سوال ${over.key}؟`,
    text_ur_source: over.text_en ?? `Question ${over.key}?`,
    hint_en: "",
    hint_ur: "",
    hint_ur_source: "",
    show_if_key: null,
    show_if_value: null,
    options: [],
    ...over,
  };
}

function option(value: string, position: number, over: Partial<BuilderQuestion["options"][number]> = {}) {
  return { id: 1000 + position, position, value, label_en: value, label_ur: `${value} اردو`, label_ur_source: value, ...over };
}

const version: VersionTexts = {
  title_en: "Test survey",
  title_ur: "ٹیسٹ سروے",
  title_ur_source: "Test survey",
  intro_en: "Intro",
  intro_ur: "تعارف",
  intro_ur_source: "Intro",
  headline_question_key: "overall",
};

/** A survey that may be published: a headline, a yes/no question and a long text shown after "no". */
function goodSurvey(): BuilderQuestion[] {
  nextId = 1;
  return [
    q({ key: "overall", type: "satisfaction", page: 1 }),
    q({ key: "contact_known", type: "yes_no_not_sure", page: 1 }),
    q({ key: "contact_help", type: "long_text", page: 2, show_if_key: "contact_known", show_if_value: "no" }),
    q({ key: "heard_from", type: "single_choice", page: 2, options: [option("email", 1), option("phone", 2)] }),
  ];
}

const codes = (problems: PublishProblem[]) => problems.map((p) => [p.code, p.question?.key ?? null, p.unit?.id ?? null, p.lang ?? null]);

describe("translation tracking", () => {
  it("calls an Urdu text stale when its English changed after it was translated", () => {
    expect(isStale({ en: "New", ur: "اردو", source: "Old" })).toBe(true);
    expect(isStale({ en: "Same", ur: "اردو", source: "Same" })).toBe(false);
    // No Urdu: missing, not stale.
    expect(isStale({ en: "New", ur: "", source: "Old" })).toBe(false);
    expect(translationStatus({ en: "New", ur: "", source: "" })).toBe("missing");
    expect(translationStatus({ en: "New", ur: "اردو", source: "Old" })).toBe("stale");
    expect(translationStatus({ en: "New", ur: "اردو", source: "New" })).toBe("ok");
    expect(translationStatus({ en: "", ur: "", source: "" })).toBe("ok");
  });

  it("ties a written or changed Urdu text to the English now, and keeps the source when only the English changes", () => {
    const before = { en: "Old", ur: "پرانا", source: "Old" };
    // Only the English changed: the Urdu becomes stale.
    const onlyEnglish = urduSourceAfterSave(before, { en: "New", ur: "پرانا" });
    expect(onlyEnglish).toBe("Old");
    expect(isStale({ en: "New", ur: "پرانا", source: onlyEnglish })).toBe(true);
    // The Urdu changed too: it is a translation of the new English.
    expect(urduSourceAfterSave(before, { en: "New", ur: "نیا" })).toBe("New");
    // A first Urdu text, and a new text altogether.
    expect(urduSourceAfterSave({ en: "Text", ur: "", source: "" }, { en: "Text", ur: "تحریر" })).toBe("Text");
    expect(urduSourceAfterSave(undefined, { en: "Text", ur: "تحریر" })).toBe("Text");
    // Emptied Urdu has no source.
    expect(urduSourceAfterSave(before, { en: "Old", ur: "" })).toBe("");
  });

  it("lists every text with a stable id, hints and option labels included", () => {
    const units = textUnits(version, goodSurvey());
    expect(units.map((u) => u.id)).toEqual([
      "survey:title",
      "survey:intro",
      "question:overall:text",
      "question:overall:hint",
      "question:contact_known:text",
      "question:contact_known:hint",
      "question:contact_help:text",
      "question:contact_help:hint",
      "question:heard_from:text",
      "question:heard_from:hint",
      "option:heard_from:email",
      "option:heard_from:phone",
    ]);
    expect(units.find((u) => u.id === "option:heard_from:phone")).toMatchObject({ field: "label", question: { key: "heard_from", number: 4 }, option: { value: "phone", index: 1 } });
  });
});

describe("publish problems", () => {
  it("finds none in a complete survey", () => {
    expect(publishProblems(version, goodSurvey())).toEqual([]);
  });

  it("names an empty Urdu or English text, with its question and language", () => {
    const qs = goodSurvey();
    qs[2].text_ur = "";
    qs[3].options[1].label_en = " ";
    expect(codes(publishProblems({ ...version, intro_ur: "" }, qs))).toEqual([
      ["empty", null, "survey:intro", "ur"],
      ["empty", "contact_help", "question:contact_help:text", "ur"],
      ["empty", "heard_from", "option:heard_from:phone", "en"],
    ]);
  });

  it("allows a hint in neither language but not in only one", () => {
    const qs = goodSurvey();
    qs[0].hint_en = "A hint";
    qs[0].hint_ur_source = "A hint";
    expect(codes(publishProblems(version, qs))).toEqual([["hint_one_language", "overall", "question:overall:hint", "ur"]]);
    qs[0].hint_ur = "وضاحت";
    expect(publishProblems(version, qs)).toEqual([]);
  });

  it("refuses a stale Urdu text", () => {
    const qs = goodSurvey();
    qs[1].text_en = "Did you know who to call?";
    expect(codes(publishProblems({ ...version, title_en: "A new title" }, qs))).toEqual([
      ["stale", null, "survey:title", null],
      ["stale", "contact_known", "question:contact_known:text", null],
    ]);
  });

  it("needs a headline that exists and is a satisfaction question", () => {
    const qs = goodSurvey();
    expect(codes(publishProblems({ ...version, headline_question_key: null }, qs))).toEqual([["no_headline", null, null, null]]);
    expect(publishProblems({ ...version, headline_question_key: "gone" }, qs)).toEqual([{ code: "headline_missing", target: "gone" }]);
    expect(codes(publishProblems({ ...version, headline_question_key: "contact_known" }, qs))).toEqual([["headline_not_satisfaction", "contact_known", null, null]]);
  });

  it("refuses a condition on a missing question, a later one, one on the same page, or a value it does not offer", () => {
    const missing = goodSurvey();
    missing[2].show_if_key = "nope";
    expect(publishProblems(version, missing).map((p) => p.code)).toEqual(["condition_missing"]);

    const later = goodSurvey();
    later[0].show_if_key = "contact_known";
    later[0].show_if_value = "no";
    expect(publishProblems(version, later).map((p) => p.code)).toEqual(["condition_later"]);

    const samePage = goodSurvey();
    samePage[2].page = 1;
    expect(publishProblems(version, samePage).map((p) => p.code)).toEqual(["condition_later"]);

    const badValue = goodSurvey();
    badValue[2].show_if_value = "maybe";
    expect(publishProblems(version, badValue)).toMatchObject([{ code: "condition_value", question: { key: "contact_help" }, target: "contact_known", value: "maybe" }]);

    const onText = goodSurvey();
    onText[3].page = 3;
    onText[3].show_if_key = "contact_help";
    onText[3].show_if_value = "anything";
    expect(publishProblems(version, onText).map((p) => p.code)).toEqual(["condition_value"]);
  });

  it("needs at least two options with different values on a choice question", () => {
    const few = goodSurvey();
    few[3].options = [option("email", 1)];
    expect(codes(publishProblems(version, few))).toEqual([["too_few_options", "heard_from", null, null]]);
    const dup = goodSurvey();
    dup[3].options = [option("email", 1), option("email", 2)];
    expect(publishProblems(version, dup)).toMatchObject([{ code: "duplicate_option_value", value: "email" }]);
  });

  it("needs a question", () => {
    expect(publishProblems({ ...version, headline_question_key: null }, [])).toEqual([{ code: "no_questions" }]);
  });
});

describe("editing questions", () => {
  it("moves a question up or down, not past either end", () => {
    expect(moveInOrder([1, 2, 3], 2, -1)).toEqual([2, 1, 3]);
    expect(moveInOrder([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(moveInOrder([1, 2, 3], 1, -1)).toBeNull();
    expect(moveInOrder([1, 2, 3], 3, 1)).toBeNull();
    expect(moveInOrder([1, 2, 3], 9, 1)).toBeNull();
  });

  it("offers conditions on earlier questions that have fixed answers", () => {
    const qs = goodSurvey();
    const choices = conditionChoices(qs, qs[3].position);
    expect(choices.map((c) => [c.question.key, c.values])).toEqual([
      ["overall", ["5", "4", "3", "2", "1", "dont_know"]],
      ["contact_known", ["yes", "no", "not_sure"]],
    ]);
  });

  it("checks a question against the rest of its version before saving", () => {
    const qs = goodSurvey();
    const draft = { key: "contact_help", type: "long_text" as const, page: 2, headline: false, condition: { key: "contact_known", value: "no" }, options: [] };
    const ctx = { others: qs.filter((x) => x.key !== "contact_help"), self: { key: "contact_help", position: 3 }, lockedKeys: new Set<string>() };
    expect(questionDraftErrors(draft, ctx)).toEqual({});
    expect(questionDraftErrors({ ...draft, key: "overall" }, ctx)).toEqual({ key: "key_taken" });
    expect(questionDraftErrors({ ...draft, key: "renamed" }, { ...ctx, lockedKeys: new Set(["contact_help"]) })).toEqual({ key: "key_locked" });
    expect(questionDraftErrors({ ...draft, headline: true }, ctx)).toEqual({ headline: "headline_not_satisfaction" });
    expect(questionDraftErrors({ ...draft, page: 1 }, ctx)).toEqual({ show_if: "condition_later" });
    expect(questionDraftErrors({ ...draft, condition: { key: "contact_known", value: "maybe" } }, ctx)).toEqual({ show_if: "condition_value" });
    expect(questionDraftErrors({ ...draft, options: [{ value: "a", row: 0 }] }, ctx)).toEqual({ options: "options_not_used" });
    expect(
      questionDraftErrors({ ...draft, type: "single_choice", condition: null, options: [{ value: "a", row: 0 }, { value: "a", row: 2 }] }, ctx),
    ).toEqual({ option_2_value: "duplicate_option_value" });
    // A new question goes last, so any earlier page's question can be its condition.
    expect(questionDraftErrors({ ...draft, key: "new_one" }, { others: qs, self: null, lockedKeys: new Set() })).toEqual({});
  });

  it("makes an option value from an English label", () => {
    expect(optionValueFromLabel("Social worker")).toBe("social_worker");
    expect(optionValueFromLabel("  Café & GP!  ")).toBe("cafe_gp");
    expect(optionValueFromLabel("اردو")).toBe("");
  });
});
