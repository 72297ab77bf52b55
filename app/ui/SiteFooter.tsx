import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

/**
 * The footer's links to the accessibility statement, privacy notice and cookies page,
 * which DESIGN.md wants linked from every page. Plain links: no JavaScript needed, and
 * the language cookie keeps the reader's language.
 */
export function SiteFooter() {
  const { t } = useTranslation("legal");
  return (
    <nav aria-label={t("footer.label")}>
      <ul className="link-list">
        <li>
          <Link to="/accessibility">{t("footer.accessibility")}</Link>
        </li>
        <li>
          <Link to="/privacy">{t("footer.privacy")}</Link>
        </li>
        <li>
          <Link to="/cookies">{t("footer.cookies")}</Link>
        </li>
      </ul>
    </nav>
  );
}
