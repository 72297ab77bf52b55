import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { isolate } from "~/admin/form-helpers";
import { editUserAction, editUserPage } from "~/admin/user-pages.server";
import { UserErrorSummary, UserFields, useUserErrors } from "~/admin/UserFields";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return editUserPage(context.db, request, params.id);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return editUserAction(context.db, request, params.id);
}

export default function EditUser() {
  const { user, values, isSelf, services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const errors = actionData?.errors ?? {};
  const { message } = useUserErrors(errors);
  const statusError = message("status");
  return (
    <>
      <UserErrorSummary errors={errors} />
      <h1>
        <span className="caption">{t("users.edit.caption")}</span>
        <bdi>{user.name}</bdi>
      </h1>
      <dl className="summary-list">
        <dt>{t("users.fields.email")}</dt>
        <dd>
          <bdi>{user.email}</bdi>
        </dd>
        <dt>{t("users.list.status")}</dt>
        <dd>{user.active ? t("users.status.active") : t("users.status.deactivated")}</dd>
      </dl>

      <StaffForm noValidate className="narrow-form">
        <input type="hidden" name="intent" value="save" />
        <UserFields values={actionData?.values ?? values} errors={errors} services={services} withEmail={false} isSelf={isSelf} />
        <button type="submit" className="button">
          {t("users.edit.submit")}
        </button>
      </StaffForm>

      <h2>{t("users.edit.password_heading")}</h2>
      <p>
        <Link to={`/staff/users/${user.id}/password`}>{t("users.edit.reset_password_link", { name: isolate(user.name) })}</Link>
      </p>

      <h2>{t("users.edit.status_heading")}</h2>
      <div className={`form-group${statusError ? " form-group--error" : ""}`}>
        {statusError ? (
          <p className="error-message" id="status-error">
            <span className="visually-hidden">{t("common:error_prefix")} </span>
            {statusError}
          </p>
        ) : null}
        {user.active && isSelf ? (
          <p className="inset" id="status">
            {t("users.edit.cannot_deactivate_self")}
          </p>
        ) : user.active ? (
          <StaffForm>
            <p>{t("users.edit.deactivate_explained")}</p>
            <input type="hidden" name="intent" value="deactivate" />
            <button type="submit" id="status" className="button button--warning" aria-describedby={statusError ? "status-error" : undefined}>
              {t("users.edit.deactivate")}
            </button>
          </StaffForm>
        ) : (
          <StaffForm>
            <p>{t("users.edit.reactivate_explained")}</p>
            <input type="hidden" name="intent" value="reactivate" />
            <button type="submit" id="status" className="button button--secondary">
              {t("users.edit.reactivate")}
            </button>
          </StaffForm>
        )}
      </div>
    </>
  );
}
