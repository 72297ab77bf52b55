import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { I18nProvider, useTranslation } from "~/i18n/react";
import { i18nFor, directionOf, languageFromRequest, type Language } from "~/i18n/i18n";
import { LanguageSwitch } from "~/ui/LanguageSwitch";
import { usePageTitle } from "~/ui/page-title";
import { useNonce } from "~/ui/nonce";
import { SiteFooter } from "~/ui/SiteFooter";
import { ErrorPage, errorPageKeys } from "~/ui/ErrorPage";
import { wantsScripts } from "~/ui/page-handle";
import baseStyles from "~/styles/base.css";

// Every page's stylesheet; staff pages add staff.css (staff.tsx), the public You Said, We Did
// pages their own (loop/ui/public-styles.ts).
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: baseStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ lng: languageFromRequest(request) });
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const lng: Language = data?.lng ?? "en";
  const i18n = i18nFor(lng);
  const nonce = useNonce();
  // Respondent and public pages are plain HTML: no client scripts unless a route asks
  // (page-handle.ts). Once running in a browser (a staff page), the scripts stay.
  const matches = useMatches();
  const withScripts = typeof document !== "undefined" || wantsScripts(matches);
  return (
    <html lang={lng} dir={directionOf(lng)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <PageTitle i18n={i18n} />
        <Meta />
        <Links />
        {/* The Nastaliq font (about 160 KB) is loaded only on Urdu pages. */}
        {lng === "ur" ? <link rel="stylesheet" href="/fonts/urdu.css" /> : null}
      </head>
      <body>
        <I18nProvider i18n={i18n}>
          <Chrome>{children}</Chrome>
        </I18nProvider>
        {withScripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

function PageTitle({ i18n }: { i18n: ReturnType<typeof i18nFor> }) {
  const t = i18n.getFixedT(i18n.language, "common");
  const title = usePageTitle({
    appName: t("app_name"),
    errorPrefix: (full) => t("error_title_prefix", { title: full }),
    errorTitle: (error) => t(errorPageKeys(error).title),
  });
  return <title>{title}</title>;
}

function Chrome({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation("common");
  return (
    <>
      <a href="#main" className="skip-link">
        {t("skip_link")}
      </a>
      <header className="site-header">
        <div className="width-container site-header__inner">
          <a href="/" className="site-header__name">
            {t("app_name")}
          </a>
          <LanguageSwitch />
        </div>
      </header>
      <div className="width-container">
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="site-footer">
        <div className="width-container">
          <p>{t("footer")}</p>
          <SiteFooter />
        </div>
      </footer>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = ErrorPage;
