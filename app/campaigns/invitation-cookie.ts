import { readEnv } from "~/env.server";

/**
 * The invitation a respondent came from, remembered on their device only for the
 * survey's own pages (Path=/s/<slug>), so submitting can mark it completed without the
 * response ever holding a link to it (docs/decisions/005-invitation-completion-without-a-link.md).
 */
export const INVITATION_COOKIE = "sd_invitation";
const MAX_AGE_SECONDS = 60 * 86_400;

function attributes(slug: string, maxAge: number): string {
  const secure = readEnv().COOKIE_SECURE ? "; Secure" : "";
  return `Path=/s/${slug}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

export function invitationCookie(slug: string, token: string): string {
  return `${INVITATION_COOKIE}=${token}; ${attributes(slug, MAX_AGE_SECONDS)}`;
}

export function clearInvitationCookie(slug: string): string {
  return `${INVITATION_COOKIE}=; ${attributes(slug, 0)}`;
}

export function readInvitationCookie(request: Request): string | undefined {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === INVITATION_COOKIE) return v.join("=") || undefined;
  }
  return undefined;
}
