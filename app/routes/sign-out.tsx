import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import { signOutAction } from "~/auth/sign-in.server";

export async function action({ request }: ActionFunctionArgs) {
  return signOutAction(getDb(), request);
}

export async function loader() {
  return redirect("/staff");
}
