import type { TFunction } from "i18next";
import type { LoopOutcome, LoopRating, LoopStatus } from "@db/schema";

/**
 * Labels shared by the staff loop pages, the public page and the emails
 * (namespace loop_common). `t` must have loop_common loaded.
 */
// i18n-dynamic: loop_common:themes.
// i18n-dynamic: loop_common:statuses.
// i18n-dynamic: loop_common:outcomes.
// i18n-dynamic: loop_common:ratings.
export const themeLabel = (t: TFunction, theme: string) => t(`loop_common:themes.${theme}`);
export const statusLabel = (t: TFunction, status: LoopStatus) => t(`loop_common:statuses.${status}`);
export const outcomeLabel = (t: TFunction, outcome: LoopOutcome) => t(`loop_common:outcomes.${outcome}`);
export const ratingLabel = (t: TFunction, rating: LoopRating) => t(`loop_common:ratings.${rating}`);

// i18n-dynamic: loop_common:youSaid
// i18n-dynamic: loop_common:weDid
// i18n-dynamic: loop_common:weAreDoing
/** The headings of the pair, e.g. "You said" / "We did" / "We are doing". */
export const pairHeading = (t: TFunction, part: "youSaid" | "weDid" | "weAreDoing") => t(`loop_common:${part}`);
