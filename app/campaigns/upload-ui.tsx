import { useTranslation } from "~/i18n/react";
import { TextField } from "~/ui/forms";

/** The codes a CSV file names the campaign's services by. */
export function ServiceCodesTable({ services }: { services: { slug: string; name: string }[] }) {
  const { t } = useTranslation("campaigns");
  return (
    <div className="table-wrap">
      <table>
        <caption>{t("upload.services_caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("upload.service_name")}</th>
            <th scope="col">{t("upload.service_slug")}</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.slug}>
              <td>{s.name}</td>
              <td>
                <code>{s.slug}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The lines of an uploaded file that were refused: line number, the line as read, and what
 * is wrong with it (already in the page's language).
 */
export function BadLinesTable({ caption, lines }: { caption: string; lines: { key: string; line: number; text: string; problem: string }[] }) {
  const { t } = useTranslation("campaigns");
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("upload.line")}</th>
            <th scope="col">{t("upload.row")}</th>
            <th scope="col">{t("upload.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((b) => (
            <tr key={b.key}>
              <th scope="row">
                <bdi>{b.line}</bdi>
              </th>
              <td className="long-link">
                <bdi>{b.text}</bdi>
              </td>
              <td>{b.problem}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A CSV file to choose, or its rows pasted (readUploadedCsv reads either), with the file's
 * error; the hints default to the invitation upload's.
 */
export function CsvUploadFields({ fileError, pasted, fileHint, pasteHint }: { fileError?: string; pasted: string; fileHint?: string; pasteHint?: string }) {
  const { t } = useTranslation("campaigns");
  return (
    <>
      <div className={`form-group${fileError ? " form-group--error" : ""}`}>
        <label className="label" htmlFor="file">
          {t("upload.file")}
        </label>
        <div className="hint" id="file-hint">
          {fileHint ?? t("upload.file_hint")}
        </div>
        {fileError ? (
          <p className="error-message" id="file-error">
            <span className="visually-hidden">{t("common:error_prefix")} </span>
            {fileError}
          </p>
        ) : null}
        <input
          className="file-upload"
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
        />
      </div>
      <TextField id="csv" name="csv" multiline rows={6} label={t("upload.paste")} hint={pasteHint ?? t("upload.paste_hint")} value={pasted} />
    </>
  );
}
