/**
 * A member of the public reading the portal in a real browser, with and without
 * JavaScript: the seed content (content/) is where a reader expects it, every page
 * type passes axe-core's WCAG 2.2 A/AA rules, no page breaks the Content-Security-Policy
 * or logs an error, and bad addresses answer 404 or the first page, never 5xx.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import {
  expectText,
  expectVisible,
  follow,
  launchBrowser,
  mainNavigation,
  openReaderTab,
  type ReaderTab,
  text,
} from "./support/browser";

const MEETING = { slug: "2021-trust-annual-review", title: "Sandwell Children's Trust Annual Review" };
const AGENDA_ITEM = {
  title: "Sandwell Children's Trust Annual Review",
  minutes: "The Chief Executive of Sandwell Children's Trust delivered a presentation to the Board",
};
const LETTER = {
  slug: "ofsted-focused-visit-letter-2024",
  title: /focused visit/i,
  findings: "Regularity and quality of supervision of social workers, and oversight of children's casework",
  salutation: "Dear Sally Giles and Emma Taylor",
};
const PRIORITY = {
  slug: "practice",
  title: "Practice",
  text: "One of the six strategic priorities that Sandwell Children's Trust developed as part of its Transformation Programme",
};
const QUESTION = {
  text: "Members commented on the emphasis on keeping children safe.",
  response: "The emphasis on keeping children safe was vital.",
};
const PRIORITIES = [
  { slug: "people", title: "People" },
  { slug: "practice", title: "Practice" },
  { slug: "partnerships", title: "Partnerships" },
  { slug: "prevention", title: "Prevention" },
  { slug: "meeting-need-and-measuring-progress", title: "Meeting Need and Measuring Progress" },
  { slug: "striving-for-excellence", title: "Striving for Excellence" },
];
const INSPECTION_2018 = {
  slug: "ofsted-2018-inspection",
  title: "judged inadequate in January 2018",
  judgement: "Inadequate",
  recommendations: /17 recommendations/i,
};
const BODY = { slug: "scrutiny-board", name: /Scrutiny Board/i };

let browser: Browser;
let tab: ReaderTab;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  // Any CSP violation, console error or failed request during a test fails it.
  try {
    tab?.expectNoProblems();
  } finally {
    await tab?.close();
  }
});

function heading(page: Page, name: string | RegExp) {
  return page.getByRole("heading", { level: 1, name: typeof name === "string" ? text(name, "i") : name });
}

/** home -> meeting -> agenda item -> the Ofsted letter -> a priority, by following links. */
async function readerWalk(javaScript: boolean) {
  tab = await openReaderTab(browser, { javaScript });
  const { page } = tab;

  await tab.open("/");
  await expectVisible(page.getByRole("heading", { level: 1 }), "the home page's heading");

  // Home -> the annual review meeting, listed among the meetings on the home page.
  await follow(page, MEETING.title, new RegExp(`/meetings/${MEETING.slug}$`), page.getByRole("main"));
  await expectVisible(heading(page, MEETING.title), "the meeting's title as its heading");

  // Meeting -> its agenda item, whose minutes record the Chief Executive's presentation.
  await follow(page, AGENDA_ITEM.title, /\/agenda-items\/[0-9a-f-]{36}$/, page.getByRole("main"));
  await expectVisible(heading(page, AGENDA_ITEM.title), "the agenda item's title as its heading");
  await expectText(page, AGENDA_ITEM.minutes);

  // Agenda item -> (header) documents -> the Ofsted focused visit letter.
  await follow(page, "Documents", /\/documents$/, mainNavigation(page));
  await follow(page, LETTER.title, new RegExp(`/documents/${LETTER.slug}$`), page.getByRole("main"));
  await expectVisible(heading(page, LETTER.title), "the letter's title as its heading");
  await expectText(page, LETTER.salutation);
  await expectText(page, LETTER.findings);

  // Letter -> (header) priorities -> Practice, whose trail leads back to the agenda item.
  await follow(page, "Priorities", /\/priorities$/, mainNavigation(page));
  for (const priority of PRIORITIES) {
    await expectVisible(
      page.getByRole("main").getByRole("link", { name: text(priority.title, "i") }),
      `a link to the priority ${priority.title}`,
    );
  }
  await follow(page, new RegExp(`^${PRIORITY.title}$`, "i"), new RegExp(`/priorities/${PRIORITY.slug}$`), page.getByRole("main"));
  await expectVisible(heading(page, PRIORITY.title), "the priority's title as its heading");
  await expectText(page, PRIORITY.text);
  await expectVisible(
    page.getByRole("main").locator('a[href^="/agenda-items/"]', { hasText: text(AGENDA_ITEM.title) }),
    "a link from the priority to the agenda item that presented it",
  );
}

