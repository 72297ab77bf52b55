/**
 * Values kept by key, the most recently used first, up to `limit`: what is made of data
 * that stands still (a rendered page, a page's view of the public snapshot).
 */
export class Kept<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly limit: number) {}

  /** The value kept for `key`, made now if there is none. */
  get(key: string, make: () => T): T {
    if (this.values.has(key)) {
      const kept = this.values.get(key) as T;
      // Most recently used last, so the first key is the one to drop.
      this.values.delete(key);
      this.values.set(key, kept);
      return kept;
    }
    const value = make();
    this.values.set(key, value);
    if (this.values.size > this.limit) this.values.delete(this.values.keys().next().value as string);
    return value;
  }

  get size(): number {
    return this.values.size;
  }
}

/**
 * Rendered pages kept by what they were rendered from. A page whose route says so
 * (`handle.keepRendered`, app/ui/page-handle.ts) is a pure function of its address, status
 * and data: no component reads the clock, a cookie or anything else (dates and choices come
 * from loaders, and so are in the data). Rendering it again for the same inputs gives the
 * same HTML, so the HTML is kept. A public page opened by hundreds at once (a termly update
 * shared in a WhatsApp group) is then rendered once per change of its data. A change of
 * data is a new key: nothing is ever served that its data would not render.
 */
export class KeptRenders {
  private readonly pages: Kept<string>;

  constructor(limit: number) {
    this.pages = new Kept(limit);
  }

  /** The HTML for `inputs`, rendered now if it is not kept. */
  html(inputs: unknown, render: () => string): string {
    return this.pages.get(JSON.stringify(inputs), render);
  }

  get size(): number {
    return this.pages.size;
  }
}
