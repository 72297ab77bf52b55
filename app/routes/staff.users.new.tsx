import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { createUserAction, newUserPage } from "~/admin/user-pages.server";
import { NewPasswordField, UserErrorSummary, UserFields, useUserErrors } from "~/admin/UserFields";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return newUserPage(context.db, request);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return createUserAction(context.db, request);
}

const EMPTY = { name: "", email: "", role: "", services: [] as string[] };

export default function NewUser() {
  const { services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const errors = actionData?.errors ?? {};
  const { message } = useUserErrors(errors);
  return (
    <>
      <UserErrorSummary errors={errors} />
      <h1>{t("users.new.title")}</h1>
      <StaffForm noValidate className="narrow-form">
        <UserFields values={actionData?.values ?? EMPTY} errors={errors} services={services} withEmail />
        <NewPasswordField label={t("users.fields.initial_password")} error={message("password")} />
        <button type="submit" className="button">
          {t("users.new.submit")}
        </button>
      </StaffForm>
    </>
  );
}
