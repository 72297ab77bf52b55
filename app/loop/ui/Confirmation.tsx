import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

/** A public confirmation page: what happened (announced), then where to go next, ending with the list. */
export function Confirmation({ title, body, links = [] }: { title: string; body: string; links?: { to: string; text: string }[] }) {
  const { t } = useTranslation("yswd");
  return (
    <>
      <div className="notification notification--success" role="status">
        <h1>{title}</h1>
        <p>{body}</p>
      </div>
      <ul className="link-list">
        {[...links, { to: "/you-said-we-did", text: t("back_to_list") }].map((l) => (
          <li key={l.to}>
            <Link to={l.to}>{l.text}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
