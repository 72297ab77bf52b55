import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { editServiceAction, editServicePage } from "~/admin/service-pages.server";
import { ServiceErrorSummary, ServiceFields } from "~/admin/ServiceFields";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return editServicePage(context.db, request, params.id);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return editServiceAction(context.db, request, params.id);
}

export default function EditService() {
  const { name, values, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const errors = actionData?.errors ?? {};
  return (
    <>
      <ServiceErrorSummary errors={errors} />
      <h1>
        <span className="caption">{t("services.edit.caption")}</span>
        {name}
      </h1>
      <dl className="summary-list">
        <dt>{t("services.fields.slug")}</dt>
        <dd>
          <bdi>{values.slug}</bdi>
        </dd>
      </dl>
      <StaffForm noValidate className="narrow-form">
        <ServiceFields values={actionData?.values ?? values} errors={errors} organisations={organisations} withSlug={false} />
        <button type="submit" className="button">
          {t("services.edit.submit")}
        </button>
      </StaffForm>
    </>
  );
}
