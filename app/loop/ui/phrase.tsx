import { useTranslation } from "~/i18n/react";
import { bdiPhrase } from "~/results/ui/figures";

/**
 * A translated loop sentence with its values (numbers, names, dates) each in a <bdi>, so
 * they keep their order inside Urdu text.
 */
export function useLoopPhrase() {
  const { t } = useTranslation(["loop", "loop_common"]);
  const text = (key: string, values: Record<string, string>) => t(key, values);
  return (key: string, values: Record<string, string | number>) =>
    bdiPhrase(text, key, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));
}
