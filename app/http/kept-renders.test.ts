import { describe, expect, it } from "vitest";
import { KeptRenders } from "./kept-renders";

describe("KeptRenders", () => {
  it("renders once for the same inputs and again when any input changes", () => {
    const kept = new KeptRenders(10);
    let renders = 0;
    const page = (data: object) => kept.html({ url: "/you-said-we-did", status: 200, data }, () => `<p>${JSON.stringify(data)} #${++renders}</p>`);
    expect(page({ entries: [1] })).toBe('<p>{"entries":[1]} #1</p>');
    expect(page({ entries: [1] })).toBe('<p>{"entries":[1]} #1</p>');
    // A newly published entry is new data: the page shows it at once.
    expect(page({ entries: [1, 2] })).toBe('<p>{"entries":[1,2]} #2</p>');
    expect(kept.html({ url: "/you-said-we-did?lng=ur", status: 200, data: { entries: [1] } }, () => "ur")).toBe("ur");
  });

  it("keeps at most its limit, dropping the least recently used", () => {
    const kept = new KeptRenders(2);
    let renders = 0;
    const page = (url: string) => kept.html({ url }, () => `${url} #${++renders}`);
    page("/a");
    page("/b");
    page("/a"); // /a is now the most recent
    page("/c"); // drops /b
    expect(kept.size).toBe(2);
    expect(page("/a")).toBe("/a #1");
    expect(page("/b")).toBe("/b #4");
  });
});
