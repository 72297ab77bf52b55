import { useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

/** A plain link that forces the other language (and remembers it): works without JavaScript. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation("common");
  const location = useLocation();
  const other = i18n.language === "ur" ? "en" : "ur";
  const params = new URLSearchParams(location.search);
  params.set("lng", other);
  params.delete("check");
  return (
    <nav aria-label={t("language_switch_label")} className="language-switch">
      <a href={`${location.pathname}?${params.toString()}`} hrefLang={other} lang={other}>
        {t("switch_to")}
        <span className="visually-hidden" lang={i18n.language}>
          {" "}({t("switch_to_lang_name")})
        </span>
      </a>
    </nav>
  );
}
