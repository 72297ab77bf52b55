import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, destroySession, requireStaffForm } from "~/auth/session.server";

// Signing out is a post with the CSRF token, so another site cannot sign staff out.
export async function action({ request }: ActionFunctionArgs) {
  await requireStaffForm(request.clone());
  await destroySession(request);
  return redirect("/sign-in?signed-out", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export async function loader() {
  return redirect("/staff");
}
