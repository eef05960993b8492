/**
 * Pages a person uses, checked as they see them (issue #15 items 1, 8, 9, 10, 14):
 * the account's "What you follow" and private calendar, following with its state,
 * the printed agenda pack, demo accounts kept out of the public record, the header
 * and the question register at 390 px, search snippets without Markdown, an action's
 * links to its agenda item and meeting, an exempt item's public-interest reason, the
 * 404 page's title and every page's meta description.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, signIn, submitAndWait, type DemoRole } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { baseURL, expectText, expectVisible, text, type ReaderTab } from "./support/browser";
import { fillDate } from "./support/date-input";
import { LONG_WINDOW_DAYS, setQuestionWindow } from "./support/question-window";
import { browserWithTabs } from "./support/tabs";

const MEETING = { slug: "2021-trust-annual-review", title: "Sandwell Children's Trust Annual Review" };
const ITEM_TITLE = "Sandwell Children's Trust Annual Review";
const SITE = "Sandwell Scrutiny Board Portal";

const { newTab } = browserWithTabs();

async function signedIn(role: DemoRole, javaScript = true) {
  const tab = await newTab(javaScript);
  await signIn(tab, role);
  return tab;
}

function h1(page: Page) {
  return page.getByRole("heading", { level: 1 });
}

function dayFromNow(days: number) {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  return d.toLocaleDateString("en-CA", { timeZone: "Europe/London" });
}

/** A small real PDF (the upload's type is checked by its content). */
function tinyPdf(): Buffer {
  return Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    "latin1",
  );
}

describe("item 1: the account's own pages", () => {
  it("every signed-in role sees its own 'What you follow' and 'Your private calendar' pages", async () => {
    for (const role of Object.keys(DEMO_ACCOUNTS) as DemoRole[]) {
      const tab = await signedIn(role);
      await tab.open("/account/following");
      expect(await h1(tab.page).innerText()).toBe("What you follow");
      expect(await tab.page.title()).toBe(`What you follow – ${SITE}`);
      await tab.open("/account/feeds");
      expect(await h1(tab.page).innerText()).toBe("Your private calendar");
      expect(await tab.page.title()).toBe(`Your private calendar – ${SITE}`);
      await tab.open("/account");
      expect(await h1(tab.page).innerText()).toBe("Your account");
      await tab.close();
    }
  }, 120_000);

  it("a member creates a private calendar address from the account page", async () => {
    const tab = await signedIn("member");
    await tab.open("/account");
    await tab.page.getByRole("link", { name: "Your private calendar" }).click();
    await tab.page.waitForURL(/\/account\/feeds$/);
    await expectVisible(tab.page.getByRole("heading", { level: 1, name: "Your private calendar" }), "the private calendar page");
    await tab.page.getByRole("button", { name: /calendar address/ }).first().click();
    await expectVisible(tab.page.getByRole("link", { name: /\/feeds\/private\/.+\.ics$/ }), "the calendar address");
    await expectNoAxeViolations(tab.page);
  }, 120_000);
});

