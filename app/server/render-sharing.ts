/**
 * One render per page at a time (docs/decisions/032-load-and-crash-safety.md).
 *
 * When a cached page is dropped (a change touched it, or it expired), every
 * reader asking for it misses at once: under load, 200 readers of a meeting page
 * would each render it, and the database would run each of its queries 200 times
 * side by side. Instead the first reader renders it and the others wait for that
 * render and are sent its page.
 *
 * A waiting reader may be sent the shared page only if it is as fresh as the one
 * the reader would have rendered itself: no change touching the page arrived
 * between the moment that render began and the moment the reader arrived. (A
 * change that arrives after the reader did may or may not show, as with a render
 * of its own that runs side by side with the write.) Otherwise, and when the
 * shared render was not stored because such a change arrived while it ran, the
 * reader waits for the next render, which one of them starts: so a page changed
 * every second is still rendered once at a time, not once per reader. After a
 * few such rounds a reader renders alone, so no reader waits without end.
 */
import type { CachedPage, PageCache } from "./page-cache";

/** A finished render: the page, and the cache generation at which it began. */
export interface SharedRender {
  entry: CachedPage;
  generation: number;
}

/**
 * What a reader who missed the cache does: send this page; or render it from cache generation
 * `generation` and pass the page (or null) to `finish` to share it; or render it alone.
 */
export type SharedOutcome =
  | { page: CachedPage }
  | { render: true; generation: number; finish: (entry: CachedPage | null) => void }
  | { alone: true };

export class RenderSharing {
  private inFlight = new Map<string, Promise<SharedRender | null>>();

  constructor(
    private cache: PageCache,
    /** Renders a reader waits for before it renders alone. */
    private maxWaits = 3,
  ) {}

  /** How many pages are being rendered now (for tests). */
  get rendering() {
    return this.inFlight.size;
  }

  /** For a reader who missed the cache: a page to send, or whether to render (shared) or render alone. */
  async await(key: string): Promise<SharedOutcome> {
    for (let waits = 0; ; waits += 1) {
      const hit = this.cache.get(key);
      if (hit) return { page: hit };
      const inFlight = this.inFlight.get(key);
      if (!inFlight) {
        // Decided and marked in the same turn, so two readers can never both start a render.
        const generation = this.cache.currentGeneration();
        return { render: true, generation, finish: this.begin(key, generation) };
      }
      if (waits >= this.maxWaits) return { alone: true };
      const arrived = this.cache.currentGeneration();
      const shared = await inFlight;
      // Not a page that may be shared (an error, a 404, a private answer): render alone, as before.
      if (!shared) return { alone: true };
      if (this.cache.unchangedBetween(shared.generation, arrived, shared.entry)) return { page: shared.entry };
    }
  }

  /**
   * Marks `key` as being rendered from cache generation `generation`. The returned
   * function takes the page (or null) when done; later calls do nothing, so it can
   * also be called from a `finally`.
   */
  private begin(key: string, generation: number): (entry: CachedPage | null) => void {
    let settle: (result: SharedRender | null) => void = () => {};
    const promise = new Promise<SharedRender | null>((resolve) => (settle = resolve));
    this.inFlight.set(key, promise);
    let done = false;
    return (entry) => {
      if (done) return;
      done = true;
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
      settle(entry ? { entry, generation } : null);
    };
  }
}
