import { z } from "zod";
import { DEFAULT_DATABASE_FILE } from "@db/connection";

const DEMO_MAIL_FROM = "Said & Done <no-reply@said-and-done.local>";

const EnvSchema = z
  .object({
    /** "production" is a real service: no demo data, Secure cookies, HSTS; anything else is the demo. */
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
    /** The From address of every email. Required in production. */
    MAIL_FROM: z.string().min(3).optional(),
    /** Figures from fewer answers than this are hidden from the PCF and the board (DESIGN.md "Suppression"). */
    SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
    /** The address links in emails start with, e.g. https://said-and-done.example.gov.uk. Required in production. */
    PUBLIC_URL: z.string().url().optional(),
    /**
     * How many reverse proxies stand in front of the app (their X-Forwarded-For is then
     * believed for the client's address). 0: none, the socket's address is the client's.
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** Responses started but never submitted are deleted after this many days. */
    PURGE_UNSUBMITTED_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /**
     * Multiplies the per-address (IP) rate limits. 1 in production; a test rig whose every
     * browser shares 127.0.0.1 raises it. Per-account and per-email-address limits never scale.
     */
    RATE_LIMIT_FACTOR: z.coerce.number().int().min(1).max(1000).default(1),
    /** One JSON line per request on stdout; on by default in production. */
    LOG_REQUESTS: z
      .enum(["true", "false"])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "true")),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    for (const key of ["PUBLIC_URL", "MAIL_FROM"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when NODE_ENV=production" });
    }
    if (env.PUBLIC_URL && !env.PUBLIC_URL.startsWith("https://") && env.COOKIE_SECURE !== false) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "must start with https:// in production (or set COOKIE_SECURE=false for a plain-http LAN)" });
    }
  })
  .transform((env) => {
    const production = env.NODE_ENV === "production";
    return {
      ...env,
      production,
      COOKIE_SECURE: env.COOKIE_SECURE ?? production,
      MAIL_FROM: env.MAIL_FROM ?? DEMO_MAIL_FROM,
      PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
      LOG_REQUESTS: env.LOG_REQUESTS ?? production,
    };
  });

export type Env = z.output<typeof EnvSchema>;

/**
 * Environment variables, checked once at boot by the server (or a command): a bad or
 * missing value stops it with a clear message. The only reader of `process.env` in `app/`;
 * everything else gets `env` through the load context or as a parameter.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

/** The settings a test or a script gets without touching process.env. */
export function testEnv(overrides: Record<string, string> = {}): Env {
  return readEnv({ NODE_ENV: "test", ...overrides });
}
