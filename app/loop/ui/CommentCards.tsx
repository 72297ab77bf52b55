import type { CommentShown } from "~/loop/evidence.server";
import { directionOf } from "~/i18n/i18n";

/** Families' comments behind a "You said", each in its own language and direction. Staff only. */
export function CommentCards({ comments }: { comments: readonly CommentShown[] }) {
  return (
    <ul className="card-list">
      {comments.map((c, i) => (
        <li key={i} className="card">
          <blockquote lang={c.language} dir={directionOf(c.language)}>
            {c.text}
          </blockquote>
          <p className="card__meta">
            {c.question} · <bdi>{c.date}</bdi>
          </p>
        </li>
      ))}
    </ul>
  );
}
