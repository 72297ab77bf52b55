// Small shared helpers of the bench: number formatting and the figures kept for the
// closing summary (each beside its goal and the baseline).
import os from "node:os";

export const n = (x: number) => Math.round(x).toLocaleString("en-GB");
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function loadAverage(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");
}

export interface SummaryLine {
  label: string;
  value: string;
  goal: string;
  baseline: string;
  met: boolean | null;
}

/** Figures the parts of the bench report for the final summary block, in order. */
export const summary: SummaryLine[] = [];

export function heading(title: string): void {
  console.log(`\n=== ${title} ===`);
}
