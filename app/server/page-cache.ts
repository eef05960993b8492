/**
 * A cache of rendered public pages (docs/decisions/006-page-cache.md).
 *
 * Published pages are the same for every member of the public, so anonymous GET
 * answers are kept in memory, per app server, and served with an ETag (a 304
 * when the browser has it). Every write in the portal appends to the audit log
 * in its transaction; a trigger there sends NOTIFY portal_change at commit, and
 * every app server clears its cache when it hears it (LISTEN). Entries also
 * expire after a short time, because some things a page shows follow from the
 * clock (a meeting becomes "held", a question becomes overdue).
 *
 * A cached page cannot carry a per-request CSP nonce, so it is served with the
 * SHA-256 hashes of its inline scripts instead.
 */
import crypto from "node:crypto";

export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
  etag: string;
  scriptHashes: string[];
  storedAt: number;
}

export interface PageCacheOptions {
  /** Milliseconds an entry may be served without a change notification. */
  ttlMs?: number;
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
  /** Most bytes kept. */
  maxBytes?: number;
  now?: () => number;
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?session=[^;]/;

/** A request from someone signed in (or holding a session cookie) is never served from or stored in the cache. */
export function isAnonymous(cookieHeader: string | undefined): boolean {
  return !cookieHeader || !SESSION_COOKIE.test(cookieHeader);
}

const CACHEABLE_TYPES = /^(text\/html|application\/json|text\/calendar|application\/atom\+xml|application\/rss\+xml|application\/xml|text\/xml|text\/plain)/;

/** Whether a response may be stored: a 200 of a public kind that does not ask to stay private. */
export function isCacheable(status: number, headers: Headers): boolean {
  if (status !== 200) return false;
  if (headers.has("set-cookie")) return false;
  const cacheControl = headers.get("cache-control") ?? "";
  if (/no-store|private/i.test(cacheControl)) return false;
  return CACHEABLE_TYPES.test(headers.get("content-type") ?? "");
}

/** The SHA-256 hashes (CSP source form) of every inline <script> in an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const attrs = m[1];
    if (/\bsrc\s*=/.test(attrs) || /type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue;
    hashes.add(`'sha256-${crypto.createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

export class PageCache {
  private entries = new Map<string, CachedPage>();
  private bytes = 0;
  /** Bumped on every clear: a page rendered before a change is not stored after it. */
  private generation = 0;
  readonly ttlMs: number;
  private maxEntries: number;
  private maxBytes: number;
  private now: () => number;

  constructor(options: PageCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  currentGeneration() {
    return this.generation;
  }

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Stores a page rendered while the cache was at `generation`; refused if anything changed since. */
  set(key: string, page: Omit<CachedPage, "etag" | "scriptHashes" | "storedAt">, generation: number): CachedPage | undefined {
    const contentType = page.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
    const entry: CachedPage = {
      ...page,
      etag: `"${crypto.createHash("sha256").update(page.body).digest("base64url").slice(0, 32)}"`,
      scriptHashes: contentType.startsWith("text/html") ? inlineScriptHashes(page.body.toString("utf8")) : [],
      storedAt: this.now(),
    };
    if (generation !== this.generation) return entry;
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return entry;
  }

  clear() {
    this.generation += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  get size() {
    return this.entries.size;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (entry) {
      this.bytes -= entry.body.length;
      this.entries.delete(key);
    }
  }
}