describe("a reader", () => {
  it("follows the annual review from the home page to its minutes, the Ofsted letter and a priority", async () => {
    await readerWalk(true);
  });

  it("does the same walk with JavaScript turned off", async () => {
    await readerWalk(false);
  });
});

describe("every page type passes axe-core (WCAG 2.2 A and AA) and reports no browser errors", () => {
  const pages: [string, string, string | RegExp][] = [
    ["home", "/", MEETING.title],
    ["meetings list", "/meetings", MEETING.title],
    ["meeting", `/meetings/${MEETING.slug}`, AGENDA_ITEM.minutes],
    ["bodies list", "/bodies", BODY.name],
    ["body", `/bodies/${BODY.slug}`, MEETING.title],
    ["documents list", "/documents", LETTER.title],
    ["document", `/documents/${LETTER.slug}`, LETTER.salutation],
    ["priorities list", "/priorities", "Striving for Excellence"],
    ["priority", `/priorities/${PRIORITY.slug}`, PRIORITY.text],
    ["inspections list", "/inspections", INSPECTION_2018.title],
    ["inspection", `/inspections/${INSPECTION_2018.slug}`, INSPECTION_2018.judgement],
    ["questions list", "/questions", QUESTION.text],
    ["accessibility statement", "/accessibility", /WCAG/],
    ["about", "/about", /sources/i],
  ];

  for (const [kind, path, seen] of pages) {
    it(`${kind} (${path})`, async () => {
      tab = await openReaderTab(browser);
      await tab.open(path);
      await expectVisible(tab.page.getByRole("heading", { level: 1 }), `a main heading on ${path}`);
      await expectText(tab.page, seen);
      await expectNoAxeViolations(tab.page);
    });
  }

  it("agenda item (/agenda-items/:id, reached from its meeting)", async () => {
    tab = await openReaderTab(browser);
    await tab.open(`/meetings/${MEETING.slug}`);
    const link = tab.page.getByRole("main").getByRole("link", { name: text(AGENDA_ITEM.title) }).first();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/agenda-items\/[0-9a-f-]{36}$/);
    await tab.open(href!);
    await expectText(tab.page, AGENDA_ITEM.minutes);
    await expectNoAxeViolations(tab.page);
  });

  it("question (/questions/:id, reached from the register)", async () => {
    tab = await openReaderTab(browser);
    await tab.open("/questions");
    const link = tab.page.getByRole("main").getByRole("link", { name: text(QUESTION.text) }).first();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/questions\/[0-9a-f-]{36}$/);
    await tab.open(href!);
    await expectVisible(heading(tab.page, QUESTION.text), "the question as the page's heading");
    await expectText(tab.page, QUESTION.response);
    await expectNoAxeViolations(tab.page);
  });

  it("inspection: the 2018 inspection gives its judgement and its 17 recommendations", async () => {
    tab = await openReaderTab(browser);
    await tab.open(`/inspections/${INSPECTION_2018.slug}`);
    await expectText(tab.page, INSPECTION_2018.judgement);
    await expectText(tab.page, INSPECTION_2018.recommendations);
  });

  it("404 page (an address nothing matches)", async () => {
    tab = await openReaderTab(browser);
    await tab.open("/no-such-page", { status: 404 });
    await expectVisible(heading(tab.page, "Page not found"), "the heading 'Page not found'");
    await expectNoAxeViolations(tab.page);
  });
});

// The status and the page a bad address gets are the server's answer: read without
// JavaScript (the 404 page's own scripts are checked with axe above).
describe("bad addresses", () => {
  it.each([
    ["/no-such-page"],
    ["/meetings/no-such-meeting"],
    ["/documents/no-such-document"],
    ["/priorities/no-such-priority"],
    ["/inspections/no-such-inspection"],
    ["/bodies/no-such-body"],
    ["/agenda-items/00000000-0000-4000-8000-000000000000"],
    ["/questions/00000000-0000-4000-8000-000000000000"],
  ])("%s answers 404 with the 'Page not found' page", async (path) => {
    tab = await openReaderTab(browser, { javaScript: false });
    await tab.open(path, { status: 404 });
    await expectVisible(heading(tab.page, "Page not found"), "the heading 'Page not found'");
  });

  it.each([
    ["/meetings", MEETING.title],
    ["/documents", LETTER.title],
    ["/questions", QUESTION.text],
    ["/inspections", INSPECTION_2018.title],
  ] as [string, string | RegExp][])("%s?page=abc and ?page=-1 answer 200 with the first page", async (path, seen) => {
    tab = await openReaderTab(browser, { javaScript: false });
    await tab.open(path);
    await expectText(tab.page, seen);
    const firstPage = await tab.page.getByRole("main").innerText();
    for (const query of ["?page=abc", "?page=-1", "?page=0"]) {
      await tab.open(`${path}${query}`, { status: 200 });
      expect(await tab.page.getByRole("main").innerText(), `${path}${query} shows the first page`).toBe(firstPage);
    }
  });
});
