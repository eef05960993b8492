import { describe, expect, it } from "vitest";
import { PageCache } from "./page-cache";
import { RenderSharing } from "./render-sharing";

const ID = "0b6c5f3e-1111-4222-8333-944455556666";
const PATH = "/meetings/synth-board-2026";

/** The cache middleware of app/server/app.ts reduced to its decisions: returns what the reader is sent. */
function portal() {
  const cache = new PageCache();
  const sharing = new RenderSharing(cache);
  /** The "database": the page shows this version; a write bumps it and notifies a change naming the record. */
  let version = 1;
  let renders = 0;
  let gate: Promise<void> = Promise.resolve();
  const render = async () => {
    renders += 1;
    const seen = version;
    await gate;
    return `<p data-id="${ID}">version ${seen}</p>`;
  };
  const read = async (): Promise<string> => {
    const hit = cache.get(PATH);
    if (hit) return hit.body.toString();
    const outcome = await sharing.await(PATH);
    if ("page" in outcome) return outcome.page.body.toString();
    if ("alone" in outcome) return render();
    const { generation, finish } = outcome;
    try {
      const body = await render();
      const page = cache.set(PATH, { status: 200, headers: [["content-type", "text/html"]], body: Buffer.from(body), pathname: PATH }, generation);
      finish(page ?? null);
      return body;
    } finally {
      finish(null);
    }
  };
  const write = () => {
    version += 1;
    cache.invalidate({ all: false, names: new Set([ID]) });
  };
  const hold = () => {
    let release: () => void = () => {};
    gate = new Promise((r) => (release = r));
    return release;
  };
  return { read, write, hold, renders: () => renders, sharing };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("one render per page at a time", () => {
  it("renders a cold page once for 200 readers who ask at the same moment", async () => {
    const p = portal();
    const release = p.hold();
    const pages = Array.from({ length: 200 }, () => p.read());
    await tick();
    release();
    const sent = await Promise.all(pages);
    expect(p.renders()).toBe(1);
    expect(new Set(sent)).toEqual(new Set(["<p data-id=\"" + ID + "\">version 1</p>"]));
    expect(p.sharing.rendering).toBe(0);
  });

  it("sends a page not stored (changed while it rendered) to readers who arrived before the change", async () => {
    const p = portal();
    const release = p.hold();
    const first = p.read();
    await tick();
    const waiting = Array.from({ length: 50 }, () => p.read());
    await tick();
    p.write(); // arrives while the page renders: it is not stored
    release();
    const sent = await Promise.all([first, ...waiting]);
    expect(p.renders()).toBe(1);
    expect(sent.every((s) => s.includes("version 1"))).toBe(true);
  });

  it("never sends a reader who arrived after a change a page rendered before it, and renders the next one once for all of them", async () => {
    const p = portal();
    let release = p.hold();
    const first = p.read();
    await tick();
    p.write();
    const late = Array.from({ length: 100 }, () => p.read());
    await tick();
    const held = release;
    release = p.hold();
    held();
    await tick();
    await tick();
    release();
    const sent = await Promise.all(late);
    expect(await first).toContain("version 1");
    expect(sent.every((s) => s.includes("version 2"))).toBe(true);
    // The first render and one more for the hundred late readers, not a hundred.
    expect(p.renders()).toBe(2);
  });
});
