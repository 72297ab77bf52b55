import { useTranslation } from "~/i18n/react";
import { ROLES } from "@db/schema";
import { ChoiceField, TextField } from "~/ui/forms";
import type { FieldErrors } from "./form-helpers";
import { FormErrorSummary, useFieldErrors } from "./FormErrors";
import { PasswordField } from "./PasswordField";
import type { UserFormValues } from "./users";

/** The order fields appear in, so the error summary lists them in the same order. */
const FIELD_ORDER = ["name", "email", "role", "services", "password", "status"];

/** Translated error messages of a user form (an error code per field). */
export function useUserErrors(errors: FieldErrors) {
  return useFieldErrors(errors, "users.errors.", FIELD_ORDER);
}

export function UserErrorSummary({ errors }: { errors: FieldErrors }) {
  return <FormErrorSummary errors={errors} prefix="users.errors." order={FIELD_ORDER} />;
}

/** The new-password field, with its length hint; never filled in again after an error. */
export function NewPasswordField({ error, label }: { error?: string; label: string }) {
  const { t } = useTranslation("admin");
  return <PasswordField autoComplete="new-password" label={label} hint={t("users.fields.password_hint")} error={error} />;
}

/** Name, (email,) role and services of a staff account; shared by the new and edit pages. */
export function UserFields({
  values,
  errors,
  services,
  withEmail,
  isSelf = false,
}: {
  values: UserFormValues;
  errors: FieldErrors;
  services: { value: string; label: string }[];
  withEmail: boolean;
  isSelf?: boolean;
}) {
  const { t } = useTranslation(["admin", "staff"]);
  const { message } = useUserErrors(errors);
  return (
    <>
      <TextField id="name" name="name" autoComplete="off" label={t("users.fields.name")} value={values.name} error={message("name")} />
      {withEmail ? (
        <TextField
          id="email"
          name="email"
          type="email"
          autoComplete="off"
          label={t("users.fields.email")}
          hint={t("users.fields.email_hint")}
          value={values.email}
          error={message("email")}
        />
      ) : null}
      <ChoiceField
        id="role"
        name="role"
        label={t("users.fields.role")}
        hint={isSelf ? t("users.fields.role_hint_self") : t("users.fields.role_hint")}
        // i18n-dynamic: staff:roles.
        options={ROLES.map((role) => ({ value: role, label: t(`staff:roles.${role}`) }))}
        selected={[values.role]}
        error={message("role")}
      />
      <ChoiceField
        id="services"
        name="services"
        multiple
        label={t("users.fields.services")}
        hint={t("users.fields.services_hint")}
        options={services}
        selected={values.services}
        error={message("services")}
      />
    </>
  );
}
