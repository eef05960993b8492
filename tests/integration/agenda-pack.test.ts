/**
 * Issue 18, item 6: the agenda pack and minutes as PDFs, read back with unpdf: the cover and
 * the private-part statement, the numbered agenda with page numbers, every public report
 * (Markdown as text, an uploaded PDF appended as it is, a corrupt one replaced by a note),
 * bookmarks, title and language; never a draft or an exempt item's content; a 404 for the
 * public where the agenda is not published; kept until the agenda changes.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { agendaPackPdf, minutesPdf } from "~/models/meetings";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import { agendaItems, documentFiles, generatedFiles, meetings } from "../../db/schema";
import { makeBody, makeDocument, makeItem, makeMeeting, makeMinute } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const DRAFT = "PACKDRAFTMARKER3310";
const EXEMPT = "PACKEXEMPTMARKER8812";
const clerk: Viewer = { kind: "user", userId: "00000000-0000-0000-0000-000000000001", name: "Clerk", email: "c@example.org", role: "clerk", personId: null, organisationId: null };

let server: TestServer;
let published: { id: string; slug: string };
let draftMeeting: { slug: string };
let openItemId: string;

async function pdfOf(title: string, lines: string[], pages = 1) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage();
    lines.forEach((l, i) => page.drawText(`${l} ${p + 1}`, { x: 50, y: 700 - i * 20, size: 12, font }));
  }
  doc.setTitle(title);
  return doc.save();
}

async function attachFile(documentId: string, fileName: string, bytes: Uint8Array) {
  await db().insert(documentFiles).values({
    documentId,
    fileName,
    mediaType: "application/pdf",
    byteSize: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    content: bytes,
  });
}

async function read(bytes: Uint8Array) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  const outline = (await pdf.getOutline()) ?? [];
  const meta = await pdf.getMetadata();
  const markInfo = await pdf.getMarkInfo();
  return { totalPages, pages: text as string[], all: (text as string[]).join("\n"), outline, meta, markInfo };
}

beforeAll(async () => {
  server = await startTestServer();
  const body = await makeBody({ name: "Pack Scrutiny Board" });
  const m = await makeMeeting(body.id, {
    title: "Pack test meeting",
    venue: "Council House, Oldbury",
    startsAt: new Date("2026-03-10T18:00:00Z"),
    minutesPublishedAt: new Date("2026-03-20T09:00:00Z"),
  });
  published = { id: m.id, slug: m.slug };
  const apologies = await makeItem(m.id, { position: 1, title: "Apologies for absence", purpose: "To receive apologies." });
  openItemId = apologies.id;
  const budget = await makeItem(m.id, { position: 2, title: "Budget monitoring", purpose: "Members to **note** the report." });
  await makeMinute(budget.id, "The board noted the budget report.");
  const report = await makeDocument({ title: "Budget monitoring report", body: "## Summary\n\nSpending is **on track**.\n\n- Forecast outturn\n- Savings delivered" }, budget.id);
  const appendix = await makeDocument({ title: "Appendix with a file", body: "" }, budget.id);
  await attachFile(appendix.id, "appendix.pdf", await pdfOf("Appendix", ["APPENDIXPAGETEXT"], 2));
  const broken = await makeDocument({ title: "Report with a broken file", body: "" }, budget.id);
  await attachFile(broken.id, "broken.pdf", new TextEncoder().encode("%PDF-1.7\nthis is not really a PDF at all"));
  const exempt = await makeItem(m.id, {
    position: 3,
    title: `Contract award ${EXEMPT}`,
    body: `Terms ${EXEMPT}`,
    purpose: `Purpose ${EXEMPT}`,
    isExempt: true,
    exemptParagraph: 3,
    exemptReason: "Commercially sensitive while the tender is open",
    publicTitle: "Contract award (exempt)",
  });
  await makeMinute(exempt.id, `Exempt minute ${EXEMPT}`);
  await makeDocument({ title: `Exempt report ${EXEMPT}`, body: EXEMPT }, exempt.id);
  await makeItem(m.id, { position: 4, title: `Draft item ${DRAFT}`, body: DRAFT, publishedAt: null });
  await makeDocument({ title: `Draft report ${DRAFT}`, body: DRAFT, publishedAt: null }, budget.id);
  void report;
  const d = await makeMeeting(body.id, { title: `Unpublished ${DRAFT}`, agendaPublishedAt: null });
  await makeItem(d.id, { title: "Item of an unpublished meeting" });
  draftMeeting = { slug: d.slug };
});
afterAll(async () => server?.close());

describe("the public agenda pack PDF", () => {
  it("is a PDF with the cover, the numbered agenda with page numbers, every public report, bookmarks, title and language", async () => {
    const file = (await agendaPackPdf(PUBLIC_VIEWER, published.slug))!;
    expect(file.mediaType).toBe("application/pdf");
    const pack = await read(file.content);
    // Cover, agenda, item 1 and 2, two appended pages, the note page (at least).
    expect(pack.totalPages).toBeGreaterThanOrEqual(6);
    const cover = pack.pages[0];
    expect(cover).toContain("Pack test meeting");
    expect(cover).toContain("Pack Scrutiny Board");
    expect(cover).toContain("Council House, Oldbury");
    expect(cover).toContain("Part of this meeting will be held in private");
    expect(cover).toContain("Contract award (exempt)");
    expect(cover).toContain("paragraph 3");
    const agenda = pack.pages[1];
    expect(agenda).toMatch(/1\. Apologies for absence\s+page \d+/);
    expect(agenda).toMatch(/2\. Budget monitoring\s+page \d+/);
    expect(agenda).toMatch(/3\. Contract award \(exempt\)/);
    // The page the agenda gives for item 2 is where it starts.
    const budgetPage = Number(agenda.match(/2\. Budget monitoring\s+page (\d+)/)![1]);
    expect(pack.pages[budgetPage - 1]).toContain("Item 2. Budget monitoring");
    // Each public report, Markdown as text.
    expect(pack.all).toContain("Budget monitoring report");
    expect(pack.all).toContain("Spending is on track.");
    expect(pack.all).toContain("Savings delivered");
    // The uploaded PDF appended as it is (two pages), the broken one replaced by a note.
    expect(pack.pages.filter((p) => p.includes("APPENDIXPAGETEXT")).length).toBe(2);
    expect(pack.all).toContain("File not included: broken.pdf");
    expect(pack.all).toContain("could not be read as a PDF");
    // Bookmarks per item, reports beneath.
    const titles = pack.outline.map((o: { title: string }) => o.title);
    expect(titles).toEqual(expect.arrayContaining(["Agenda", "1. Apologies for absence", "2. Budget monitoring", "3. Contract award (exempt)"]));
    const budget = pack.outline.find((o: { title: string }) => o.title === "2. Budget monitoring") as { items: { title: string }[] };
    expect(budget.items.map((i) => i.title)).toContain("Budget monitoring report");
    // Title, language, tagged.
    expect((pack.meta.info as { Title?: string }).Title).toBe("Agenda pack: Pack test meeting");
    expect((pack.meta.info as { Language?: string }).Language ?? "en-GB").toBe("en-GB");
    expect(pack.markInfo?.Marked).toBe(true);
    const raw = Buffer.from(file.content).toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
  });

  it("never holds a draft or an exempt item's content", async () => {
    const pack = await read((await agendaPackPdf(PUBLIC_VIEWER, published.slug))!.content);
    expect(pack.all).not.toContain(EXEMPT);
    expect(pack.all).not.toContain(DRAFT);
    expect(pack.all).not.toContain("Commercially sensitive while the tender is open".toUpperCase());
  });

  it("is a 404 for the public where the agenda is not published; a clerk's copy says it may hold drafts", async () => {
    expect(await agendaPackPdf(PUBLIC_VIEWER, draftMeeting.slug)).toBeNull();
    const res = await send(server, `/meetings/${draftMeeting.slug}/agenda-pack.pdf`);
    expect(res.status).toBe(404);
    const mine = await read((await agendaPackPdf(clerk, draftMeeting.slug))!.content);
    expect(mine.all).toContain("Prepared for a clerk");
    // Exempt content is never in any pack.
    const clerkPack = await read((await agendaPackPdf(clerk, published.slug))!.content);
    expect(clerkPack.all).not.toContain(`Terms ${EXEMPT}`);
    expect(clerkPack.all).not.toContain(`Exempt report ${EXEMPT}`);
  });

  it("is served as application/pdf and kept until the agenda changes", async () => {
    const res = await send(server, `/meetings/${published.slug}/agenda-pack.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await send(server, `/meetings/${published.slug}/agenda-pack.pdf`);
    expect(again.headers.get("etag")).toBe(etag);
    const [stored] = await db().select({ key: generatedFiles.key }).from(generatedFiles).where(eq(generatedFiles.name, `agenda-pack:${published.id}`));
    expect(`"${stored.key}"`).toBe(etag);
    await db().update(agendaItems).set({ title: "Apologies and substitutions" }).where(eq(agendaItems.id, openItemId));
    const changed = await send(server, `/meetings/${published.slug}/agenda-pack.pdf`);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect((await read(new Uint8Array(await changed.arrayBuffer()))).all).toContain("Apologies and substitutions");
  });
});

describe("the minutes PDF", () => {
  it("is there once the minutes are published, with each public minute and no exempt one", async () => {
    const file = (await minutesPdf(PUBLIC_VIEWER, published.slug))!;
    const minutes = await read(file.content);
    expect(minutes.all).toContain("Minutes: Pack test meeting");
    expect(minutes.all).toContain("The board noted the budget report.");
    expect(minutes.all).not.toContain(EXEMPT);
    expect(minutes.all).not.toContain(DRAFT);
  });

  it("is a 404 before the minutes are published", async () => {
    await db().update(meetings).set({ minutesPublishedAt: null }).where(eq(meetings.id, published.id));
    expect(await minutesPdf(PUBLIC_VIEWER, published.slug)).toBeNull();
    expect((await send(server, `/meetings/${published.slug}/minutes.pdf`)).status).toBe(404);
    await db().update(meetings).set({ minutesPublishedAt: new Date("2026-03-20T09:00:00Z") }).where(eq(meetings.id, published.id));
  });
});
