import { useMatches } from "@remix-run/react";
import { useContext } from "react";
import { UNSAFE_DataRouterStateContext } from "react-router-dom";

interface TitleParts {
  appName: string;
  errorPrefix: (title: string) => string;
  /** The title of an error page, from the thrown error (a 404, a closed survey...). */
  errorTitle: (error: unknown) => string;
}

/**
 * The document title: the deepest route's `pageTitle` from its loader, prefixed
 * with "Error:" while any route's action returned field errors; an error page's own
 * title when a route threw. Rendered on the server, so right without JavaScript too.
 */
export function usePageTitle({ appName, errorPrefix, errorTitle }: TitleParts): string {
  const matches = useMatches();
  const state = useContext(UNSAFE_DataRouterStateContext);
  const thrown = Object.values(state?.errors ?? {})[0];
  if (thrown !== undefined) return `${errorTitle(thrown)} – ${appName}`;
  let title = appName;
  for (const m of matches) {
    const data = m.data as { pageTitle?: unknown } | undefined;
    if (data && typeof data.pageTitle === "string") title = data.pageTitle;
  }
  const hasErrors = Object.values(state?.actionData ?? {}).some((d) => {
    const errors = (d as { errors?: unknown } | null)?.errors;
    return typeof errors === "object" && errors !== null && Object.keys(errors).length > 0;
  });
  // Loader-driven errors (a resumed page checked with ?check=1) count too.
  const loaderErrors = matches.some((m) => {
    const errors = (m.data as { page?: { errors?: object } } | undefined)?.page?.errors;
    return errors && Object.keys(errors).length > 0;
  });
  const full = title === appName ? appName : `${title} – ${appName}`;
  return hasErrors || loaderErrors ? errorPrefix(full) : full;
}
