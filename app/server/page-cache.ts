/**
 * A cache of rendered public pages (docs/decisions/006-page-cache.md, amended by
 * docs/decisions/016-page-cache-per-record.md).
 *
 * Published pages are the same for every member of the public, so GET answers
 * rendered for the public viewer (no session cookie) are kept in memory, per app
 * server, keyed on the full address (scheme, host, path and query), and served
 * with an ETag (a 304 when the browser has it). Every write in the portal appends
 * to the audit log in its transaction; a trigger there sends NOTIFY portal_change
 * at commit naming what changed, and every app server drops the pages that change
 * touches (LISTEN): every page that is not one record's page (lists, feeds, the
 * home page, search, the API's lists), and every record page that names one of
 * the changed records. Entries also expire after a short time, because some
 * things a page shows follow from the clock (a meeting becomes "held", a question
 * becomes overdue).
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
  /**
   * For one record's page (/meetings/<slug>, /agenda-items/<id>, ...): the names a
   * change must carry to drop it (every UUID in the page, and the record's own
   * address segment). Null for every other page, dropped on any change.
   */
  names: Set<string> | null;
  /** An open-data API answer: a hit still counts against the client's rate limit. */
  rateLimited: boolean;
}

/** What a change notification touched: everything, or these record names. */
export type Change = { all: true } | { all: false; names: Set<string> };
export const EVERYTHING: Change = { all: true };

export interface PageCacheOptions {
  /** Milliseconds an entry may be served without a change notification. */
  ttlMs?: number;
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
  /** Most bytes kept. */
  maxBytes?: number;
  now?: () => number;
}

const CACHEABLE_TYPES = /^(text\/html|application\/json|text\/calendar|application\/atom\+xml|application\/rss\+xml|application\/xml|text\/xml|text\/plain)/;

/**
 * Whether a response may be stored: a 200 of a public kind that does not ask to
 * stay private and sets no cookie. The caller renders only for requests without a
 * session cookie; pages for a session or holding a token are `private, no-store`
 * (app/server/private-pages.ts, app/entry.server.tsx), so they never get here.
 */
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

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A link to a record's page, in HTML or in an API answer's URLs: its address segment. */
const RECORD_LINK = /\/(?:meetings|agenda-items|questions|actions|bodies|documents|inspections|priorities|recommendations|annual-reviews)\/([A-Za-z0-9][A-Za-z0-9._~%-]*)/g;

/** The pages that show one record, and the address segment that names it. */
const RECORD_PAGE = [
  /^\/(?:meetings|agenda-items|questions|actions|bodies|documents|inspections|priorities|recommendations|annual-reviews)\/([^/]+)\/?$/i,
  /^\/api\/v1\/[a-z-]+\/([^/]+)\/?$/i,
];

function decode(segment: string) {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The names that drop a cached page when a change carries one of them, or null
 * when the page is not one record's (then any change drops it). A record page
 * shows its record and the records it lists or links (its meeting, body, items,
 * questions, documents), and names each by id in its data or by address in its
 * links: every UUID in it is a name, and so is the last segment of every link to
 * a record page, and its own address segment (a slug or an id). The change
 * notification names a changed record by id and by slug (migration 0008).
 * A record page without a single UUID is treated like a list, to be safe.
 */
export function recordNames(pathname: string, body: string): Set<string> | null {
  const match = RECORD_PAGE.map((re) => re.exec(pathname)).find((m) => m);
  if (!match) return null;
  const segment = decode(match[1]);
  if (!segment) return null;
  const names = new Set<string>();
  for (const id of body.matchAll(UUID_IN_TEXT)) names.add(id[0].toLowerCase());
  if (names.size === 0) return null;
  for (const link of body.matchAll(RECORD_LINK)) {
    const linked = decode(link[1]);
    if (linked) names.add(linked);
  }
  names.add(segment);
  return names;
}

/**
 * Entity types whose change may show on any page, whatever ids it names (a
 * person's name appears beside meetings, items and questions; a body's name
 * beside each of its meetings; settings shape every page): they clear everything. So does any type not listed in
 * TARGETED_TYPES, an audit row without an entity id, and any payload that cannot
 * be read (an older trigger's, or "*" when the names would not fit).
 */
const TARGETED_TYPES = new Set([
  "meeting",
  "agenda_item",
  "minute",
  "document",
  "document_file",
  "question",
  "response",
  "action",
  "recommendation",
  "inspection",
  "priority",
  "link",
  "membership",
  "meeting_attendance",
  "interest_declaration",
  "subscription",
  "feed_token",
  "email",
  "user",
]);

/** Reads a portal_change payload (migration 0008) into what it touched. */
export function parseChange(payload: string): Change {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return EVERYTHING;
  }
  const raw = (parsed as { v?: unknown; names?: unknown } | null) ?? {};
  if (raw.v !== 2 || !Array.isArray(raw.names)) return EVERYTHING;
  const names = new Set<string>();
  for (const name of raw.names) {
    if (typeof name !== "string") return EVERYTHING;
    const colon = name.indexOf(":");
    if (colon < 0) return EVERYTHING;
    const kind = name.slice(0, colon);
    const value = name.slice(colon + 1).toLowerCase();
    if (kind === "id" || kind === "slug") {
      if (value) names.add(value);
      continue;
    }
    if (!TARGETED_TYPES.has(kind) || !value) return EVERYTHING;
    names.add(value);
  }
  if (names.size === 0) return EVERYTHING;
  return { all: false, names };
}

