import { useTranslation } from "~/i18n/react";
import { LOCALITIES } from "@db/schema";
import { ChoiceField, SelectField, TextField } from "~/ui/forms";
import type { FieldErrors } from "./form-helpers";
import { FormErrorSummary, useFieldErrors } from "./FormErrors";
import { NO_LOCALITY, type ServiceFormValues } from "./services";

const FIELD_ORDER = ["organisation", "slug", "name_en", "name_ur", "locality"];

export function ServiceErrorSummary({ errors }: { errors: FieldErrors }) {
  return <FormErrorSummary errors={errors} prefix="services.errors." order={FIELD_ORDER} />;
}

/** The form of a new or changed service; `withSlug` only when the service is new. */
export function ServiceFields({
  values,
  errors,
  organisations,
  withSlug,
}: {
  values: ServiceFormValues;
  errors: FieldErrors;
  organisations: { value: string; label: string }[];
  withSlug: boolean;
}) {
  const { t } = useTranslation("admin");
  const { message } = useFieldErrors(errors, "services.errors.", FIELD_ORDER);
  return (
    <>
      <SelectField
        id="organisation"
        name="organisation"
        label={t("services.fields.organisation")}
        placeholder={t("services.fields.organisation_placeholder")}
        options={organisations}
        value={values.organisation}
        error={message("organisation")}
      />
      {withSlug ? (
        <TextField
          id="slug"
          name="slug"
          autoComplete="off"
          label={t("services.fields.slug")}
          hint={t("services.fields.slug_hint")}
          value={values.slug}
          error={message("slug")}
        />
      ) : null}
      <TextField id="name_en" name="name_en" autoComplete="off" label={t("services.fields.name_en")} value={values.name_en} error={message("name_en")} />
      <TextField
        id="name_ur"
        name="name_ur"
        autoComplete="off"
        label={t("services.fields.name_ur")}
        hint={t("services.fields.name_ur_hint")}
        value={values.name_ur}
        error={message("name_ur")}
      />
      <ChoiceField
        id="locality"
        name="locality"
        label={t("services.fields.locality")}
        // i18n-dynamic: admin:localities.
        options={[...LOCALITIES, NO_LOCALITY].map((l) => ({ value: l, label: t(`localities.${l}`) }))}
        selected={[values.locality]}
        error={message("locality")}
      />
    </>
  );
}
