/**
 * The leak canary's crawl (tests/e2e/leak-canary.e2e.ts): fetches, as one
 * person, every address reachable from the seeds (links in pages, the sitemap,
 * feeds, CSVs and API answers), and looks for the markers that person must
 * never see in every answer's body and headers.
 *
 * - Links: `href`/`src` in HTML, `<loc>` and `href` in XML, every address of the
 *   site in any text (feeds, calendars, CSV, JSON, with calendar lines unfolded),
 *   and JSON strings that are paths.
 * - A cap per kind of address (the path with ids and slugs replaced, the query
 *   dropped) keeps filters, sort orders and pages of a long list from taking the
 *   run over: the first ones are fetched, the rest counted as skipped.
 * - An answer's echo of the address asked for (a sign-in link's `redirectTo`, a
 *   search page's query) is taken out before the markers are looked for, so
 *   asking for a hidden record's address is not itself a leak. A search for a
 *   marker must instead report no result at all (`"total":0`).
 */
import { strFromU8, unzipSync } from "fflate";
import { extractText, getDocumentProxy } from "unpdf";
import type { HttpSession } from "./http-session";

export interface CrawlResult {
  fetched: number;
  skipped: number;
  leaks: string[];
  errors: string[];
  /** Every address fetched with its status (for the positive checks). */
  statuses: Map<string, number>;
}

const NEVER = /^\/(build|assets)\/|^\/favicon|^\/sign-out|^\/follow\/unsubscribe/;

/** Path segments after these are ids or slugs: one kind of address whatever they hold. */
const COLLECTIONS =
  /^\/(meetings|documents|bodies|people|priorities|inspections|annual-reviews|questions|actions|agenda-items|recommendations|files|feeds\/bodies|feeds\/meetings|feeds\/private|work-programme|api\/v1\/[a-z-]+|clerk\/[a-z]+|admin\/users)\/[^/?]+/;

export function kindOf(path: string): string {
  const [bare] = path.split("?");
  return bare.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id").replace(COLLECTIONS, (_m, c: string) => `/${c}/:x`);
}

