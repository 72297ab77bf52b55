import type { NextFunction, Request, Response } from "express";
import { edgePageHtml } from "../../app/http/edge-pages";
import { bodyLimitFor, countFormFields, isFormContentType, MAX_FORM_FIELDS } from "./policy";

// Keep reading (and dropping) a refused body up to this much so the client sees the
// 413 instead of a reset connection; past it the connection is cut.
const DRAIN_LIMIT = 64 * 1024 * 1024;

function refuse(req: Request, res: Response, status: 413 | 415): void {
  res.status(status).type("html").send(edgePageHtml(status));
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.resume();
}

/**
 * Every request body is counted byte by byte as it arrives, chunked or not, before any
 * of it reaches the app: past the limit for its path it is refused with 413 and dropped
 * (nothing is kept, so memory stays flat). A body that is not one of our forms is refused
 * with 415, and a form with more fields than any of ours with 413. What passes is handed
 * on in `res.locals.body`.
 */
export function boundedFormBody(req: Request, res: Response, next: NextFunction): void {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const limit = bodyLimitFor(req.path);
  const declared = Number(req.get("content-length") ?? 0);
  const contentType = req.get("content-type");
  if (Number.isFinite(declared) && declared > limit) return refuse(req, res, 413);
  const chunked = req.get("transfer-encoding") !== undefined;
  if (!chunked && !(declared > 0)) {
    res.locals.body = Buffer.alloc(0);
    return next();
  }
  if (!isFormContentType(contentType)) return refuse(req, res, 415);

  const chunks: Buffer[] = [];
  let received = 0;
  let refused = false;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= limit) {
      chunks.push(chunk);
      return;
    }
    refused = true;
    chunks.length = 0;
    req.off("data", onData);
    req.off("end", onEnd);
    refuse(req, res, 413);
  };
  const onEnd = () => {
    if (refused) return;
    const body = Buffer.concat(chunks, received);
    if (countFormFields(body, contentType!) > MAX_FORM_FIELDS) return refuse(req, res, 413);
    res.locals.body = body;
    next();
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", () => {
    refused = true;
  });
}
