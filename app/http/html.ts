/** Text made safe inside HTML text and quoted attributes: the one escaping the app's hand-written HTML uses (emails, edge pages, the mailbox's masking). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
