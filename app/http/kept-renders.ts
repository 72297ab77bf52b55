/**
 * Rendered pages kept by what they were rendered from. A page whose route says so
 * (`handle.keepRendered`, app/ui/page-handle.ts) is a pure function of its address, status
 * and data: no component reads the clock, a cookie or anything else (dates and choices come
 * from loaders, and so are in the data). Rendering it again for the same inputs gives the
 * same HTML, so the HTML is kept, the most recently used first, up to `limit` pages. A
 * public page opened by hundreds at once (a termly update shared in a WhatsApp group) is
 * then rendered once per change of its data. A change of data is a new key: nothing is
 * ever served that its data would not render.
 */
export class KeptRenders {
  private readonly pages = new Map<string, string>();

  constructor(private readonly limit: number) {}

  /** The HTML for `inputs`, rendered now if it is not kept. */
  html(inputs: unknown, render: () => string): string {
    const key = JSON.stringify(inputs);
    const kept = this.pages.get(key);
    if (kept !== undefined) {
      // Most recently used last, so the first key is the one to drop.
      this.pages.delete(key);
      this.pages.set(key, kept);
      return kept;
    }
    const html = render();
    this.pages.set(key, html);
    if (this.pages.size > this.limit) this.pages.delete(this.pages.keys().next().value as string);
    return html;
  }

  get size(): number {
    return this.pages.size;
  }
}
