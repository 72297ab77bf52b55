/**
 * The forms on an entry's page, one per move. Each posts its `intent` to the page's one
 * action; after a refusal with problems, the form that was sent shows them and keeps
 * every value typed.
 */
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import type { LoopOutcome } from "@db/schema";
import { SelectField, TextField } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";
import type { DraftChoices, DraftValues } from "../draft-form.server";
import { DraftFields } from "./DraftFields";
import { fieldId, formProblems, type ShownProblem } from "./problems";

export interface EntryAnswer {
  form: string;
  /** Named `errors` so the page title gains its "Error:" prefix (app/ui/page-title.ts). */
  errors: ShownProblem[];
  values: Record<string, string | string[]>;
  conflict: boolean;
}

type Values = Record<string, string | string[]>;

function useForm(form: string, answer: EntryAnswer | undefined, defaults: Values) {
  const { t } = useTranslation(["loop", "loop_common"]);
  const mine = answer?.form === form;
  const { errorOf } = formProblems(t, form, answer);
  const values: Values = mine ? { ...defaults, ...answer!.values } : defaults;
  const value = (name: string) => {
    const v = values[name];
    return typeof v === "string" ? v : "";
  };
  const id = (name: string) => fieldId(form, name);
  return { t, errorOf, value, id, values };
}

