import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { canEnter, type Area } from "~/auth/permissions";
import { popFlash, requireStaffSession } from "~/auth/session.server";
import { ErrorPage } from "~/ui/ErrorPage";
import { CsrfField } from "~/ui/StaffForm";
import type { PageHandle } from "~/ui/page-handle";
import staffStyles from "~/styles/staff.css";

/** Staff pages keep Remix's client scripts (respondent and public pages do without). */
export const handle: PageHandle = { hydrate: true };

// Staff check Urdu texts (surveys, "You said" entries, comments, emails) on English pages
// too, so staff pages always declare the Nastaliq font face. Its file (unicode-range: Arabic
// script only) downloads only when a page shows Urdu text; public English pages never load it.
// staff.css (tables, dashboards, the builder, the loop queues) comes after the root's base.css.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: staffStyles },
  { rel: "stylesheet", href: "/fonts/urdu.css" },
];

/** The staff navigation, in order; each link shows only to roles that may enter its area. Keys are staff:nav.* unless namespaced. */
const NAV: { area: Area; to: string; key: string }[] = [
  { area: "home", to: "/staff", key: "nav.home" },
  { area: "dashboard", to: "/staff/dashboard", key: "results:nav.dashboard" },
  { area: "results", to: "/staff/results", key: "results:nav.results" },
  { area: "loop", to: "/staff/loop", key: "nav.loop" },
  { area: "surveys", to: "/staff/surveys", key: "nav.surveys" },
  { area: "campaigns", to: "/staff/campaigns", key: "nav.campaigns" },
  { area: "users", to: "/staff/users", key: "nav.users" },
  { area: "services", to: "/staff/services", key: "nav.services" },
  { area: "mailbox", to: "/staff/mailbox", key: "nav.mailbox" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context;
  const session = await requireStaffSession(db, request, "home");
  const flash = await popFlash(db, session.id);
  return json(
    {
      csrf: session.csrfToken,
      user: { name: session.user.name, role: session.user.role },
      nav: NAV.filter((n) => canEnter(session.user, n.area)).map(({ to, key }) => ({ to, key })),
      flash,
    },
    // Staff pages show data and tokens that must not sit in shared caches.
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

// After any staff post, even one refused with errors, reload the layout so the last
// confirmation message does not linger beside the new error summary.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod !== undefined && formMethod.toUpperCase() !== "GET" ? true : defaultShouldRevalidate;

export default function StaffLayout() {
  const { user, nav, flash } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["staff", "admin", "builder", "campaigns", "mail", "results"]);
  return (
    <div className="staff">
      <div className="staff-bar">
        <nav aria-label={t("staff:nav.label")} className="staff-nav">
          <ul>
            {nav.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.to === "/staff"}>
                  {t(n.key.includes(":") ? n.key : `staff:${n.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="staff-bar__user">
          <span>{t("staff:signed_in_as", { name: user.name })}</span>
          <Form method="post" action="/sign-out">
            <CsrfField />
            <button type="submit" className="button button--link">
              {t("staff:nav.sign_out")}
            </button>
          </Form>
        </div>
      </div>
      {flash ? (
        <div className="notification notification--success" role="status" aria-label={t("staff:flash_label")}>
          <p>{t(flash.key, flash.values ?? {})}</p>
        </div>
      ) : null}
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
