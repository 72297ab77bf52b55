import type { NextFunction, Request, Response } from "express";
import { redactPath } from "./policy";

export type LogLine = Record<string, string | number | boolean | undefined>;

/** One JSON line on stdout: what a log collector (journald, CloudWatch...) reads. */
export function logLine(line: LogLine): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
}

/**
 * One line per request: time, method, path without its query or tokens, status,
 * duration and size. Nothing personal: no IP address, no cookie, no form field.
 */
export function requestLog(req: Request, res: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    logLine({
      level: res.statusCode >= 500 ? "error" : "info",
      method: req.method,
      path: redactPath(req.originalUrl),
      status: res.statusCode,
      ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      bytes: Number(res.getHeader("content-length") ?? 0) || undefined,
    });
  });
  next();
}
