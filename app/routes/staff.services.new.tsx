import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { createServiceAction, newServicePage } from "~/admin/service-pages.server";
import { ServiceErrorSummary, ServiceFields } from "~/admin/ServiceFields";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return newServicePage(context.db, request);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return createServiceAction(context.db, request);
}

const EMPTY = { organisation: "", slug: "", name_en: "", name_ur: "", locality: "" };

export default function NewService() {
  const { organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const errors = actionData?.errors ?? {};
  return (
    <>
      <ServiceErrorSummary errors={errors} />
      <h1>{t("services.new.title")}</h1>
      <StaffForm noValidate className="narrow-form">
        <ServiceFields values={actionData?.values ?? EMPTY} errors={errors} organisations={organisations} withSlug />
        <button type="submit" className="button">
          {t("services.new.submit")}
        </button>
      </StaffForm>
    </>
  );
}
