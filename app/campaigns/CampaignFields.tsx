import { useTranslation } from "~/i18n/react";
import { ErrorSummary, TextField } from "~/ui/forms";
import { eligibleFieldOf, type CampaignFormValues } from "./campaign-form";

/** The page order of the campaign form's fields, for the error summary. */
export const CAMPAIGN_FIELD_ORDER = [
  "survey_version_id",
  "name_en",
  "name_ur",
  "opens_on",
  "closes_on",
  "service_ids",
  "anonymous",
  "eligible_count",
  "reminder_days",
] as const;

/** An error code's message (campaigns:form.errors.<code>). */
export function useCampaignErrorText() {
  const { t } = useTranslation("campaigns");
  // i18n-dynamic: campaigns:form.errors.
  return (code: string | undefined) => (code ? t(`form.errors.${code}`) : undefined);
}

/** The error summary of a campaign form, in the order of its fields. */
export function CampaignErrorSummary({ errors }: { errors: Record<string, string> }) {
  const message = useCampaignErrorText();
  return (
    <ErrorSummary
      errors={[...CAMPAIGN_FIELD_ORDER, ...Object.keys(errors).filter((f) => /^eligible_\d+$/.test(f))]
        .filter((f) => errors[f])
        .map((f) => ({ href: f, text: message(errors[f]) ?? "" }))}
    />
  );
}

function text(values: CampaignFormValues, key: string): string {
  const v = values[key];
  return typeof v === "string" ? v : "";
}

/** Names, dates: the fields both the new and the edit form start with. */
export function CampaignNameAndDates({ values, errors }: { values: CampaignFormValues; errors: Record<string, string> }) {
  const { t } = useTranslation("campaigns");
  const message = useCampaignErrorText();
  return (
    <>
      <TextField id="name_en" name="name_en" label={t("form.name_en")} hint={t("form.name_en_hint")} value={text(values, "name_en")} error={message(errors.name_en)} />
      <TextField id="name_ur" name="name_ur" label={t("form.name_ur")} hint={t("form.name_ur_hint")} value={text(values, "name_ur")} error={message(errors.name_ur)} />
      <TextField id="opens_on" name="opens_on" type="date" label={t("form.opens_on")} value={text(values, "opens_on")} error={message(errors.opens_on)} />
      <TextField id="closes_on" name="closes_on" type="date" label={t("form.closes_on")} hint={t("form.closes_on_hint")} value={text(values, "closes_on")} error={message(errors.closes_on)} />
    </>
  );
}

/** Eligible count and reminder schedule: the fields both forms end with. */
export function CampaignCountAndSchedule({ values, errors }: { values: CampaignFormValues; errors: Record<string, string> }) {
  const { t } = useTranslation("campaigns");
  const message = useCampaignErrorText();
  return (
    <>
      <TextField
        id="eligible_count"
        name="eligible_count"
        label={t("form.eligible_count")}
        optionalText={t("form.optional")}
        hint={t("form.eligible_count_hint")}
        value={text(values, "eligible_count")}
        error={message(errors.eligible_count)}
      />
      <TextField
        id="reminder_days"
        name="reminder_days"
        label={t("form.reminder_days")}
        optionalText={t("form.optional")}
        hint={t("form.reminder_days_hint")}
        value={text(values, "reminder_days")}
        error={message(errors.reminder_days)}
      />
    </>
  );
}

/**
 * Forms handed out by each service (edit form only: the services are fixed by then). A
 * campaign records these or one total, never both.
 */
export function EligibleByServiceFields({
  services,
  values,
  errors,
}: {
  services: { id: number; name: string }[];
  values: CampaignFormValues;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation("campaigns");
  const message = useCampaignErrorText();
  if (services.length < 2) return null;
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">{t("form.eligible_by_service")}</legend>
      <p className="hint">{t("form.eligible_by_service_hint")}</p>
      {services.map((s) => (
        <TextField
          key={s.id}
          id={eligibleFieldOf(s.id)}
          name={eligibleFieldOf(s.id)}
          label={s.name}
          optionalText={t("form.optional")}
          value={text(values, eligibleFieldOf(s.id))}
          error={message(errors[eligibleFieldOf(s.id)])}
        />
      ))}
    </fieldset>
  );
}
