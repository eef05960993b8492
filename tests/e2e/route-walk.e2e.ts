/**
 * The route walk (issue 15, "The tests must see what users see"; ADR 023): every
 * route module in app/routes/ (read from the directory now, with Remix's own
 * flat-routes reading), visited in Chromium as each role (the public and the four
 * demo accounts), at a real address of the seeded content. For each visit:
 * - the answer each role should get (the page, a redirect to sign in, 403 or 404);
 * - a page's <h1> and <title> are that route's own (a parent route that swallows
 *   its child shows the parent's heading, and fails here);
 * - axe-core finds no WCAG 2.2 A/AA violation, and the page logs no error;
 * - a resource (feed, CSV, API, sitemap, file) answers its status and content type.
 * A refusal (403) or not-found page is opened in Chromium once per kind; at the other
 * routes and roles that answer it, its status, heading and title are read from the HTML.
 * A route without a line in support/route-list.ts fails the first test.
 * ROUTE_WALK_TIMES=1 prints how long each visit took.
 */
import { decodeHTML } from "entities";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fullPath, routeManifest, type ManifestRoute } from "../support/remix-app";
import { axeViolations, describeViolations } from "./support/axe";
import { baseURL, launchBrowser } from "./support/browser";
import {
  FORBIDDEN_H1,
  NOT_FOUND_H1,
  resolve,
  ROUTE_WALK,
  WHO,
  type PageEntry,
  type ResourceEntry,
  type WalkFixtures,
  type Who,
} from "./support/route-list";
import { findFixtures, signedInContext } from "./support/walk-fixtures";

/**
 * One GET without following redirects. A kept-alive connection the server closed
 * between two requests (ECONNRESET before any answer) is the client's, not the
 * page's: that one request is sent again, once.
 */
async function getOnce(context: BrowserContext, path: string) {
  try {
    return await context.request.get(path, { maxRedirects: 0 });
  } catch (error) {
    if (!/ECONNRESET/.test(String(error))) throw error;
    return context.request.get(path, { maxRedirects: 0 });
  }
}

let browser: Browser;
let manifest: ManifestRoute[];
let fixtures: WalkFixtures;
let siteName: string;
/** Each role's browser context, signed in once before the walks start. */
const contexts = new Map<Who, BrowserContext>();
/** What axe has already been run on (shared by the roles' walks, which run side by side). */
const axeDone = new Set<string>();
/** The refusal and not-found pages already opened in Chromium, by status and heading. */
const shownInBrowser = new Set<string>();

beforeAll(async () => {
  manifest = await routeManifest();
  browser = await launchBrowser();
  fixtures = await findFixtures(browser, baseURL());
  for (const who of WHO) contexts.set(who, await signedInContext(browser, baseURL(), who));
  const home = await fetch(new URL("/", baseURL())).then((r) => r.text());
  const title = home.match(/<title>([^<]*)<\/title>/)?.[1] ?? "";
  siteName = title.split(" – ").at(-1) ?? "";
  expect(siteName, "the site name, from the home page's title").not.toBe("");
});

afterAll(async () => {
  for (const context of contexts.values()) await context.close();
  await browser?.close();
});

describe("the route walk's list", () => {
  it("has a line for every route in app/routes/, and none for a route that is gone", () => {
    const missing = manifest
      .filter((r) => !(r.id in ROUTE_WALK))
      .map((r) => `${r.id} (app/${r.file}, ${fullPath(r, manifest)}): add a line to tests/e2e/support/route-list.ts`);
    const ids = new Set(manifest.map((r) => r.id));
    const stale = Object.keys(ROUTE_WALK)
      .filter((id) => !ids.has(id))
      .map((id) => `${id}: no such route any more; remove its line`);
    expect([...missing, ...stale]).toEqual([]);
  });
});