function unescapeHtml(s: string) {
  return s.replace(/&amp;/g, "&").replace(/&#x2F;/gi, "/").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

/** Every same-site address in an answer, as a path with its query. */
export function linksIn(body: string, type: string, from: string, site: RegExp): string[] {
  const found: string[] = [];
  const base = new URL(from, "http://site.invalid");
  const add = (raw: string) => {
    const href = unescapeHtml(raw.trim());
    if (!href || href.startsWith("#") || /^(mailto|tel|javascript|data):/i.test(href)) return;
    let url: URL;
    try {
      url = new URL(href.replace(site, "http://site.invalid"), base);
    } catch {
      return;
    }
    if (url.host !== "site.invalid") return;
    found.push(url.pathname + url.search);
  };
  const text = /calendar/.test(type) ? body.replace(/\r?\n[ \t]/g, "") : body;
  if (/html|xml/.test(type)) {
    for (const m of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) add(m[1]);
    for (const m of text.matchAll(/<loc>([^<]*)<\/loc>/g)) add(m[1]);
  }
  if (/json/.test(type)) for (const m of text.matchAll(/"(\/[a-z][^"\s]*)"/g)) add(m[1]);
  const absolute = new RegExp(`${site.source}(/[^\\s"'<>\\\\),]*)`, "g");
  for (const m of text.matchAll(absolute)) add(m[0]);
  return found;
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The body without the answer's echoes of the address asked for (as sent, encoded,
 * HTML-escaped) and of the query values that hold a marker (a search's words), as
 * sent: a marker stored in mixed case still shows where the record itself leaks.
 */
export function withoutEcho(body: string, path: string, markers: string[]): string {
  const echoes = new Set([path, encodeURIComponent(path), path.replace(/&/g, "&amp;")]);
  const query = new URL(path, "http://site.invalid").searchParams;
  for (const value of query.values()) {
    if (!markers.some((m) => value.toLowerCase().includes(m))) continue;
    for (const echo of [value, ...value.split(/[\s"]+/).filter((w) => markers.some((m) => w.toLowerCase().includes(m)))]) {
      echoes.add(echo);
      echoes.add(encodeURIComponent(echo));
      echoes.add(echo.replace(/ /g, "+"));
      echoes.add(echo.replace(/"/g, "&quot;"));
    }
  }
  let out = body;
  for (const echo of [...echoes].sort((a, b) => b.length - a.length)) out = out.replace(new RegExp(escapeRegExp(echo), "g"), "");
  return out;
}

export interface CrawlOptions {
  session: HttpSession;
  seeds: string[];
  /** Marker name -> marker, the ones this person must never see. */
  markers: Record<string, string>;
  /** The site's address as links carry it (absolute links are followed only when they match). */
  site: RegExp;
  perKind: number;
  total: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Addresses this person must not fetch (signing out, say). */
  skip?: RegExp;
}

/**
 * What a person reads in a generated file: a PDF's text, title and bookmarks (its streams are
 * compressed, so the raw bytes would hide a marker); every file in a ZIP (the bulk download).
 * The raw bytes are searched too.
 */
export async function readableText(type: string, body: string): Promise<{ text: string; linkType: string }> {
  const bytes = new Uint8Array(Buffer.from(body, "latin1"));
  if (/^application\/pdf/.test(type)) {
    const pdf = await getDocumentProxy(bytes);
    const { text } = await extractText(pdf, { mergePages: true });
    const meta = await pdf.getMetadata();
    const outline = await pdf.getOutline();
    return { text: [text, JSON.stringify(meta.info), JSON.stringify(outline), body].join("\n"), linkType: "text/plain" };
  }
  if (/^application\/zip/.test(type)) {
    const files = unzipSync(bytes);
    return { text: Object.entries(files).map(([name, f]) => `${name}\n${strFromU8(f)}`).join("\n"), linkType: "application/json" };
  }
  return { text: /html|json|xml|calendar|csv|text/.test(type) ? Buffer.from(body, "latin1").toString("utf8") : body, linkType: type };
}

export async function crawl(options: CrawlOptions): Promise<CrawlResult> {
  const { session, markers, site } = options;
  const queued = new Set<string>();
  const perKind = new Map<string, number>();
  const queue: string[] = [];
  const result: CrawlResult = { fetched: 0, skipped: 0, leaks: [], errors: [], statuses: new Map() };
  const enqueue = (path: string, seed = false) => {
    if (queued.has(path) || NEVER.test(path) || options.skip?.test(path)) return;
    const kind = kindOf(path);
    const n = perKind.get(kind) ?? 0;
    if (!seed && n >= options.perKind) {
      result.skipped += 1;
      queued.add(path);
      return;
    }
    perKind.set(kind, n + 1);
    queued.add(path);
    queue.push(path);
  };
  for (const seed of options.seeds) enqueue(seed, true);
  const lowered = Object.entries(markers).map(([name, m]) => [name, m.toLowerCase()] as const);

  const visit = async (path: string) => {
    const answer = await session.get(path);
    result.fetched += 1;
    result.statuses.set(path, answer.status);
    if (answer.status >= 500) result.errors.push(`${path} as ${session.who}: answered ${answer.status}`);
    if (answer.status === 429) result.errors.push(`${path} as ${session.who}: rate limited`);
    const type = answer.headers.get("content-type") ?? "";
    let text = answer.body;
    let linkType = type;
    try {
      ({ text, linkType } = await readableText(type, answer.body));
    } catch (error) {
      result.errors.push(`${path} as ${session.who}: could not be read as ${type}: ${String(error)}`);
    }
    const headers = JSON.stringify([...answer.headers.entries()].filter(([k]) => k !== "set-cookie"));
    const plain = lowered.map(([, m]) => m);
    const seen = `${withoutEcho(text, path, plain)}\n${withoutEcho(headers, path, plain)}`.toLowerCase();
    for (const [name, marker] of lowered) {
      if (seen.includes(marker)) {
        const at = seen.indexOf(marker);
        result.leaks.push(`${path} as ${session.who} (${answer.status}): the ${name} marker, in "…${seen.slice(Math.max(0, at - 80), at + 40).replace(/\s+/g, " ")}…"`);
      }
    }
    if (path.startsWith("/search?")) {
      // A search for nothing but markers (a word, a phrase, or several joined by OR) must count no result.
      const q = new URL(path, "http://site.invalid").searchParams.get("q")?.replace(/"/g, "").trim().toLowerCase() ?? "";
      const words = q.split(/\s+/).filter((w) => w !== "or");
      const total = text.match(/"outcome":\{"kind":"results","total":(\d+)/)?.[1];
      if (words.length > 0 && words.every((w) => lowered.some(([, m]) => w === m)) && answer.status === 200 && total !== "0") {
        result.leaks.push(`${path} as ${session.who}: a search for a marker found ${total ?? "(no count)"} result(s), expected 0`);
      }
    }
    if (answer.status === 200 || (answer.status >= 300 && answer.status < 400)) {
      if (answer.location) {
        const to = new URL(answer.location.replace(site, "http://site.invalid"), new URL(path, "http://site.invalid"));
        if (to.host === "site.invalid") enqueue(to.pathname + to.search);
      }
      if (answer.status === 200) for (const link of linksIn(text, linkType, path, site)) enqueue(link);
    }
  };
  // A few requests at a time, as a few readers would send them.
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      while (active < options.concurrency && queue.length > 0 && result.fetched + active < options.total) {
        const path = queue.shift()!;
        active += 1;
        visit(path).then(() => {
          active -= 1;
          pump();
        }, reject);
      }
      if (active === 0) resolve();
    };
    pump();
  });
  result.skipped += queue.length;
  return result;
}
