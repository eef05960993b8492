/**
 * The seeded records the route walk visits (content/), found when a walk starts,
 * and a browser context signed in as each role: shared by the route walk
 * (route-walk.e2e.ts) and the hostile-input test (hostile-input.e2e.ts), each
 * against the portal it is given.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_ACCOUNTS } from "./accounts";
import type { WalkFixtures, Who } from "./route-list";

/** The seeded records the walk visits (content/), by their stable slugs. */
const SEED = {
  meeting: "2021-trust-annual-review",
  body: "scrutiny-board",
  document: "ofsted-focused-visit-letter-2024",
  priority: "practice",
  inspection: "ofsted-2018-inspection",
};

async function api<T = any>(site: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, site));
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

async function bySlug(site: string, resource: string, slug: string) {
  const list = await api<{ data: any[] }>(site, `/api/v1/${resource}?per_page=200`);
  const found = list.data.find((r) => r.slug === slug);
  if (!found) throw new Error(`The seeded ${resource} "${slug}" is not in /api/v1/${resource}`);
  return found;
}

/** A browser context signed in as `who` through the sign-in form (the public: no cookies). */
export async function signedInContext(browser: Browser, site: string, who: Who): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: site, locale: "en-GB", timezoneId: "Europe/London" });
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

/** The seeded records the walk visits, found through the API and the clerk's and administrator's lists. */
export async function findFixtures(browser: Browser, site: string): Promise<WalkFixtures> {
  const meetingRow = await bySlug(site, "meetings", SEED.meeting);
  const meeting = (await api(site, `/api/v1/meetings/${meetingRow.id}`)).data;
  const item = meeting.agenda[0];
  const questions = (await api<{ data: any[] }>(site, `/api/v1/questions?per_page=200`)).data;
  const question = questions.find((q) => q.agenda_item_id === item.id);
  const document = await bySlug(site, "documents", SEED.document);
  const priority = await bySlug(site, "priorities", SEED.priority);
  const inspectionRow = await bySlug(site, "inspections", SEED.inspection);
  const inspection = (await api(site, `/api/v1/inspections/${inspectionRow.id}`)).data;
  const recommendation = inspection.recommendations[0];
  const body = await bySlug(site, "bodies", SEED.body);

  const clerk = await signedInContext(browser, site, "clerk");
  const admin = await signedInContext(browser, site, "admin");
  const reader = await browser.newContext({ baseURL: site });
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

