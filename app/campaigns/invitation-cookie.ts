import { readCookie, serializeCookie } from "~/http/cookies";

/**
 * The invitation a respondent came from, remembered on their device only for the
 * survey's own pages (Path=/s/<slug>), so submitting can mark it completed without the
 * response ever holding a link to it (docs/decisions/005-invitation-completion-without-a-link.md).
 */
export const INVITATION_COOKIE = "sd_invitation";
const MAX_AGE_SECONDS = 60 * 86_400;

/** `cookieSecure` is `env.COOKIE_SECURE`. */
export function invitationCookie(slug: string, token: string, cookieSecure: boolean): string {
  return serializeCookie(INVITATION_COOKIE, token, { maxAge: MAX_AGE_SECONDS, secure: cookieSecure, path: `/s/${slug}` });
}

export function clearInvitationCookie(slug: string, cookieSecure: boolean): string {
  return serializeCookie(INVITATION_COOKIE, "", { maxAge: 0, secure: cookieSecure, path: `/s/${slug}` });
}

export function readInvitationCookie(request: Request): string | undefined {
  return readCookie(request, INVITATION_COOKIE) || undefined;
}