/** The text of an element's HTML, as a reader sees it (tags dropped, references decoded, spacing collapsed). */
const textOf = (html: string) => decodeHTML(html.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();

/**
 * A refusal or not-found page whose kind the browser has already shown (with axe and the
 * console watched), checked from the server's HTML: the same status, one <h1>, the same
 * heading and title, for this role's cookies. These pages are one template; opening each in
 * Chromium again cost a fifth of the walk (ADR 052).
 */
async function checkRefusalHtml(context: BrowserContext, path: string, label: string, status: number, h1: RegExp, title: RegExp) {
  const response = await getOnce(context, path);
  const html = await response.text();
  const headings = [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => textOf(m[1]));
  if (response.status() !== status) return [`${label}: answered ${response.status()}, expected ${status} (h1: ${JSON.stringify(headings)})`];
  const failures: string[] = [];
  if (headings.length !== 1) failures.push(`${label}: ${headings.length} <h1> elements (${JSON.stringify(headings)}), expected one`);
  else if (!h1.test(headings[0])) failures.push(`${label}: <h1> is "${headings[0]}", expected ${h1}`);
  const pageTitle = textOf(html.match(/<title>([\s\S]*?)<\/title>/)?.[1] ?? "");
  if (!pageTitle.endsWith(` – ${siteName}`) || !title.test(pageTitle.slice(0, -` – ${siteName}`.length))) {
    failures.push(`${label}: <title> is "${pageTitle}", expected ${title} – ${siteName}`);
  }
  return failures;
}

/** The checks on one document the browser shows; returns what is wrong. */
async function checkPage(page: Page, path: string, entry: PageEntry, who: Who): Promise<string[]> {
  const outcome = entry.roles[who];
  const failures: string[] = [];
  const label = `${path} as ${who}`;
  const wantStatus = outcome === "page" ? 200 : outcome;
  const h1Pattern =
    outcome === "page" ? resolve(entry.h1, fixtures) : outcome === 403 ? FORBIDDEN_H1 : (entry.notFoundH1 ?? NOT_FOUND_H1);
  const titlePattern =
    outcome === "page"
      ? resolve(entry.title ?? entry.h1, fixtures)
      : outcome === 403
        ? FORBIDDEN_H1
        : entry.notFoundH1
          ? resolve(entry.title ?? entry.notFoundH1, fixtures)
          : NOT_FOUND_H1;
  if (typeof outcome === "number") {
    const kind = `${outcome} ${h1Pattern}`;
    if (shownInBrowser.has(kind)) return checkRefusalHtml(page.context(), path, label, outcome, h1Pattern, titlePattern);
    shownInBrowser.add(kind);
  }
  const response = await page.goto(path, { waitUntil: "load" });
  const status = response?.status();
  if (status !== wantStatus) {
    const h1 = await page.locator("h1").allInnerTexts().catch(() => []);
    return [`${label}: answered ${status}, expected ${wantStatus} (h1: ${JSON.stringify(h1)})`];
  }

  const headings = (await page.locator("h1").allInnerTexts()).map((h) => h.replace(/\s+/g, " ").trim());
  if (headings.length !== 1) failures.push(`${label}: ${headings.length} <h1> elements (${JSON.stringify(headings)}), expected one`);
  else if (!h1Pattern.test(headings[0])) failures.push(`${label}: <h1> is "${headings[0]}", expected ${h1Pattern} (the route's own)`);

  const title = await page.title();
  const own = title.endsWith(` – ${siteName}`) ? title.slice(0, -` – ${siteName}`.length) : null;
  if (own === null) failures.push(`${label}: <title> is "${title}", expected "<the page's own title> – ${siteName}"`);
  else if (!titlePattern.test(own)) failures.push(`${label}: <title> is "${title}", expected ${titlePattern} – ${siteName}`);

  // axe once per route and outcome (a refusal or not-found page once per kind), and for
  // every role where the route's content differs by role (entry.axeEveryRole).
  const axeKey = outcome === "page" ? `${path} ${entry.axeEveryRole ? who : ""}` : `${outcome} ${h1Pattern}`;
  if (!axeDone.has(axeKey)) {
    axeDone.add(axeKey);
    const violations = await axeViolations(page);
    if (violations.length > 0) failures.push(`${label}: ${describeViolations(path, violations)}`);
  }
  return failures;
}

async function checkResource(context: BrowserContext, path: string, entry: ResourceEntry, who: Who): Promise<string[]> {
  const outcome = entry.roles?.[who] ?? "page";
  const label = `${path} as ${who}`;
  const response = await getOnce(context, path);
  if (outcome === "sign-in") return checkSignIn(response.status(), response.headers().location, path, label);
  const want = outcome === "page" ? (entry.status ?? 200) : outcome;
  const failures: string[] = [];
  if (response.status() !== want) failures.push(`${label}: answered ${response.status()}, expected ${want}`);
  const type = response.headers()["content-type"] ?? "";
  if (want < 300 || entry.status === want) {
    if (!entry.contentType.test(type)) failures.push(`${label}: Content-Type "${type}", expected ${entry.contentType}`);
  }
  if (want === 200 && (await response.body()).length === 0) failures.push(`${label}: an empty body`);
  return failures;
}

function checkSignIn(status: number, location: string | undefined, path: string, label: string): string[] {
  const wanted = `/sign-in?redirectTo=${encodeURIComponent(path)}`;
  const at = location ? new URL(location, baseURL()) : null;
  const got = at ? `${at.pathname}${at.search}` : "";
  if (status !== 302 || got !== wanted) return [`${label}: answered ${status} ${got}, expected a redirect to ${wanted}`];
  return [];
}

/** Walks every route as one role; returns every failure (the walk never stops at the first). */
async function walk(who: Who): Promise<string[]> {
  const context = contexts.get(who)!;
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    // A 403 or 404 document makes Chromium log "Failed to load resource": its status is checked by the walk.
    if (m.type() === "error" && !/^Failed to load resource: the server responded with a status of 40[34]/.test(m.text())) {
      problems.push(`console error on ${page.url()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => problems.push(`uncaught error on ${page.url()}: ${e.message}`));
  const failures: string[] = [];
  try {
    for (const route of manifest) {
      const entry = ROUTE_WALK[route.id];
      if (!entry) continue; // reported by the list's own test
      const path = resolve(entry.path, fixtures) ?? fullPath(route, manifest);
      const started = Date.now();
      try {
        if (entry.kind === "resource") {
          failures.push(...(await checkResource(context, path, entry, who)));
        } else if (entry.roles[who] === "sign-in") {
          const response = await getOnce(context, path);
          failures.push(...checkSignIn(response.status(), response.headers().location, path, `${path} as ${who}`));
        } else {
          failures.push(...(await checkPage(page, path, entry, who)));
        }
      } catch (error) {
        failures.push(`${path} as ${who}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (process.env.ROUTE_WALK_TIMES) console.log(`${who} ${path} ${Date.now() - started} ms`);
    }
  } finally {
    await page.close();
  }
  return [...failures, ...problems];
}

describe("every route, as each role", () => {
  for (const who of WHO) {
    it.concurrent(`renders its own page, accessible, to ${who === "public" ? "the public" : `a signed-in ${who}`}`, async () => {
      const failures = await walk(who);
      expect(failures, `The walk as ${who} found ${failures.length} problem(s)`).toEqual([]);
    }, 900_000);
  }
});