/** Items 1 and 8: follow, see that you do, stop from the record and from "What you follow". */
async function followJourney(role: DemoRole, javaScript: boolean, record: { path: string; title: string | RegExp; kind: string }) {
  const tab = await signedIn(role, javaScript);
  const { page } = tab;
  await tab.open(record.path);
  await page.getByRole("link", { name: /^Follow this .* by e-?mail$/ }).first().click();
  await page.waitForURL(/\/follow\?/);
  await submitAndWait(page, /^Follow$/, /done=following/);
  // The state, not the same button again.
  await expectText(page, `You follow this ${record.kind}`);
  expect(await page.getByRole("button", { name: /^Follow$/ }).count()).toBe(0);
  await expectVisible(page.getByRole("button", { name: /^Stop following/ }), "a Stop following button");
  if (javaScript) await expectNoAxeViolations(page);

  // On the record's own page.
  await tab.open(record.path);
  await expectText(page, "You follow this");
  expect(await page.getByRole("link", { name: /^Follow this .* by e-?mail$/ }).count()).toBe(0);
  if (javaScript) await expectNoAxeViolations(page);
  await submitAndWait(page, /^Stop following/, new RegExp(`${record.path}(\\?|$)`));
  await expectText(page, "You have stopped following this");
  await expectVisible(page.getByRole("link", { name: /^Follow this .* by e-?mail$/ }), "the Follow link again");

  // Follow again, then stop from "What you follow".
  await page.getByRole("link", { name: /^Follow this .* by e-?mail$/ }).first().click();
  await page.waitForURL(/\/follow\?/);
  await submitAndWait(page, /^Follow$/, /done=following/);
  await page.getByRole("link", { name: "See what you follow" }).click();
  await page.waitForURL(/\/account\/following$/);
  await expectVisible(page.getByRole("heading", { level: 1, name: "What you follow" }), "the page What you follow");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: record.title }) });
  await expectVisible(row, "the record in the list of what you follow");
  if (javaScript) await expectNoAxeViolations(page);
  await Promise.all([page.waitForURL(/\/account\/following\?stopped/), row.getByRole("button", { name: /Stop following/ }).click()]);
  await expectText(page, "You have stopped following it.");
  expect(await page.getByRole("row").filter({ has: page.getByRole("link", { name: record.title }) }).count()).toBe(0);
}

describe("items 1 and 8: following shows its state and can be stopped", () => {
  it("a member follows a meeting (with JavaScript)", async () => {
    await followJourney("member", true, { path: `/meetings/${MEETING.slug}`, title: text(MEETING.title), kind: "meeting" });
  }, 120_000);
  it("an officer follows a priority (without JavaScript)", async () => {
    await followJourney("officer", false, { path: "/priorities/practice", title: /^Practice$/, kind: "priority" });
  }, 120_000);
});

