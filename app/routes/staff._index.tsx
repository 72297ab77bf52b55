import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { canEnter } from "~/auth/permissions";
import { requireStaffUser } from "~/auth/session.server";
import { listServiceNames } from "~/admin/services.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "home");
  const lng = languageFromRequest(request);
  const services = await listServiceNames(db, user.serviceIds);
  return json({
    pageTitle: getFixedT(lng, "staff")("home.title"),
    role: user.role,
    isServiceStaff: user.role === "service_lead" || user.role === "service_member",
    services: services.map((s) => ({ id: s.id, name: pick(s, "name", lng) })),
    links: {
      dashboard: canEnter(user, "dashboard"),
      results: canEnter(user, "results"),
      loop: canEnter(user, "loop"),
      surveys: canEnter(user, "surveys"),
      campaigns: canEnter(user, "campaigns"),
      users: canEnter(user, "users"),
      services: canEnter(user, "services"),
      mailbox: canEnter(user, "mailbox"),
    },
  });
}

export default function StaffHome() {
  const { role, services, isServiceStaff, links } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["staff", "results"]);
  return (
    <>
      <h1>{t("home.title")}</h1>
      {/* i18n-dynamic: staff:roles. */}
      <p className="lead">{t("home.role", { role: t(`roles.${role}`) })}</p>
      {isServiceStaff ? (
        <>
          <h2>{t("home.your_services")}</h2>
          {services.length ? (
            <ul>
              {services.map((s) => (
                <li key={s.id}>{s.name}</li>
              ))}
            </ul>
          ) : (
            <p className="inset">{t("home.no_services")}</p>
          )}
        </>
      ) : null}
      {role === "board" ? <p className="inset">{t("home.board_note")}</p> : null}
      {role === "pcf" ? <p className="inset">{t("home.pcf_note")}</p> : null}
      {Object.values(links).some(Boolean) ? (
        <>
          <h2>{t("home.what_you_can_do")}</h2>
          <ul>
            {links.dashboard ? <li><Link to="/staff/dashboard">{t("results:home.dashboard")}</Link></li> : null}
            {links.results ? <li><Link to="/staff/results">{t("results:home.results")}</Link></li> : null}
            {links.loop ? <li><Link to="/staff/loop">{t("home.loop")}</Link></li> : null}
            {links.surveys ? <li><Link to="/staff/surveys">{t("nav.surveys")}</Link></li> : null}
            {links.campaigns ? <li><Link to="/staff/campaigns">{t("nav.campaigns")}</Link></li> : null}
            {links.users ? <li><Link to="/staff/users">{t("nav.users")}</Link></li> : null}
            {links.services ? <li><Link to="/staff/services">{t("nav.services")}</Link></li> : null}
            {links.mailbox ? <li><Link to="/staff/mailbox">{t("nav.mailbox")}</Link></li> : null}
          </ul>
        </>
      ) : null}
    </>
  );
}
