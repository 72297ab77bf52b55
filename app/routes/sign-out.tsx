import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOutAction } from "~/auth/sign-in.server";

export async function action({ request, context }: ActionFunctionArgs) {
  return signOutAction(context.db, request, context.env.COOKIE_SECURE);
}

export async function loader() {
  return redirect("/staff");
}