describe("item 9: the agenda pack", () => {
  it("prints a cover, the numbered agenda and each public report in order", async () => {
    const clerk = await signedIn("clerk");
    const title = `Budget scrutiny (pack ${Date.now()})`;
    await clerk.open("/clerk/meetings/new");
    await clerk.page.getByLabel("Board or committee").selectOption({ index: 1 });
    await clerk.page.getByLabel("Title").fill(title);
    await fillDate(clerk.page, "day", dayFromNow(40));
    await clerk.page.getByLabel("Start time").fill("18:00");
    await clerk.page.getByLabel("Venue (optional)").fill("Council House, Oldbury");
    await submitAndWait(clerk.page, "Create meeting", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
    const meetingPath = new URL(clerk.page.url()).pathname;
    for (const item of ["Budget monitoring", "Property disposals", "Staffing restructure"]) {
      await clerk.page.getByLabel("Title").fill(item);
      await submitAndWait(clerk.page, "Add item", /done=added/);
    }
    const openItem = async (name: string) => {
      await clerk.open(meetingPath);
      await clerk.page.getByRole("link", { name, exact: true }).click();
      await clerk.page.waitForURL(/\/clerk\/items\/[0-9a-f-]{36}$/);
      return new URL(clerk.page.url()).pathname.split("/").pop()!;
    };
    await openItem("Budget monitoring");
    await clerk.page.getByLabel("Document title").fill("Budget monitoring report");
    await clerk.page.getByLabel("Write the report (Markdown)").fill("## Summary\n\nThe forecast overspend is PACK-REPORT-TEXT £1.2m.");
    await submitAndWait(clerk.page, "Attach document", /done=document/);
    await openItem("Property disposals");
    await clerk.page.getByLabel("Document title").fill("Disposals schedule");
    await clerk.page.getByLabel("Upload a file (optional)").setInputFiles({ name: "disposals.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
    await submitAndWait(clerk.page, "Attach document", /done=document/);
    const exemptId = await openItem("Staffing restructure");
    await clerk.page.getByLabel("Body (Markdown)").fill("Named posts EXEMPT-BODY");
    await clerk.page.getByLabel("Yes, it is exempt").check();
    await clerk.page.getByLabel("Paragraph 1", { exact: true }).check();
    await clerk.page.getByLabel("Public interest reason (exempt items)").fill("PUBLIC-INTEREST-REASON: the staff concerned could be identified");
    await clerk.page.getByLabel("Public title (exempt items)").fill("Staffing matter");
    await clerk.page.getByLabel("Document title").fill("Staffing report");
    await clerk.page.getByLabel("Write the report (Markdown)").fill("EXEMPT-REPORT");
    await submitAndWait(clerk.page, "Save item", /done=saved/);
    await clerk.open(meetingPath);
    await submitAndWait(clerk.page, "Publish agenda", /done=published/);
    const slug = new URL(await clerk.page.getByRole("link", { name: "Public page" }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;

    const reader = await newTab();
    const { page } = reader;

    // Item 14: the exempt item's public page gives the reason the clerk recorded.
    await reader.open(`/agenda-items/${exemptId}`);
    await expectText(page, "PUBLIC-INTEREST-REASON: the staff concerned could be identified");
    expect(await page.content()).not.toContain("EXEMPT-BODY");

    // The meeting page links to its pack.
    await reader.open(slug);
    await page.getByRole("link", { name: /^Agenda pack: / }).click(); // the HTML pack (beside it: "Agenda pack as a PDF")
    await page.waitForURL(/\/pack$/);
    await expectNoAxeViolations(page);
    expect(await h1(page).innerText()).toContain(title);
    expect(await page.title()).toContain("Agenda pack");
    const main = await page.getByRole("main").innerText();
    // Cover: body, date, venue, publication date.
    expect(main).toMatch(/Scrutiny Board/);
    expect(main).toContain("Council House, Oldbury");
    expect(main).toMatch(/Agenda published/);
    // The numbered agenda, then the reports in order.
    const at = (s: string) => main.indexOf(s);
    expect(at("1. Budget monitoring")).toBeGreaterThan(0);
    expect(at("2. Property disposals")).toBeGreaterThan(at("1. Budget monitoring"));
    expect(at("3. Staffing matter")).toBeGreaterThan(at("2. Property disposals"));
    expect(at("PACK-REPORT-TEXT")).toBeGreaterThan(at("3. Staffing matter"));
    expect(at("Disposals schedule")).toBeGreaterThan(at("PACK-REPORT-TEXT"));
    expect(main).toMatch(/disposals\.pdf/);
    expect(main).toMatch(text("not printed in this pack"));
    expect(main).not.toContain("EXEMPT-REPORT");
    expect(main).not.toContain("EXEMPT-BODY");

    // Printed: no site chrome, no addresses after links, margins, no grey band.
    await page.emulateMedia({ media: "print" });
    const print = await page.evaluate(() => {
      const hidden = (sel: string) => [...document.querySelectorAll(sel)].every((e) => getComputedStyle(e).display === "none");
      const afterContents = [...document.querySelectorAll("main a[href^='/']")].map((a) => getComputedStyle(a, "::after").content);
      const pageRules = [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r instanceof CSSPageRule) as CSSPageRule[];
      return {
        chromeHidden: hidden("header.govuk-header") && hidden("nav[aria-label='Main']") && hidden("footer") && hidden(".govuk-breadcrumbs"),
        afterContents: [...new Set(afterContents)],
        pageMargin: pageRules.map((r) => r.style.margin).filter(Boolean),
        htmlBackground: getComputedStyle(document.documentElement).backgroundColor,
        h1Top: document.querySelector("h1")!.getBoundingClientRect().top,
      };
    });
    expect(print.chromeHidden).toBe(true);
    expect(print.afterContents.filter((c) => c !== "none" && c !== "normal")).toEqual([]);
    expect(print.pageMargin.length).toBeGreaterThan(0);
    expect(["rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"]).toContain(print.htmlBackground);
    expect(print.h1Top).toBeLessThan(150);
    const pdf = await page.pdf({ format: "A4" });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2); // the cover and agenda, then the reports

    // The meeting page itself prints without addresses after its links and without the grey band.
    await reader.open(slug);
    await page.emulateMedia({ media: "print" });
    const meetingPrint = await page.evaluate(() => ({
      afterContents: [...new Set([...document.querySelectorAll("main a[href^='/']")].map((a) => getComputedStyle(a, "::after").content))],
      htmlBackground: getComputedStyle(document.documentElement).backgroundColor,
      footer: getComputedStyle(document.querySelector("footer")!).display,
    }));
    expect(meetingPrint.afterContents.filter((c) => c !== "none" && c !== "normal")).toEqual([]);
    expect(["rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"]).toContain(meetingPrint.htmlBackground);
    expect(meetingPrint.footer).toBe("none");
  }, 180_000);
});

describe("item 10 and item 14 (an action's links): a demo login is never part of the public record", () => {
  // A member raises a question on the seeded (years old) meeting: the clerk opens its window first.
  beforeAll(() => setQuestionWindow(baseURL(), LONG_WINDOW_DAYS), 120_000);

  it("a demo member's accepted question does not put them on the body page or in the people API; the action links its item and meeting", async () => {
    const questionText = `How many foster carers were recruited (pages ${Date.now()})?`;
    const member = await signedIn("member");
    await member.open(`/meetings/${MEETING.slug}`);
    await member.page.getByRole("main").locator('a[href^="/agenda-items/"]', { hasText: ITEM_TITLE }).first().click();
    await member.page.waitForURL(/\/agenda-items\//);
    const itemPath = new URL(member.page.url()).pathname;
    await member.page.getByRole("link", { name: "Raise a question on this item" }).click();
    await member.page.getByLabel("Your question").fill(questionText);
    await submitAndWait(member.page, "Send the question", /\/questions\/[0-9a-f-]{36}\?done=raised/);
    const questionPath = new URL(member.page.url()).pathname;
    const clerk = await signedIn("clerk");
    await clerk.open(questionPath);
    await submitAndWait(clerk.page, "Accept the question", /done=/);
    const officer = await signedIn("officer");
    await officer.open(questionPath);
    // The response in steps: its kind, then that kind's fields, then the preview, then publish.
    await officer.page.getByRole("radio", { name: "Full response", exact: true }).check();
    await submitAndWait(officer.page, "Continue", /[?&]respond=full/);
    await officer.page.getByLabel("Response", { exact: true }).fill("Twelve households were approved.");
    const actionText = `Report foster carer numbers (pages ${Date.now()})`;
    await officer.page.getByLabel("Action", { exact: true }).fill(actionText);
    await fillDate(officer.page, "actionDueOn", "30/6/2099");
    await officer.page.getByRole("button", { name: "Preview the response" }).click();
    await officer.page.getByText("Check the response before publishing it").waitFor();
    await submitAndWait(officer.page, "Publish the response", /done=/);

    const reader = await newTab();
    await reader.open(questionPath);
    await expectText(reader.page, questionText);
    await reader.open("/bodies/scrutiny-board");
    expect(await reader.page.getByRole("main").innerText()).not.toMatch(/Demo/);
    const api = await reader.page.request.get("/api/v1/people?per_page=100");
    expect(api.status()).toBe(200);
    const names = ((await api.json()) as { data: { name: string }[] }).data.map((p) => p.name);
    expect(names.filter((n) => /Demo/.test(n))).toEqual([]);

    // The action's page links the agenda item and the meeting it came from.
    await reader.open(questionPath);
    await reader.page.getByRole("link", { name: actionText }).first().click();
    await reader.page.waitForURL(/\/actions\/[0-9a-f-]{36}$/);
    const main = reader.page.getByRole("main");
    await expectVisible(main.locator(`a[href="${itemPath}"]`), "a link to the agenda item");
    await expectVisible(main.locator(`a[href="/meetings/${MEETING.slug}"]`), "a link to the meeting");
    await expectNoAxeViolations(reader.page);
  }, 180_000);
});

describe("item 14: small screens, snippets, titles and descriptions", () => {
  async function at390(tab: ReaderTab) {
    await tab.page.setViewportSize({ width: 390, height: 844 });
  }

  it("the header at 390 px: a usable search box and the navigation in at most two rows", async () => {
    for (const role of [null, "clerk"] as const) {
      const tab = role ? await signedIn(role) : await newTab();
      await at390(tab);
      await tab.open("/");
      const box = await tab.page.locator("#site-search").boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(250);
      const rows = await tab.page.evaluate(() => new Set([...document.querySelectorAll("nav[aria-label='Main'] li")].map((li) => Math.round(li.getBoundingClientRect().top))).size);
      expect(rows).toBeLessThanOrEqual(2);
      const width = await tab.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await expectNoAxeViolations(tab.page);
    }
  }, 120_000);

  it("the question register at 390 px shows its first result above the fold; filters sit behind a disclosure", async () => {
    for (const javaScript of [true, false]) {
      const tab = await newTab(javaScript);
      await at390(tab);
      await tab.open("/questions");
      const first = tab.page.locator("main table tbody tr").first();
      const top = await first.evaluate((e) => e.getBoundingClientRect().top);
      expect(top).toBeLessThan(844);
      expect(await tab.page.getByLabel("Board or committee").isVisible()).toBe(false);
      await tab.page.locator("summary", { hasText: /Filter/ }).click();
      expect(await tab.page.getByLabel("Board or committee").isVisible()).toBe(true);
      // With a filter set the filters are open.
      await tab.open("/questions?status=closed");
      expect(await tab.page.getByLabel("Status").isVisible()).toBe(true);
      if (javaScript) await expectNoAxeViolations(tab.page);
    }
    // On a wide screen (with JavaScript) they are open from the start.
    const wide = await newTab();
    await wide.page.setViewportSize({ width: 1280, height: 900 });
    await wide.open("/questions");
    expect(await wide.page.getByLabel("Board or committee").isVisible()).toBe(true);
  }, 120_000);

  it("search snippets show text, not Markdown list marks", async () => {
    const tab = await newTab();
    await tab.open("/search?q=private+fostering+arrangements");
    const snippets = await tab.page.locator(".portal-snippet").allInnerTexts();
    expect(snippets.length).toBeGreaterThan(0);
    expect(snippets.join("\n")).toMatch(/private fostering arrangements/i);
    for (const s of snippets) expect(s).not.toMatch(/(^|\s)[-*+]\s/);
  }, 120_000);

  it("the 404 page's title says the page was not found", async () => {
    const tab = await newTab();
    await tab.open("/no-such-page", { status: 404 });
    expect(await tab.page.title()).toBe(`Page not found – ${SITE}`);
    await tab.open("/meetings/no-such-meeting", { status: 404 });
    expect(await tab.page.title()).toBe(`Page not found – ${SITE}`);
  }, 120_000);

  it("every page has a meta description, its own where it is a record", async () => {
    const tab = await newTab();
    const description = async (path: string) => {
      await tab.open(path);
      return tab.page.locator('meta[name="description"]').getAttribute("content");
    };
    const home = await description("/");
    expect(home?.length ?? 0).toBeGreaterThan(30);
    for (const path of ["/meetings", "/questions", "/documents", "/accessibility"]) {
      expect((await description(path))?.length ?? 0).toBeGreaterThan(30);
    }
    const meeting = await description(`/meetings/${MEETING.slug}`);
    expect(meeting).toMatch(text(MEETING.title));
    const letter = await description("/documents/ofsted-focused-visit-letter-2024");
    expect(letter).not.toBe(home);
    expect(await tab.page.locator('meta[name="description"]').count()).toBe(1);
  }, 120_000);
});
