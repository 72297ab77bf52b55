import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { usersListPage } from "~/admin/user-pages.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return usersListPage(context.db, request);
}

export default function UsersList() {
  const { users } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["admin", "staff"]);
  return (
    <>
      <h1>{t("users.list.title")}</h1>
      <p>{t("users.list.intro")}</p>
      <p>
        <Link to="/staff/users/new" className="button">
          {t("users.list.add")}
        </Link>
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("users.list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("users.fields.name")}</th>
              <th scope="col">{t("users.fields.email")}</th>
              <th scope="col">{t("users.fields.role")}</th>
              <th scope="col">{t("users.fields.services")}</th>
              <th scope="col">{t("users.list.status")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <Link to={`/staff/users/${u.id}`}>{u.name}</Link>
                </th>
                <td>
                  <bdi>{u.email}</bdi>
                </td>
                {/* i18n-dynamic: staff:roles. */}
                <td>{t(`staff:roles.${u.role}`)}</td>
                <td>{u.services.length ? u.services.join(t("users.list.separator")) : t("users.list.no_services")}</td>
                <td>
                  <span className={`tag${u.active ? "" : " tag--inactive"}`}>{u.active ? t("users.status.active") : t("users.status.deactivated")}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
