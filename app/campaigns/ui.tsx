import { Fragment } from "react";

const MARK = "\u0000";

/** Placeholders to pass to `t()` so that TextWithBdi can find where each value goes. */
export function bdiMarks(values: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.keys(values).map((k) => [k, `${MARK}${k}${MARK}`]));
}

/**
 * A translated sentence whose values (dates, numbers, addresses, names) sit in <bdi>,
 * so they keep their own direction inside Urdu text:
 * `<TextWithBdi text={t(key, bdiMarks(values))} values={values} />`.
 */
export function TextWithBdi({ text, values }: { text: string; values: Record<string, string | number> }) {
  const parts = text.split(MARK);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? <bdi key={i}>{values[part] ?? ""}</bdi> : <Fragment key={i}>{part}</Fragment>,
      )}
    </>
  );
}
