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
 * A route without a line in support/route-list.ts fails the first test.
 * ROUTE_WALK_TIMES=1 prints how long each visit took.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fullPath, routeManifest, type ManifestRoute } from "../support/remix-app";
import { DEMO_ACCOUNTS } from "./support/accounts";
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

/** The seeded records the walk visits (content/), by their stable slugs. */
const SEED = {
  meeting: "2021-trust-annual-review",
  body: "scrutiny-board",
  document: "ofsted-focused-visit-letter-2024",
  priority: "practice",
  inspection: "ofsted-2018-inspection",
};

let browser: Browser;
let manifest: ManifestRoute[];
let fixtures: WalkFixtures;
let siteName: string;
/** Each role's browser context, signed in once before the walks start. */
const contexts = new Map<Who, BrowserContext>();
/** What axe has already been run on (shared by the roles' walks, which run side by side). */
const axeDone = new Set<string>();

async function api<T = any>(path: string): Promise<T> {
  const response = await fetch(new URL(path, baseURL()));
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

async function bySlug(resource: string, slug: string) {
  const list = await api<{ data: any[] }>(`/api/v1/${resource}?per_page=200`);
  const found = list.data.find((r) => r.slug === slug);
  if (!found) throw new Error(`The seeded ${resource} "${slug}" is not in /api/v1/${resource}`);
  return found;
}

async function signedInContext(who: Who): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseURL(), locale: "en-GB", timezoneId: "Europe/London" });
  // Generous: the walk runs five roles side by side, and signing in hashes a password.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  if (who === "public") return context;
  const page = await context.newPage();
  const account = DEMO_ACCOUNTS[who];
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/sign-in")), page.getByRole("button", { name: "Sign in" }).click()]);
  await page.close();
  return context;
}

/** The first link to `prefix<uuid>` on a page, with its text. */
async function firstLink(page: Page, path: string, prefix: string) {
  await page.goto(path);
  const links = await page.locator(`main a[href^="${prefix}"]`).evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute("href") ?? "", text: (a as HTMLElement).innerText.trim() })),
  );
  for (const link of links) {
    const id = link.href.slice(prefix.length).match(/^[0-9a-f-]{36}$/)?.[0];
    if (id && link.text) return { id, text: link.text };
  }
  throw new Error(`No link to ${prefix}<id> on ${path}`);
}

async function findFixtures(): Promise<WalkFixtures> {
  const meetingRow = await bySlug("meetings", SEED.meeting);
  const meeting = (await api(`/api/v1/meetings/${meetingRow.id}`)).data;
  const item = meeting.agenda[0];
  const questions = (await api<{ data: any[] }>(`/api/v1/questions?per_page=200`)).data;
  const question = questions.find((q) => q.agenda_item_id === item.id);
  const document = await bySlug("documents", SEED.document);
  const priority = await bySlug("priorities", SEED.priority);
  const inspectionRow = await bySlug("inspections", SEED.inspection);
  const inspection = (await api(`/api/v1/inspections/${inspectionRow.id}`)).data;
  const recommendation = inspection.recommendations[0];
  const body = await bySlug("bodies", SEED.body);

  const clerk = await signedInContext("clerk");
  const admin = await signedInContext("admin");
  const reader = await browser.newContext({ baseURL: baseURL() });
  try {
    const clerkPage = await clerk.newPage();
    const adminPage = await admin.newPage();
    const readerPage = await reader.newPage();
    await readerPage.goto("/annual-reviews");
    const review = readerPage.locator('main a[href^="/annual-reviews/"]').first();
    const annualReview = {
      slug: (await review.getAttribute("href"))!.replace("/annual-reviews/", ""),
      title: (await review.innerText()).trim(),
    };
    const person = await firstLink(clerkPage, `/clerk/bodies/${body.id}`, "/clerk/people/");
    const membership = await firstLink(clerkPage, `/clerk/bodies/${body.id}`, "/clerk/memberships/");
    const user = await firstLink(adminPage, "/admin/users", "/admin/users/");
    return {
      meeting: { id: meeting.id, slug: meeting.slug, name: meeting.name },
      item: { id: item.id, title: item.description },
      question: { id: question.id, text: question.text },
      document: { id: document.id, slug: document.slug, title: document.title },
      priority: { id: priority.id, slug: priority.slug, title: priority.title },
      inspection: { id: inspection.id, slug: inspection.slug, title: inspection.title },
      recommendation: { id: recommendation.id, text: recommendation.text },
      body: { id: body.id, slug: body.slug, name: body.name },
      annualReview,
      person: { id: person.id, name: person.text },
      membership: { id: membership.id },
      user: { id: user.id, name: user.text },
    };
  } finally {
    await Promise.all([clerk.close(), admin.close(), reader.close()]);
  }
}

beforeAll(async () => {
  manifest = await routeManifest();
  browser = await launchBrowser();
  fixtures = await findFixtures();
  for (const who of WHO) contexts.set(who, await signedInContext(who));
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

/** The checks on one document the browser shows; returns what is wrong. */
async function checkPage(page: Page, path: string, entry: PageEntry, who: Who): Promise<string[]> {
  const outcome = entry.roles[who];
  const failures: string[] = [];
  const label = `${path} as ${who}`;
  const response = await page.goto(path, { waitUntil: "load" });
  const status = response?.status();
  const wantStatus = outcome === "page" ? 200 : outcome;
  if (status !== wantStatus) {
    const h1 = await page.locator("h1").allInnerTexts().catch(() => []);
    return [`${label}: answered ${status}, expected ${wantStatus} (h1: ${JSON.stringify(h1)})`];
  }
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
