/**
 * Issue 18, item 6, in Chromium: the meeting page links the agenda pack and the minutes as
 * PDFs (with and without JavaScript, axe finds nothing); the PDF downloads as application/pdf
 * and reads back with the meeting's agenda; the public gets 404 for a meeting whose agenda is
 * not published, and the meeting page has no link to it.
 */
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { baseURL, expectText } from "./support/browser";
import { HttpSession } from "./support/http-session";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();
const MEETING = "/meetings/2021-trust-annual-review";
let unpublished: string;

beforeAll(async () => {
  // A meeting a clerk has made and not published.
  const clerk = new HttpSession(baseURL(), "clerk");
  await clerk.signIn("clerk");
  const bodies = JSON.parse(Buffer.from((await clerk.get("/api/v1/bodies")).body, "latin1").toString("utf8")) as { data: { id: string; slug: string }[] };
  const body = bodies.data.find((b) => b.slug === "scrutiny-board") ?? bodies.data[0];
  const to = await clerk.submit("/clerk/meetings/new", { bodyId: body.id, title: "Agenda pack e2e unpublished", day: "2027-03-03", startTime: "18:00", endTime: "", venue: "", attendanceMode: "in_person" });
  const id = to.match(/[0-9a-f-]{36}/)![0];
  const data = await clerk.data<{ meeting: { slug: string } }>(`/clerk/meetings/${id}`, "routes/clerk.meetings.$id._index");
  unpublished = `/meetings/${data.meeting.slug}`;
}, 60_000);

describe("the agenda pack as a PDF", () => {
  for (const javaScript of [true, false]) {
    it(`the meeting page links the agenda pack and the minutes as PDFs (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const tab = await newTab(javaScript);
      const { page } = tab;
      await tab.open(MEETING);
      await expectText(page, "Agenda pack as a PDF");
      await expectText(page, "Minutes as a PDF");
      expect(await page.getByRole("link", { name: "Agenda pack as a PDF" }).getAttribute("href")).toBe(`${MEETING}/agenda-pack.pdf`);
      expect(await page.getByRole("link", { name: "Minutes as a PDF" }).getAttribute("href")).toBe(`${MEETING}/minutes.pdf`);
      // The HTML pack is still there.
      await expectText(page, "Agenda pack: the agenda and its reports, to read or print");
      if (javaScript) await expectNoAxeViolations(page);
    });
  }

  it("downloads as application/pdf and reads back with the meeting's agenda", async () => {
    const tab = await newTab();
    const { page } = tab;
    await tab.open(MEETING);
    const answer = await page.request.get(`${MEETING}/agenda-pack.pdf`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-type"]).toBe("application/pdf");
    const pdf = await getDocumentProxy(new Uint8Array(await answer.body()));
    const { totalPages, text } = await extractText(pdf, { mergePages: true });
    expect(totalPages).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/Scrutiny\s+Board:\s+Sandwell\s+Children.s\s+Trust\s+Annual\s+Review/);
    expect(text).toMatch(/1\.\s+Sandwell\s+Children.s\s+Trust\s+Annual\s+Review\s+page\s+\d+/);
    const minutes = await page.request.get(`${MEETING}/minutes.pdf`);
    expect(minutes.status()).toBe(200);
    expect(minutes.headers()["content-type"]).toBe("application/pdf");
  });

  it("is not found for the public where the agenda is not published", async () => {
    const tab = await newTab(false);
    const { page } = tab;
    const pack = await page.request.get(`${unpublished}/agenda-pack.pdf`);
    expect(pack.status()).toBe(404);
    expect((await page.request.get(`${unpublished}/minutes.pdf`)).status()).toBe(404);
    await tab.open(unpublished, { status: 404 });
    await expectText(page, "Page not found");
  });
});
