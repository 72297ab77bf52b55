import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { findInvitationByToken, setOptedOut } from "~/campaigns/invitations.server";

// The opt-out address in every invitation and reminder email. No page of its own, so
// that only these two requests change anything (the confirmation page's loader does not):
// - GET (one click on the link) opts out, then shows /opted-out/<token> in the invitee's language;
// - POST (a mail program's one-click unsubscribe, RFC 8058) opts out and answers 200.

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const token = params.token ?? "";
  const invitation = await findInvitationByToken(db, token);
  // An unknown token gets the confirmation page's 404.
  if (!invitation) return redirect(`/opted-out/${encodeURIComponent(token)}`);
  await setOptedOut(db, invitation.id, true, new Date());
  return redirect(`/opted-out/${invitation.token}?lng=${invitation.language}`, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const { db } = context;
  const invitation = await findInvitationByToken(db, params.token);
  if (!invitation) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  await setOptedOut(db, invitation.id, true, new Date());
  return new Response("Unsubscribed\n", { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
