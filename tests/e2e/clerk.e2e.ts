/**
 * A clerk takes a meeting from creation to approved minutes in a real browser, with
 * JavaScript and without (issue 4): creates the meeting, builds and reorders the
 * agenda (a sub-item moves with its parent), marks an item exempt, attaches a PDF,
 * publishes late with an urgency reason, records attendance and a declaration,
 * writes and publishes draft minutes, approves them with an amendment at a later
 * meeting, and finds a later edit refused unless made as a recorded correction.
 * A reader without an account sees what the law allows at each step.
 *
 * Then axe-core on every clerk page: a breadth-first crawl from /clerk of the links
 * under /clerk and /admin, and each of their forms submitted empty (the error state).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { axeViolations, describeViolations, expectNoAxeViolations } from "./support/axe";
import { baseURL, expectText, follow, waitForHydration, type ReaderTab } from "./support/browser";
import { fillDate } from "./support/date-input";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();

/** A day `days` from today, as the meeting form takes it (YYYY-MM-DD, London). */
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

/** The agenda builder's items, in order, as "number title". */
async function agendaOrder(page: Page) {
  const cells = await page.locator("table.govuk-table tbody tr td:first-child").allInnerTexts();
  return cells.map((c) => c.replace(/\s*\(exempt, paragraph \d\)$/, "").replace(/\.\s+/, " ").trim());
}

