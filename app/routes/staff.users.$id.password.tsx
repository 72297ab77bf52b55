import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { resetPasswordAction, resetPasswordPage } from "~/admin/user-pages.server";
import { NewPasswordField, UserErrorSummary, useUserErrors } from "~/admin/UserFields";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return resetPasswordPage(context.db, request, params.id);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return resetPasswordAction(context.db, request, params.id);
}

export default function ResetPassword() {
  const { user, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const errors = actionData?.errors ?? {};
  const { message } = useUserErrors(errors);
  return (
    <>
      <UserErrorSummary errors={errors} />
      <h1>
        <span className="caption">
          <bdi>{user.name}</bdi>
        </span>
        {t("users.password.heading")}
      </h1>
      <p>{isSelf ? t("users.password.intro_self") : t("users.password.intro")}</p>
      <StaffForm noValidate className="narrow-form">
        <NewPasswordField label={t("users.fields.new_password")} error={message("password")} />
        <div className="button-group">
          <button type="submit" className="button">
            {t("users.password.submit")}
          </button>
          <Link to={`/staff/users/${user.id}`}>{t("users.password.cancel")}</Link>
        </div>
      </StaffForm>
    </>
  );
}
