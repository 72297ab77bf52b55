import { useTranslation } from "~/i18n/react";
import { ChoiceField, SelectField, TextField } from "~/ui/forms";
import type { DraftChoices, DraftValues } from "../draft-form.server";
import { fieldId } from "./problems";

/** The fields of a draft (new, and "Edit draft" on its page). `form` prefixes the ids. */
export function DraftFields({
  form,
  choices,
  values,
  errorOf,
  forum,
}: {
  form: string;
  choices: Omit<DraftChoices, "currentTerm">;
  values: DraftValues;
  errorOf: (field: string) => string | undefined;
  /** A PCF draft from the forum: asks how many families raised it. */
  forum: boolean;
}) {
  const { t } = useTranslation("loop");
  const id = (field: string) => fieldId(form, field);
  const limit = t("draft.limit", { max: "2,000" });
  return (
    <>
      <SelectField
        id={id("leadService")}
        name="leadService"
        label={t("draft.lead_service")}
        hint={t("draft.lead_service_hint")}
        placeholder={t("draft.choose")}
        options={choices.leadServices}
        value={values.leadService}
        error={errorOf("leadService")}
      />
      <ChoiceField
        id={id("contributing")}
        name="contributing"
        multiple
        label={t("draft.contributing")}
        hint={t("draft.contributing_hint")}
        optionalText={t("draft.optional")}
        options={choices.services}
        selected={values.contributing}
        error={errorOf("contributing")}
      />
      <SelectField
        id={id("period")}
        name="period"
        label={t("draft.period")}
        placeholder={t("draft.choose")}
        options={choices.periods}
        value={values.period}
        error={errorOf("period")}
      />
      <SelectField
        id={id("theme")}
        name="theme"
        label={t("draft.theme")}
        placeholder={t("draft.choose")}
        options={choices.themes}
        value={values.theme}
        error={errorOf("theme")}
      />
      <TextField
        id={id("youSaidEn")}
        name="youSaidEn"
        multiline
        rows={4}
        label={t("draft.you_said_en")}
        hint={t("draft.you_said_hint")}
        limitHint={limit}
        inputLang="en"
        value={values.youSaidEn}
        error={errorOf("youSaidEn")}
      />
      <TextField
        id={id("youSaidUr")}
        name="youSaidUr"
        multiline
        rows={4}
        label={t("draft.you_said_ur")}
        hint={t("draft.you_said_ur_hint")}
        limitHint={limit}
        inputLang="ur"
        value={values.youSaidUr}
        error={errorOf("youSaidUr")}
      />
      {forum ? (
        <TextField
          id={id("forumFamilies")}
          name="forumFamilies"
          type="number"
          label={t("draft.forum_families")}
          hint={t("draft.forum_families_hint")}
          optionalText={t("draft.optional")}
          value={values.forumFamilies}
          error={errorOf("forumFamilies")}
        />
      ) : null}
    </>
  );
}
