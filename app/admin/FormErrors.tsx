import { useTranslation } from "~/i18n/react";
import { ErrorSummary } from "~/ui/forms";
import type { FieldErrors } from "./form-helpers";

// i18n-dynamic: admin:users.errors.
// i18n-dynamic: admin:services.errors.
type ErrorPrefix = "users.errors." | "services.errors.";

/**
 * Translated messages of a form's error codes (admin namespace), and the error
 * summary's items in the order the fields appear.
 */
export function useFieldErrors(errors: FieldErrors, prefix: ErrorPrefix, order: readonly string[]) {
  const { t } = useTranslation("admin");
  const message = (field: string) => (errors[field] ? t(`${prefix}${errors[field]}`) : undefined);
  const summary = order.filter((f) => errors[f]).map((f) => ({ href: f, text: message(f) ?? "" }));
  return { message, summary };
}

export function FormErrorSummary(props: { errors: FieldErrors; prefix: ErrorPrefix; order: readonly string[] }) {
  return <ErrorSummary errors={useFieldErrors(props.errors, props.prefix, props.order).summary} />;
}
