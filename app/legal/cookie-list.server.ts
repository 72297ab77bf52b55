import { SESSION_COOKIE } from "~/auth/session.server";
import { INVITATION_COOKIE } from "~/campaigns/invitation-cookie";
import { LANGUAGE_COOKIE } from "~/i18n/i18n";
import { RATED_COOKIE } from "~/loop/rating-cookie";

export interface CookieRow {
  name: string;
  /** Keys in the "legal" namespace. */
  purpose: string;
  lifetime: string;
}

/**
 * Every cookie the app sets, for the cookies page, named by the constants the code
 * sets them with: a cookie renamed here is renamed on the page. A new cookie needs a
 * row (and its lifetime in words) here.
 */
export function cookieRows(): CookieRow[] {
  return [
    { name: LANGUAGE_COOKIE, purpose: "cookies.rows.language.purpose", lifetime: "cookies.rows.language.lifetime" },
    { name: INVITATION_COOKIE, purpose: "cookies.rows.invitation.purpose", lifetime: "cookies.rows.invitation.lifetime" },
    { name: RATED_COOKIE, purpose: "cookies.rows.rated.purpose", lifetime: "cookies.rows.rated.lifetime" },
    { name: SESSION_COOKIE, purpose: "cookies.rows.session.purpose", lifetime: "cookies.rows.session.lifetime" },
  ];
}
