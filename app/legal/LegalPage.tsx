import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";

// The building blocks of the accessibility statement, privacy notice and cookies page.
// Each takes translation keys of the "legal" namespace spelled out in the route, so the
// route reads as the page's outline and the i18n test can see every key is used.

type Values = Record<string, string | number>;

/** A legal page: its heading, a lead paragraph, its sections, and when it was last updated. */
export function LegalPage({ title, lead, updated, children }: { title: string; lead: string; updated: string; children: ReactNode }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{lead}</p>
      {children}
      <p className="hint">{updated}</p>
    </>
  );
}

/** A titled part of a page. `id` lets other pages and emails link straight to it. */
export function LegalSection({ id, heading, level = 2, children }: { id: string; heading: string; level?: 2 | 3; children: ReactNode }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section>
      <Heading id={id}>{heading}</Heading>
      {children}
    </section>
  );
}

/** One paragraph per key. */
export function Paragraphs({ keys, values }: { keys: readonly string[]; values?: Values }) {
  const { t } = useTranslation("legal");
  return (
    <>
      {keys.map((key) => (
        <p key={key}>{t(key, values)}</p>
      ))}
    </>
  );
}

/** A bulleted list, one item per key. */
export function Bullets({ keys, values }: { keys: readonly string[]; values?: Values }) {
  const { t } = useTranslation("legal");
  return (
    <ul>
      {keys.map((key) => (
        <li key={key}>{t(key, values)}</li>
      ))}
    </ul>
  );
}

/**
 * "Email: someone@example" as a mail link. The address is Latin text in an Urdu
 * sentence, so it is isolated in <bdi> and keeps its own direction.
 */
export function EmailLine({ address }: { address: string }) {
  const { t } = useTranslation("legal");
  return (
    <p>
      {t("email_label")}{" "}
      <a href={`mailto:${address}`}>
        <bdi>{address}</bdi>
      </a>
    </p>
  );
}

/** A paragraph holding one link to another website. */
export function LinkLine({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p>
      <a href={href}>{children}</a>
    </p>
  );
}
