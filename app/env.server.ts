import { z } from "zod";
import { DEFAULT_DATABASE_FILE } from "@db/connection";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_FILE: z.string().min(1).default(DEFAULT_DATABASE_FILE),
  /** Session cookies are Secure in production; "false" allows plain http on a LAN demo. */
  COOKIE_SECURE: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  /** e.g. smtp://user:pass@relay:587. Unset: mail stays in the outbox, readable in the app. */
  SMTP_URL: z.string().url().optional(),
  /** The From address of every email. */
  MAIL_FROM: z.string().min(3).default("Said & Done <no-reply@said-and-done.local>"),
  /** Figures from fewer answers than this are hidden from the PCF and the board (DESIGN.md "Suppression"). */
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  /** The address links in emails start with. */
  PUBLIC_URL: z.string().url().optional(),
}).transform((env) => ({
  ...env,
  COOKIE_SECURE: env.COOKIE_SECURE ?? env.NODE_ENV === "production",
  PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
}));

export type Env = z.output<typeof EnvSchema>;

/** Environment variables, checked once: a bad value stops the server with a clear message. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}
