import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { inlineScriptHashes, isAnonymous, isCacheable, PageCache } from "./page-cache";

const page = (body: string) => ({ status: 200, headers: [["content-type", "text/html; charset=utf-8"]] as [string, string][], body: Buffer.from(body) });

describe("PageCache", () => {
  it("serves a stored page until a change clears it", () => {
    const cache = new PageCache();
    const g = cache.currentGeneration();
    cache.set("/meetings", page("<p>one</p>"), g);
    expect(cache.get("/meetings")?.body.toString()).toBe("<p>one</p>");
    cache.clear();
    expect(cache.get("/meetings")).toBeUndefined();
  });

  it("does not store a page rendered before a change that arrived while it rendered", () => {
    const cache = new PageCache();
    const before = cache.currentGeneration();
    cache.clear();
    cache.set("/meetings", page("<p>stale</p>"), before);
    expect(cache.get("/meetings")).toBeUndefined();
  });

  it("expires entries after the time limit, because some pages follow the clock", () => {
    let now = 1_000;
    const cache = new PageCache({ ttlMs: 60_000, now: () => now });
    cache.set("/", page("<p>home</p>"), cache.currentGeneration());
    now += 59_000;
    expect(cache.get("/")).toBeDefined();
    now += 2_000;
    expect(cache.get("/")).toBeUndefined();
  });

  it("keeps within its size limits, dropping the oldest first", () => {
    const cache = new PageCache({ maxEntries: 2 });
    const g = cache.currentGeneration();
    cache.set("/a", page("a"), g);
    cache.set("/b", page("b"), g);
    cache.set("/c", page("c"), g);
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.get("/c")).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it("gives each distinct page its own ETag", () => {
    const cache = new PageCache();
    const g = cache.currentGeneration();
    const a = cache.set("/a", page("a"), g)!;
    const b = cache.set("/b", page("b"), g)!;
    expect(a.etag).toMatch(/^"[\w-]+"$/);
    expect(a.etag).not.toBe(b.etag);
  });
});

describe("what may be cached", () => {
  it("only anonymous requests", () => {
    expect(isAnonymous(undefined)).toBe(true);
    expect(isAnonymous("theme=dark")).toBe(true);
    expect(isAnonymous("session=abc123")).toBe(false);
    expect(isAnonymous("x=1; __Host-session=abc123")).toBe(false);
  });

  it("only public 200 answers that do not set cookies or ask to stay private", () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(isCacheable(200, h({ "content-type": "text/html" }))).toBe(true);
    expect(isCacheable(404, h({ "content-type": "text/html" }))).toBe(false);
    expect(isCacheable(200, h({ "content-type": "text/html", "set-cookie": "a=b" }))).toBe(false);
    expect(isCacheable(200, h({ "content-type": "text/calendar", "cache-control": "private, no-store" }))).toBe(false);
    expect(isCacheable(200, h({ "content-type": "application/pdf" }))).toBe(false);
  });
});

describe("inlineScriptHashes", () => {
  it("hashes inline scripts exactly as the browser does, and skips external scripts and JSON data", () => {
    const code = 'window.__remixContext = {"a":"<\\/b>"};';
    const html = `<script nonce="x">${code}</script><script src="/build/a.js"></script><script type="application/ld+json">{"@type":"Event"}</script>`;
    const expected = `'sha256-${crypto.createHash("sha256").update(code).digest("base64")}'`;
    expect(inlineScriptHashes(html)).toEqual([expected]);
  });
});
