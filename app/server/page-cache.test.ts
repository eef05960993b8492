import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { EVERYTHING, inlineScriptHashes, isCacheable, PageCache, parseChange, recordNames } from "./page-cache";

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

const MEETING = "0b8d5c0e-1c7a-4f44-9d55-2f0c1e6a7b01";
const ITEM = "6a1e2f3d-4b5c-4d6e-8f70-8192a3b4c5d6";
const OTHER = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
const BODY = "11111111-2222-4333-8444-555555555555";

describe("dropping only what a change touches", () => {
  const html = (...ids: string[]) => `<a href="/agenda-items/${ids[0]}">x</a><script>window.__remixContext = ${JSON.stringify({ ids })};</script>`;
  const store = (cache: PageCache, path: string, body: string) =>
    cache.set(`http://localhost${path}`, { ...page(body), pathname: path }, cache.currentGeneration());
  const has = (cache: PageCache, path: string) => cache.get(`http://localhost${path}`) !== undefined;

  it("reads the trigger's payload, and clears everything when it cannot", () => {
    const change = parseChange(JSON.stringify({ v: 2, names: [`agenda_item:${ITEM.toUpperCase()}`, `id:${MEETING}`, "slug:budget-2026"] }));
    expect(change).toEqual({ all: false, names: new Set([ITEM, MEETING, "budget-2026"]) });
    expect(parseChange("*")).toBe(EVERYTHING);
    expect(parseChange("audit_log")).toBe(EVERYTHING);
    expect(parseChange(JSON.stringify({ v: 2, names: ["setting:site_name"] }))).toBe(EVERYTHING);
    expect(parseChange(JSON.stringify({ v: 2, names: ["person:" + OTHER] }))).toBe(EVERYTHING);
    expect(parseChange(JSON.stringify({ v: 2, names: ["body:" + BODY] }))).toBe(EVERYTHING);
    expect(parseChange(JSON.stringify({ v: 2, names: ["something_new:" + OTHER] }))).toBe(EVERYTHING);
    expect(parseChange(JSON.stringify({ v: 2, names: ["meeting:"] }))).toBe(EVERYTHING);
    expect(parseChange(JSON.stringify({ v: 3, names: [] }))).toBe(EVERYTHING);
  });

  it("names a record page by its UUIDs and its address, and treats every other page as a list", () => {
    expect(recordNames("/meetings/Budget-2026", html(MEETING, ITEM))).toEqual(new Set([MEETING, ITEM, "budget-2026"]));
    expect(recordNames("/bodies/board", `${html(BODY)}<a href="/meetings/agm-2026">AGM</a>`)).toEqual(new Set([BODY, "board", "agm-2026"]));
    expect(recordNames("/api/v1/meetings/" + MEETING, `{"id":"${MEETING}"}`)).toEqual(new Set([MEETING]));
    expect(recordNames("/meetings", html(MEETING))).toBeNull();
    expect(recordNames("/feeds/meetings.ics", html(MEETING))).toBeNull();
    expect(recordNames("/meetings/a/b", html(MEETING))).toBeNull();
    expect(recordNames("/meetings/no-ids-here", "<p>nothing</p>")).toBeNull();
  });

  it("drops the changed record's pages and every list, and keeps unrelated record pages", () => {
    const cache = new PageCache();
    store(cache, "/meetings/budget-2026", html(MEETING, ITEM, BODY));
    store(cache, `/agenda-items/${ITEM}`, html(ITEM, MEETING, BODY));
    store(cache, `/agenda-items/${OTHER}`, html(OTHER));
    store(cache, "/meetings", html(MEETING, OTHER));
    cache.invalidate({ all: false, names: new Set([MEETING]) });
    expect(has(cache, "/meetings/budget-2026")).toBe(false);
    expect(has(cache, `/agenda-items/${ITEM}`)).toBe(false);
    expect(has(cache, "/meetings")).toBe(false);
    expect(has(cache, `/agenda-items/${OTHER}`)).toBe(true);
    cache.invalidate(EVERYTHING);
    expect(cache.size).toBe(0);
  });

  it("does not store a page rendered before a change that touches it, but does store one the change left alone", () => {
    const cache = new PageCache();
    const before = cache.currentGeneration();
    cache.invalidate({ all: false, names: new Set([ITEM]) });
    cache.set("http://localhost/agenda-items/" + ITEM, { ...page(html(ITEM)), pathname: "/agenda-items/" + ITEM }, before);
    cache.set("http://localhost/agenda-items/" + OTHER, { ...page(html(OTHER)), pathname: "/agenda-items/" + OTHER }, before);
    cache.set("http://localhost/meetings", { ...page(html(OTHER)), pathname: "/meetings" }, before);
    expect(cache.get("http://localhost/agenda-items/" + ITEM)).toBeUndefined();
    expect(cache.get("http://localhost/agenda-items/" + OTHER)).toBeDefined();
    expect(cache.get("http://localhost/meetings")).toBeUndefined();
  });
});
