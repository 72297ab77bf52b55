import { Fragment, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import type { CookieRow } from "./cookie-list.server";

/** "sd_invitation" may wrap after its underscore: a long name must not widen a 320 px page. */
function breakable(name: string): ReactNode[] {
  return name.split(/(?<=_)/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

/**
 * The cookies page's table: one row per cookie, its name as the row header. Names are
 * code, not words: kept in Latin letters and isolated so they read left to right in Urdu.
 * Two columns, the lifetime under the purpose: three do not fit 320 px at our text size.
 */
export function CookieTable({ rows }: { rows: readonly CookieRow[] }) {
  const { t } = useTranslation("legal");
  return (
    <table>
      <caption>{t("cookies.table.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("cookies.table.name")}</th>
          <th scope="col">{t("cookies.table.purpose")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">
              <bdi>
                <code>{breakable(row.name)}</code>
              </bdi>
            </th>
            <td>
              <div>{t(row.purpose)}</div>
              <div>
                <strong>{t("cookies.table.lifetime")}</strong> {t(row.lifetime)}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
