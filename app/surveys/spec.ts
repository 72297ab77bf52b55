import { z } from "zod";
import { QUESTION_TYPES, SURVEY_KINDS } from "@db/schema";

/** A text in every respondent language. */
export const BilingualSchema = z.object({
  en: z.string().trim().max(2000),
  ur: z.string().trim().max(2000),
});
export type Bilingual = z.infer<typeof BilingualSchema>;

export const OptionSpecSchema = z.object({
  value: z.string().regex(/^[a-z0-9_]+$/).max(60),
  label: BilingualSchema,
});

export const QuestionSpecSchema = z.object({
  /** Stable across versions: lower_snake_case. */
  key: z.string().regex(/^[a-z0-9_]+$/).max(60),
  /** 1-based page the question appears on. */
  page: z.number().int().min(1).max(50),
  type: z.enum(QUESTION_TYPES),
  required: z.boolean().default(false),
  /** About the respondent (ethnicity, the child's needs): small answer counts stay hidden in results. */
  aboutYou: z.boolean().default(false),
  text: BilingualSchema,
  hint: BilingualSchema.optional(),
  /** Only for single_choice and multiple_choice. Scales and yes/no have fixed options. */
  options: z.array(OptionSpecSchema).optional(),
  /** Shown only when an earlier page's question has this value. */
  showIf: z.object({ key: z.string(), value: z.string() }).optional(),
});
export type QuestionSpec = z.input<typeof QuestionSpecSchema>;

export const SurveySpecSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/).max(80),
  kind: z.enum(SURVEY_KINDS),
  title: BilingualSchema,
  intro: BilingualSchema,
  /** Key of the headline satisfaction question (the KPI). */
  headline: z.string(),
  questions: z.array(QuestionSpecSchema).min(1),
});
export type SurveySpec = z.input<typeof SurveySpecSchema>;