function touches(entry: CachedPage, change: Change) {
  if (change.all || entry.names === null) return true;
  for (const name of change.names) if (entry.names.has(name)) return true;
  return false;
}

/** How many recent changes are remembered to decide whether a page rendered meanwhile may be stored. */
const CHANGE_LOG_SIZE = 256;

export class PageCache {
  private entries = new Map<string, CachedPage>();
  private bytes = 0;
  /** Bumped on every change: a page rendered before a change that touches it is not stored after it. */
  private generation = 0;
  /** The latest changes, oldest first, each with the generation it began. */
  private changes: { generation: number; change: Change }[] = [];
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

  /**
   * Stores a page rendered while the cache was at `generation`; refused if a
   * change that touches it arrived since. `pathname` decides whether it is one
   * record's page (see recordNames).
   */
  set(
    key: string,
    page: { status: number; headers: [string, string][]; body: Buffer; pathname?: string },
    generation: number,
  ): CachedPage | undefined {
    const contentType = page.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
    const text = page.body.toString("utf8");
    const entry: CachedPage = {
      status: page.status,
      headers: page.headers,
      body: page.body,
      etag: `"${crypto.createHash("sha256").update(page.body).digest("base64url").slice(0, 32)}"`,
      scriptHashes: contentType.startsWith("text/html") ? inlineScriptHashes(text) : [],
      storedAt: this.now(),
      names: page.pathname === undefined ? null : recordNames(page.pathname, text),
      rateLimited: page.headers.some(([k]) => k.toLowerCase() === "x-ratelimit-limit"),
    };
    if (!this.unchangedSince(generation, entry)) return entry;
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

  /** Drops everything: the safe answer to a change that cannot be read. */
  clear() {
    this.invalidate(EVERYTHING);
  }

  /** Drops every page the change touches (all of them for EVERYTHING). */
  invalidate(change: Change) {
    this.generation += 1;
    this.changes.push({ generation: this.generation, change });
    if (this.changes.length > CHANGE_LOG_SIZE) this.changes.shift();
    if (change.all) {
      this.entries.clear();
      this.bytes = 0;
      return;
    }
    for (const [key, entry] of this.entries) if (touches(entry, change)) this.delete(key);
  }

  /** True when no change since `generation` touches the entry (and the log still reaches back that far). */
  private unchangedSince(generation: number, entry: CachedPage) {
    return this.unchangedBetween(generation, this.generation, entry);
  }

  /**
   * True when no change between generations `from` and `to` touches the entry (and the
   * log still reaches back that far): a page rendered from `from` is then as fresh as
   * one a reader who arrived at `to` would have rendered itself (app/server/render-sharing.ts).
   */
  unchangedBetween(from: number, to: number, entry: CachedPage) {
    if (to <= from) return true;
    const between = this.changes.filter((c) => c.generation > from && c.generation <= to);
    if (between.length !== to - from) return false;
    return !between.some((c) => touches(entry, c.change));
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