function Section({ form, title, children }: { form: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${form}-title`} className="loop-action">
      <h3 id={`${form}-title`}>{title}</h3>
      {children}
    </section>
  );
}

function Intent({ value }: { value: string }) {
  return <input type="hidden" name="intent" value={value} />;
}

const LIMIT = "2,000";
const SHORT = "500";

function OwnerAndDue({ form, owners, f }: { form: string; owners: { value: string; label: string }[]; f: ReturnType<typeof useForm> }) {
  const { t } = f;
  return (
    <>
      <SelectField
        id={f.id("owner")}
        name="owner"
        label={t("entry.owner")}
        hint={t("actions.owner_hint")}
        placeholder={t("actions.choose_owner")}
        options={owners}
        value={f.value("owner")}
        error={f.errorOf("owner")}
      />
      <TextField id={fieldId(form, "dueOn")} name="dueOn" type="date" label={t("entry.due_on")} hint={t("actions.due_hint")} value={f.value("dueOn")} error={f.errorOf("dueOn")} />
    </>
  );
}

function Reason({ f, label, hint }: { f: ReturnType<typeof useForm>; label: string; hint?: string }) {
  return (
    <TextField
      id={f.id("reason")}
      name="reason"
      multiline
      rows={3}
      label={label}
      hint={hint}
      limitHint={f.t("draft.limit", { max: SHORT })}
      value={f.value("reason")}
      error={f.errorOf("reason")}
    />
  );
}

export function OpenForm({ answer, owners, defaults }: { answer?: EntryAnswer; owners: { value: string; label: string }[]; defaults: Values }) {
  const f = useForm("open", answer, defaults);
  return (
    <Section form="open" title={f.t("actions.open_title")}>
      <p>{f.t("actions.open_intro")}</p>
      <StaffForm noValidate className="narrow-form">
        <Intent value="open" />
        <OwnerAndDue form="open" owners={owners} f={f} />
        <button type="submit" className="button">
          {f.t("actions.open_submit")}
        </button>
      </StaffForm>
    </Section>
  );
}

export function ReassignForm({ answer, owners, defaults }: { answer?: EntryAnswer; owners: { value: string; label: string }[]; defaults: Values }) {
  const f = useForm("reassign", answer, defaults);
  return (
    <Section form="reassign" title={f.t("actions.reassign_title")}>
      <StaffForm noValidate className="narrow-form">
        <Intent value="reassign" />
        <OwnerAndDue form="reassign" owners={owners} f={f} />
        <Reason f={f} label={f.t("actions.reassign_reason")} />
        <button type="submit" className="button button--secondary">
          {f.t("actions.reassign_submit")}
        </button>
      </StaffForm>
    </Section>
  );
}

const OUTCOMES: LoopOutcome[] = ["done", "partly_done", "not_possible"];

/** `defaults`: the entry's close-out so far, so a sent-back entry's owner corrects it instead of typing it again. */
export function CloseForm({ answer, defaults }: { answer?: EntryAnswer; defaults: Values }) {
  const f = useForm("close", answer, defaults);
  const { t } = f;
  const error = f.errorOf("outcome");
  const first = f.id("outcome");
  return (
    <Section form="close" title={t("actions.close_title")}>
      <p>{t("actions.close_intro")}</p>
      <StaffForm noValidate className="narrow-form">
        <Intent value="close" />
        <div className={`form-group${error ? " form-group--error" : ""}`}>
          <fieldset className="fieldset" aria-describedby={error ? `${first}-error` : undefined}>
            <legend className="fieldset__legend">{t("actions.outcome")}</legend>
            {error ? (
              <p className="error-message" id={`${first}-error`}>
                <span className="visually-hidden">{t("common:error_prefix")} </span>
                {error}
              </p>
            ) : null}
            <div className="radios">
              {OUTCOMES.map((o, i) => {
                const inputId = i === 0 ? first : `${first}-${i + 1}`;
                return (
                  <div className="choice" key={o}>
                    <input className="choice__input" id={inputId} name="outcome" type="radio" value={o} defaultChecked={f.value("outcome") === o} aria-describedby={`${inputId}-hint`} />
                    <label className="choice__label" htmlFor={inputId}>
                      {/* i18n-dynamic: loop_common:outcomes. */}
                      {t(`loop_common:outcomes.${o}`)}
                    </label>
                    {/* i18n-dynamic: loop:actions.outcome_hint. */}
                    <div className="hint choice__hint" id={`${inputId}-hint`}>
                      {t(`actions.outcome_hint.${o}`)}
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <TextField id={f.id("weDidEn")} name="weDidEn" multiline rows={4} label={t("actions.we_did_en")} hint={t("actions.we_did_hint")} limitHint={t("draft.limit", { max: LIMIT })} inputLang="en" value={f.value("weDidEn")} error={f.errorOf("weDidEn")} />
        <TextField id={f.id("weDidUr")} name="weDidUr" multiline rows={4} label={t("actions.we_did_ur")} limitHint={t("draft.limit", { max: LIMIT })} inputLang="ur" value={f.value("weDidUr")} error={f.errorOf("weDidUr")} />
        <TextField id={f.id("outcomeNote")} name="outcomeNote" multiline rows={3} label={t("entry.outcome_note")} hint={t("actions.outcome_note_hint")} limitHint={t("draft.limit", { max: LIMIT })} value={f.value("outcomeNote")} error={f.errorOf("outcomeNote")} />
        <TextField id={f.id("changeEvidence")} name="changeEvidence" multiline rows={3} label={t("entry.change_evidence")} hint={t("actions.change_evidence_hint")} limitHint={t("draft.limit", { max: LIMIT })} value={f.value("changeEvidence")} error={f.errorOf("changeEvidence")} />
        <TextField id={f.id("changeFrom")} name="changeFrom" type="date" label={t("entry.change_from")} hint={t("actions.change_from_hint")} value={f.value("changeFrom")} error={f.errorOf("changeFrom")} />
        <button type="submit" className="button">
          {t("actions.close_submit")}
        </button>
      </StaffForm>
    </Section>
  );
}

export function SendBackForm({ answer }: { answer?: EntryAnswer }) {
  const f = useForm("send_back", answer, {});
  return (
    <Section form="send_back" title={f.t("actions.send_back_title")}>
      <StaffForm noValidate className="narrow-form">
        <Intent value="send_back" />
        <Reason f={f} label={f.t("actions.send_back_reason")} hint={f.t("actions.send_back_hint")} />
        <button type="submit" className="button button--secondary">
          {f.t("actions.send_back_submit")}
        </button>
      </StaffForm>
    </Section>
  );
}

/** Publish, or publish an open entry as "We are doing": a button and what it does. */
export function PublishForm({ intent }: { intent: "publish" | "publish_open" }) {
  const { t } = useTranslation("loop");
  return (
    <Section form={intent} title={intent === "publish" ? t("actions.publish_title") : t("actions.publish_open_title")}>
      <StaffForm>
        <Intent value={intent} />
        <p id={`${intent}-intro`}>{intent === "publish" ? t("actions.publish_intro") : t("actions.publish_open_intro")}</p>
        <button type="submit" className="button" aria-describedby={`${intent}-intro`}>
          {intent === "publish" ? t("actions.publish_submit") : t("actions.publish_open_submit")}
        </button>
      </StaffForm>
    </Section>
  );
}

export function DiscardForm({ answer }: { answer?: EntryAnswer }) {
  const f = useForm("discard", answer, {});
  const error = f.errorOf("confirm");
  const id = f.id("confirm");
  return (
    <Section form="discard" title={f.t("actions.discard_title")}>
      <StaffForm noValidate className="narrow-form">
        <Intent value="discard" />
        <Reason f={f} label={f.t("actions.discard_reason")} />
        <div className={`form-group${error ? " form-group--error" : ""}`}>
          {error ? (
            <p className="error-message" id={`${id}-error`}>
              <span className="visually-hidden">{f.t("common:error_prefix")} </span>
              {error}
            </p>
          ) : null}
          <div className="choice">
            <input className="choice__input" id={id} name="confirm" type="checkbox" value="yes" aria-describedby={error ? `${id}-error` : undefined} />
            <label className="choice__label" htmlFor={id}>
              {f.t("actions.discard_confirm")}
            </label>
          </div>
        </div>
        <button type="submit" className="button button--warning">
          {f.t("actions.discard_submit")}
        </button>
      </StaffForm>
    </Section>
  );
}

export function EditDraftForm({ answer, choices, defaults, forum }: { answer?: EntryAnswer; choices: Omit<DraftChoices, "currentTerm">; defaults: DraftValues; forum: boolean }) {
  const f = useForm("edit", answer, defaults as unknown as Values);
  return (
    <Section form="edit" title={f.t("actions.edit_title")}>
      <StaffForm noValidate className="narrow-form">
        <Intent value="edit" />
        <DraftFields form="edit" choices={choices} values={f.values as unknown as DraftValues} errorOf={f.errorOf} forum={forum} />
        <button type="submit" className="button button--secondary">
          {f.t("actions.edit_submit")}
        </button>
      </StaffForm>
    </Section>
  );
}

export function UpdateForm({ answer }: { answer?: EntryAnswer }) {
  const f = useForm("add_update", answer, {});
  const { t } = f;
  return (
    <Section form="add_update" title={t("actions.update_title")}>
      <p>{t("actions.update_intro")}</p>
      <StaffForm noValidate className="narrow-form">
        <Intent value="add_update" />
        <TextField id={f.id("bodyEn")} name="bodyEn" multiline rows={3} label={t("actions.update_en")} limitHint={t("draft.limit", { max: LIMIT })} inputLang="en" value={f.value("bodyEn")} error={f.errorOf("bodyEn")} />
        <TextField id={f.id("bodyUr")} name="bodyUr" multiline rows={3} label={t("actions.update_ur")} limitHint={t("draft.limit", { max: LIMIT })} inputLang="ur" value={f.value("bodyUr")} error={f.errorOf("bodyUr")} />
        <button type="submit" className="button button--secondary">
          {t("actions.update_submit")}
        </button>
      </StaffForm>
    </Section>
  );
}