/** A button named "Action: number title" (the part after the colon is visually hidden, so spacing may vary). */
function rowButton(action: string, item: string) {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escape(action)}\\s*:\\s*${escape(item)}$`);
}

async function expectAgendaOrder(page: Page, order: string[]) {
  await expect.poll(() => agendaOrder(page), { timeout: 10_000 }).toEqual(order);
}

async function createMeeting(clerk: ReaderTab, title: string, day: string) {
  await clerk.open("/clerk/meetings/new");
  await clerk.page.getByLabel("Board or committee").selectOption({ index: 1 });
  await clerk.page.getByLabel("Title").fill(title);
  await fillDate(clerk.page, "day", day);
  await clerk.page.getByLabel("Start time").fill("18:00");
  await submitAndWait(clerk.page, "Create meeting", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
  return new URL(clerk.page.url()).pathname;
}

async function addItem(clerk: ReaderTab, title: string, where?: string) {
  await clerk.page.getByLabel("Title").fill(title);
  if (where) await clerk.page.getByLabel("Where").selectOption({ label: where });
  await submitAndWait(clerk.page, "Add item", /done=added/);
}

/**
 * Moves a meeting to another day and time (its details page): attendance and minutes are
 * recorded only once a meeting is held, and approved at a held meeting (app/rules/minutes-approval.server.ts).
 */
async function moveMeeting(clerk: ReaderTab, meetingPath: string, day: string, time: string) {
  await clerk.open(`${meetingPath}/edit`);
  await fillDate(clerk.page, "day", day);
  await clerk.page.getByLabel("Start time").fill(time);
  await submitAndWait(clerk.page, "Save details", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
}

/** Opens an item's clerk page from the agenda builder. */
async function openItem(clerk: ReaderTab, meetingPath: string, title: string) {
  await clerk.open(meetingPath);
  await clerk.page.getByRole("link", { name: title, exact: true }).click();
  await clerk.page.waitForURL(/\/clerk\/items\/[0-9a-f-]{36}$/);
  await waitForHydration(clerk.page);
  return new URL(clerk.page.url()).pathname;
}

async function journey(javaScript: boolean) {
  const mark = javaScript ? "JS" : "no JS";
  // axe-core runs in the page, so it needs JavaScript; the crawl below covers every clerk page too.
  const axe = javaScript ? expectNoAxeViolations : async () => {};
  const clerk = await newTab(javaScript);
  const reader = await newTab(javaScript);
  await signIn(clerk, "clerk");

  // A meeting two days away: inside the statutory deadline (5 clear working days).
  const title = `Scrutiny meeting (${mark})`;
  const meetingPath = await createMeeting(clerk, title, dayFromNow(javaScript ? 2 : 3));
  await addItem(clerk, "Budget monitoring");
  await addItem(clerk, "Staffing restructure");
  await addItem(clerk, "Appendix: savings plan", "A sub-item of 1. Budget monitoring");
  await expectAgendaOrder(clerk.page, ["1 Budget monitoring", "1.1 Appendix: savings plan", "2 Staffing restructure"]);
  await axe(clerk.page);

  // Reorder: the sub-item moves with its parent.
  if (javaScript) {
    // Keyboard: pick up, arrow up, put down (announced in the live region).
    await clerk.page.getByRole("button", { name: rowButton("Move", "2 Staffing restructure") }).click();
    await expectText(clerk.page, /Picked up item 2, Staffing restructure, position 2 of 2/);
    await axe(clerk.page);
    await clerk.page.getByRole("button", { name: /Put down at position 2/ }).press("ArrowUp");
    await expect.poll(() => clerk.page.getByRole("button", { name: /Put down at position 1/ }).count()).toBe(1);
    await clerk.page.getByRole("button", { name: /Put down at position 1/ }).press("Enter");
    await expectAgendaOrder(clerk.page, ["1 Staffing restructure", "2 Budget monitoring", "2.1 Appendix: savings plan"]);
    // Drag and drop: Budget monitoring onto the first row.
    const rows = clerk.page.locator("table.govuk-table tbody tr");
    await rows.filter({ hasText: "Budget monitoring" }).first().dragTo(rows.filter({ hasText: "Staffing restructure" }).first());
  } else {
    await submitAndWait(clerk.page, rowButton("Move up", "2 Staffing restructure"), /done=moved/);
    await expectAgendaOrder(clerk.page, ["1 Staffing restructure", "2 Budget monitoring", "2.1 Appendix: savings plan"]);
    await submitAndWait(clerk.page, rowButton("Move up", "2 Budget monitoring"), /done=moved/);
  }
  await expectAgendaOrder(clerk.page, ["1 Budget monitoring", "1.1 Appendix: savings plan", "2 Staffing restructure"]);

  // Item 2 becomes exempt: paragraph and public-interest reason required.
  const exemptBody = `Named posts to be deleted (${mark} EXEMPT-BODY)`;
  const exemptPath = await openItem(clerk, meetingPath, "Staffing restructure");
  await clerk.page.getByLabel("Body (Markdown)").fill(exemptBody);
  await clerk.page.getByLabel("Yes, it is exempt").check();
  await Promise.all([clerk.page.waitForLoadState("load"), clerk.page.getByRole("button", { name: "Save item" }).click()]);
  await expectText(clerk.page, "Select the Schedule 12A paragraph that makes the item exempt");
  expect(await clerk.page.getByLabel("Body (Markdown)").inputValue()).toBe(exemptBody); // kept on error
  await axe(clerk.page);
  clerk.clearProblems(); // the refused form's 400, on purpose
  await clerk.page.getByLabel("Paragraph 1", { exact: true }).check();
  await clerk.page.getByLabel("Public interest reason (exempt items)").fill("Information about particular employees outweighs disclosure");
  await clerk.page.getByLabel("Public title (exempt items)").fill("Staffing matter");
  await submitAndWait(clerk.page, "Save item", /done=saved/);

  // A PDF attached to item 1.
  const budgetPath = await openItem(clerk, meetingPath, "Budget monitoring");
  await clerk.page.getByLabel("Document title").fill(`Budget monitoring report (${mark})`);
  await clerk.page.getByLabel("Upload a file (optional)").setInputFiles({ name: "budget.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
  await submitAndWait(clerk.page, "Attach document", /done=document/);
  await expectText(clerk.page, "budget.pdf");

  // Its lead officer, chosen from people a page at a time (a page of its own).
  await follow(clerk.page, "Choose the lead officer", /\/clerk\/items\/[0-9a-f-]{36}\/lead-officer$/);
  await expectText(clerk.page, "No lead officer is set.");
  const person = clerk.page.getByRole("radio").first();
  const personName = (await clerk.page.locator(`label[for="${await person.getAttribute("id")}"]`).innerText()).trim();
  await person.check();
  await submitAndWait(clerk.page, "Save lead officer", /done=lead-officer/);
  await expectText(clerk.page, "Lead officer saved.");
  await expectText(clerk.page, personName);

  // Nothing public yet.
  const budgetId = budgetPath.split("/").pop()!;
  const exemptId = exemptPath.split("/").pop()!;
  await reader.open(`/agenda-items/${budgetId}`, { status: 404 });
  reader.clearProblems();

  // Publishing late needs the urgency reason.
  await clerk.open(meetingPath);
  await Promise.all([clerk.page.waitForLoadState("load"), clerk.page.getByRole("button", { name: "Publish agenda" }).click()]);
  await expectText(clerk.page, /The statutory deadline has passed: enter the reason the agenda is published late/);
  await axe(clerk.page);
  clerk.clearProblems();
  const urgency = `The Ofsted letter arrived after the deadline (${mark})`;
  await clerk.page.getByLabel("Reason for publishing after the statutory deadline").fill(urgency);
  await submitAndWait(clerk.page, "Publish agenda", /done=published/);

  // The public agenda: the urgency reason; the exempt item's number, public title and paragraph, not its body.
  const slug = new URL(await clerk.page.getByRole("link", { name: "Public page" }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
  await reader.open(slug);
  await expectText(reader.page, urgency);
  await expectText(reader.page, "Item 2: Staffing matter");
  await expectText(reader.page, /Schedule 12A, paragraph 1\./);
  await expectText(reader.page, "Appendix: savings plan");
  expect(await reader.page.content()).not.toContain("EXEMPT-BODY");
  expect(await reader.page.content()).not.toContain("Staffing restructure");
  await axe(reader.page);
  await reader.open(`/agenda-items/${exemptId}`);
  await expectText(reader.page, "2. Staffing matter");
  expect(await reader.page.content()).not.toContain("EXEMPT-BODY");
  await reader.open(`/agenda-items/${budgetId}`);
  await expectText(reader.page, `Budget monitoring report (${mark})`);

  // The meeting is held (today): attendance, as a register of the board's members.
  const today = dayFromNow(0);
  await moveMeeting(clerk, meetingPath, today, javaScript ? "00:01" : "00:02");
  await clerk.open(`${meetingPath}/attendance`);
  const firstMember = clerk.page.locator(".portal-register__member").first();
  const attendee = (await firstMember.locator("legend").innerText()).trim();
  await firstMember.getByLabel("Present", { exact: true }).check();
  await submitAndWait(clerk.page, "Save attendance", /done=register|done=unchanged/);
  await expectText(clerk.page, /Attendance saved/);
  await axe(clerk.page);

  // A declaration of interest on item 1, by someone recorded as present.
  await clerk.open(budgetPath);
  await clerk.page.getByLabel("Who declared it").selectOption({ label: attendee });
  await clerk.page.getByLabel("Other interest").check();
  await clerk.page.getByLabel("Nature of the interest").fill(`Governor of a school named in the report (${mark})`);
  await submitAndWait(clerk.page, "Record declaration", /done=declaration/);
  await axe(clerk.page);

  // Minutes for item 1, published as a draft.
  await clerk.open(`${meetingPath}/minutes`);
  await clerk.page.getByRole("link", { name: "1. Budget monitoring", exact: true }).click();
  await clerk.page.waitForURL(/\/minute$/);
  await waitForHydration(clerk.page);
  await clerk.page.getByLabel("Minute (Markdown)").fill(`The board noted the budget report (${mark}).`);
  await clerk.page.getByLabel("Resolutions and decisions (Markdown)").fill("That the report be noted.");
  await submitAndWait(clerk.page, "Save minute", /done=saved/);
  await submitAndWait(clerk.page, "Publish draft minutes", /done=published/);
  await axe(clerk.page);
  await reader.open(slug);
  await expectText(reader.page, "Draft minutes, not yet approved as a correct record.");
  await expectText(reader.page, `The board noted the budget report (${mark}).`);
  await expectText(reader.page, /Declaration of interest: .+, other interest: Governor of a school/);
  await expectText(reader.page, `${attendee}: Member, Present`);

  // A later meeting of the same board approves them, with an amendment.
  // (Created ahead, as every new meeting is, then held later today, with an item for the minutes.)
  const laterPath = await createMeeting(clerk, `Later scrutiny meeting (${mark})`, dayFromNow(javaScript ? 40 : 41));
  await addItem(clerk, "Minutes of the previous meeting");
  await moveMeeting(clerk, laterPath, today, javaScript ? "23:58" : "23:59");
  await clerk.open(`${laterPath}/minutes`);
  await clerk.page.getByRole("link", { name: new RegExp(`^Approve the minutes of ${title.replace(/[()]/g, "\\$&")}`) }).click();
  await clerk.page.waitForURL(/approve=/);
  await waitForHydration(clerk.page);
  await axe(clerk.page);
  const amended = `The board noted the budget report and the forecast (${mark}).`;
  await clerk.page.getByLabel("Minute", { exact: true }).fill(amended);
  await submitAndWait(clerk.page, "Approve as a correct record", /done=approved/);
  await reader.open(slug);
  await expectText(reader.page, amended);
  await expectText(reader.page, /Approved as a correct record/);
  await expectText(reader.page, /Updated on .+: Amended on approval at Later scrutiny meeting/);
  expect(await reader.page.content()).not.toContain("Draft minutes, not yet approved");

  // Locked: a later edit is refused unless made as a recorded correction.
  await clerk.open(`/clerk/items/${budgetId}/minute`);
  await clerk.page.getByLabel("Minute (Markdown)").fill(`Rewritten after approval (${mark}).`);
  await Promise.all([clerk.page.waitForLoadState("load"), clerk.page.getByRole("button", { name: "Save minute" }).click()]);
  await expectText(clerk.page, "There is a problem");
  await expect.poll(() => clerk.page.locator(".govuk-error-summary__list li").allInnerTexts()).toEqual([
    "These minutes have been approved as a correct record and are locked. To change them, make a recorded correction and give the reason.",
  ]);
  expect(await clerk.page.locator('.govuk-error-summary__list a[href="#form"]').count()).toBe(0);
  await axe(clerk.page);
  clerk.clearProblems();
  await clerk.page.getByLabel("This is a recorded correction to approved minutes").check();
  await clerk.page.getByLabel("Reason for the correction").fill(`Forecast figure corrected (${mark})`);
  await submitAndWait(clerk.page, "Save minute", /done=saved/);
  await reader.open(`/agenda-items/${budgetId}`);
  await expectText(reader.page, `Rewritten after approval (${mark}).`);
  await expectText(reader.page, new RegExp(`Updated on .+: Correction: Forecast figure corrected \\(${mark}\\)`));
  // The reader still sees nothing of the exempt item's body, nor its minute.
  await reader.open(slug);
  expect(await reader.page.content()).not.toContain("EXEMPT-BODY");
}

/**
 * Pages of the same kind (ids replaced) are checked once, so the crawl stays quick: the route
 * walk (route-walk.e2e.ts) has checked each clerk route with axe on the seeded records already.
 */
const PER_KIND = 1;
const MAX_PAGES = 100;

function kindOf(url: URL) {
  const path = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ":id").replace(/\/\d+(?=\/|$)/g, "/:n");
  const keys = [...url.searchParams.keys()].sort().join("&");
  return `${path}?${keys}`;
}

async function clerkLinks(page: Page): Promise<URL[]> {
  const origin = new URL(baseURL()).origin;
  const hrefs = await page.locator("a[href]:not([download])").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === origin && /^\/(clerk|admin)(\/|$)/.test(u.pathname) && !/\.(csv|ics|atom|pdf)$/.test(u.pathname))
    .map((u) => {
      u.hash = "";
      return u;
    });
}

/**
 * Submits each form of the page that has fields to fill, with every text field
 * emptied, and checks the page it shows (the error state) with axe.
 */
async function checkEmptyForms(tab: ReaderTab, url: string, failures: string[]): Promise<number> {
  const { page } = tab;
  let errorStates = 0;
  const count = await page.locator("main form[method='post' i]").count();
  for (let i = 0; i < count; i++) {
    if (i > 0) await tab.open(url);
    const form = page.locator("main form[method='post' i]").nth(i);
    const fields = form.locator("input[type='text'], input:not([type]), input[type='email'], input[type='password'], textarea");
    if ((await fields.count()) === 0) continue;
    for (const field of await fields.all()) await field.fill("");
    const submit = form.locator("button[type='submit'], button:not([type])").first();
    if ((await submit.count()) === 0) continue;
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), submit.click()]);
    await page.waitForLoadState("networkidle");
    // With JavaScript the errors render after the answer arrives; a form that is valid empty (a status change) shows none.
    const refused = await page.locator(".govuk-error-summary").waitFor({ timeout: 3_000 }).then(() => true, () => false);
    if (refused) errorStates++;
    const violations = await axeViolations(page);
    if (violations.length) failures.push(describeViolations(`${url} (form ${i + 1} submitted empty)`, violations));
    tab.clearProblems(); // the refused form's 400, on purpose
  }
  return errorStates;
}

describe("the clerk's journey", () => {
  it("works with JavaScript", async () => {
    await journey(true);
  }, 90_000);
  it("works without JavaScript", async () => {
    await journey(false);
  }, 90_000);

  // After the journeys, so the dashboard lists meetings with items, documents, minutes and history to crawl.
  it("has no axe-core violations on any clerk page, nor on its forms' error states", async () => {
    const tab = await newTab(true);
    await signIn(tab, "clerk");
    const start = new URL("/clerk", baseURL());
    const queue: URL[] = [start];
    const seen = new Set<string>([start.href]);
    const perKind = new Map<string, number>();
    const failures: string[] = [];
    const checked: string[] = [];
    let errorStates = 0;
    while (queue.length > 0 && checked.length < MAX_PAGES) {
      const url = queue.shift()!;
      const kind = kindOf(url);
      if ((perKind.get(kind) ?? 0) >= PER_KIND) continue;
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
      const path = url.pathname + url.search;
      await tab.open(path);
      checked.push(path);
      const violations = await axeViolations(tab.page);
      if (violations.length) failures.push(describeViolations(path, violations));
      // Scripts that fail on the page (e.g. a server-only value used in the browser) count too.
      failures.push(...tab.problems());
      tab.clearProblems();
      for (const link of await clerkLinks(tab.page)) {
        if (seen.has(link.href)) continue;
        seen.add(link.href);
        queue.push(link);
      }
      // Each kind of page's forms once, in their error state.
      if (perKind.get(kind) === 1) errorStates += await checkEmptyForms(tab, path, failures);
    }
    // The crawl reached the pages the journey used.
    for (const kind of ["/clerk/meetings/new", "/clerk/meetings/:id", "/clerk/meetings/:id/minutes", "/clerk/items/:id", "/clerk/items/:id/minute"]) {
      expect(checked.map((p) => kindOf(new URL(p, baseURL())).split("?")[0]), kind).toContain(kind);
    }
    // New meeting, meeting details, agenda item, document, declaration, attendance, minute, approval: each refused with a summary.
    console.log(`axe crawl: ${checked.length} clerk pages, ${errorStates} forms in their error state`);
    expect(errorStates).toBeGreaterThanOrEqual(7);
    expect(failures, failures.join("\n\n")).toEqual([]);
  }, 240_000);
});
