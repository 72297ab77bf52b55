import type { Channel } from "@db/schema";

/** Channels staff key in for a respondent (online responses come in by themselves). */
export const KEYED_CHANNELS = ["paper", "phone", "interpreted"] as const satisfies readonly Channel[];
