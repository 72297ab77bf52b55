import { json } from "@remix-run/node";

// Unknown URLs get a real 404, rendered by the root error boundary.
export async function loader() {
  throw json({ reason: "not_found" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
