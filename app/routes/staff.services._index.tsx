import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { servicesListPage } from "~/admin/service-pages.server";
import { NO_LOCALITY } from "~/admin/services";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return servicesListPage(context.db, request);
}

export default function ServicesList() {
  const { groups } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  return (
    <>
      <h1>{t("services.list.title")}</h1>
      <p>{t("services.list.intro")}</p>
      <p>
        <Link to="/staff/services/new" className="button">
          {t("services.list.add")}
        </Link>
      </p>
      {groups.map((group) => (
        <section key={group.organisation} aria-labelledby={`org-${group.services[0].id}`}>
          <h2 id={`org-${group.services[0].id}`}>{group.organisation}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("services.fields.name_en")}</th>
                  <th scope="col">{t("services.fields.name_ur")}</th>
                  <th scope="col">{t("services.fields.locality")}</th>
                </tr>
              </thead>
              <tbody>
                {group.services.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" lang="en" dir="ltr">
                      <Link to={`/staff/services/${s.id}`}>{s.name_en}</Link>
                    </th>
                    <td lang="ur" dir="rtl">
                      {s.name_ur}
                    </td>
                    {/* i18n-dynamic: admin:localities. */}
                    <td>{t(`localities.${s.locality ?? NO_LOCALITY}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
