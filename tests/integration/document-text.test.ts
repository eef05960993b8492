/**
 * The papers themselves (issue 19): an upload's text is read in the background, stored by
 * page, shown on the document's page (escaped, each page linked to `#page=N`), found by
 * search where the file is seen and nowhere else, and a PDF that is not an accessible
 * document warns the clerk until it is replaced. Hostile files stay attachments with a note.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { clerkInbox } from "~/models/inbox";
import {
  createItemDocument,
  currentTextReader,
  documentFileTexts,
  pendingFileTextCount,
  readPendingFileTexts,
  replaceFile,
  requeueFilesReadByOthers,
  TEXT_PAGES_PER_VIEW,
} from "~/models/meetings";
import { search } from "~/models/search";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import { auditLog, documentFiles, documentTextPages } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting } from "../support/factories";
import { docx, encryptedPdf, fakeDocx, scannedPdf, textPdf } from "../support/paper-fixtures";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const WORD = "Zephyrplacement";
const DRAFT_WORD = "Quillborrowdraft";
const OLD_WORD = "Oldversionmarker";

let server: TestServer;
let clerk: Viewer;
let clerkCookie: string;
let actor: { userId: string; ipAddress: null };
const docs: Record<string, { id: string; slug: string }> = {};

async function upload(itemId: string, key: string, name: string, bytes: Uint8Array) {
  const doc = await db().transaction((tx) => createItemDocument(tx, actor, itemId, { title: `Paper ${key}`, body: "", file: { name, bytes } }));
  docs[key] = { id: doc.id, slug: doc.slug };
}

async function fileOf(key: string) {
  const [f] = await db().select().from(documentFiles).where(eq(documentFiles.documentId, docs[key].id)).orderBy(documentFiles.createdAt);
  return f;
}

async function results(viewer: Viewer, q: string) {
  const outcome = await search(viewer, { q, page: 1 });
  if (outcome.kind !== "results") throw new Error(`expected results, got ${outcome.kind}`);
  return outcome;
}

beforeAll(async () => {
  const user = await makeUser("clerk");
  clerk = { kind: "user", userId: user.id, name: user.name, email: user.email, role: "clerk", personId: null, organisationId: null };
  clerkCookie = await cookieFor(user.id);
  actor = { userId: user.id, ipAddress: null };
  const body = await makeBody({ name: "Papers Board" });
  const meeting = await makeMeeting(body.id, { title: "Papers meeting", startsAt: new Date("2026-02-10T18:00:00Z") });
  const open = await makeItem(meeting.id, { position: 1, title: "Fostering report" });
  const draft = await makeItem(meeting.id, { position: 2, title: "Draft item", publishedAt: null });
  await upload(open.id, "good", "fostering.pdf", await textPdf(["Cover page", `Placement ${WORD} rose\n<script>alert("x")</script> & more`, "End"], { title: "Fostering", language: "en-GB" }));
  await upload(draft.id, "draft", "draft.pdf", await textPdf([`Secret ${DRAFT_WORD}`], { title: "Draft", language: "en-GB" }));
  await upload(open.id, "scan", "scan.pdf", await scannedPdf());
  await upload(open.id, "bare", "bare.pdf", await textPdf(["A report with no title and no language"]));
  await upload(open.id, "old", "old.pdf", await textPdf([`Words ${OLD_WORD} before redaction`], { title: "Old", language: "en" }));
  await upload(open.id, "locked", "locked.pdf", await encryptedPdf());
  await upload(open.id, "fake", "fake.docx", fakeDocx());
  await upload(open.id, "word", "minutes.docx", docx([`Word file about ${WORD}s and kinship`]));
  // The upload is not read in the request: every file waits for the background reader.
  expect(await pendingFileTextCount()).toBe(8);
  // Two readers at once (two app servers): each file is claimed by one of them.
  const [a, b] = await Promise.all([readPendingFileTexts(), readPendingFileTexts()]);
  expect(a + b).toBe(8);
  expect(await pendingFileTextCount()).toBe(0);
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("reading in the background", () => {
  it("stores each page's text with its page number, and the outcome on the file", async () => {
    const good = await fileOf("good");
    expect(good).toMatchObject({ textStatus: "extracted", textNote: null, pageCount: 3, pdfHasTitle: true, pdfHasLanguage: true, textAttempts: 1 });
    const pages = await db().select().from(documentTextPages).where(eq(documentTextPages.documentFileId, good.id)).orderBy(documentTextPages.pageNumber);
    expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(pages[1].text).toContain(WORD);
    // Audited as every write is: the audit row is also what drops the document's cached page.
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "document_file"), eq(auditLog.entityId, good.id))).orderBy(auditLog.id);
    expect(audit.map((a) => (a.after as { textStatus?: string } | null)?.textStatus)).toContain("extracted");
  });

  it("keeps every hostile file as an attachment with a plain note", async () => {
    expect(await fileOf("locked")).toMatchObject({ textStatus: "failed", textNote: expect.stringMatching(/protected by a password/) });
    expect(await fileOf("fake")).toMatchObject({ textStatus: "failed", textNote: expect.stringMatching(/holds no Word document text/) });
    expect(await fileOf("scan")).toMatchObject({ textStatus: "no_text", pdfHasTitle: true, pdfHasLanguage: true });
    for (const key of ["locked", "fake", "scan"]) {
      const page = await send(server, `/documents/${docs[key].slug}`);
      expect(page.status).toBe(200);
      const f = await fileOf(key);
      expect(await send(server, `/files/${f.id}`).then((r) => r.status)).toBe(200);
    }
    const lockedPage = await (await send(server, `/documents/${docs.locked.slug}`)).text();
    expect(lockedPage).toContain("protected by a password");
  });

  it("an empty upload is refused with a message, not stored", async () => {
    const item = await makeItem((await makeMeeting((await makeBody()).id)).id, { position: 1 });
    await expect(
      db().transaction((tx) => createItemDocument(tx, actor, item.id, { title: "Empty", body: "", file: { name: "empty.pdf", bytes: new Uint8Array(0) } })),
    ).rejects.toMatchObject({ field: "file", message: "The selected file is empty" });
  });

  it("gives up on a file that ended its reader three times, with a note", async () => {
    const item = await makeItem((await makeMeeting((await makeBody()).id)).id, { position: 1 });
    await upload(item.id, "crasher", "crasher.pdf", await textPdf(["x"]));
    const f = await fileOf("crasher");
    await db().update(documentFiles).set({ textAttempts: 3 }).where(eq(documentFiles.id, f.id));
    await readPendingFileTexts();
    // Given up by this reader: not tried again until the reader changes.
    expect(await fileOf("crasher")).toMatchObject({ textStatus: "failed", textNote: expect.stringMatching(/could not be read/), textReadBy: currentTextReader() });
  });
});

describe("the document's page", () => {
  it("shows the text page by page, escaped, each page linked to the file at that page", async () => {
    const good = await fileOf("good");
    const html = (await (await send(server, `/documents/${docs.good.slug}`)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Read the text of fostering.pdf (3 pages)");
    expect(html).toMatch(/<h3[^>]*>Page 2<\/h3>/);
    expect(html).toContain(`href="/files/${good.id}#page=2"`);
    expect(html).toContain(WORD);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    expect(html).not.toContain('<script>alert("x")');
  });

  it("shows a Word file's text without page numbers", async () => {
    const texts = await documentFileTexts(PUBLIC_VIEWER, docs.word.id);
    expect(texts[0]).toMatchObject({ paged: false, status: "extracted" });
    expect(texts[0].pages[0].paragraphs.join(" ")).toContain("kinship");
  });

  it("never shows a draft's text to the public", async () => {
    expect((await send(server, `/documents/${docs.draft.slug}`)).status).toBe(404);
    expect(await documentFileTexts(PUBLIC_VIEWER, docs.draft.id)).toEqual([]);
    expect((await documentFileTexts(clerk, docs.draft.id))[0].pages[0].paragraphs[0]).toContain(DRAFT_WORD);
  });
});

describe("search", () => {
  it("finds a word inside a PDF and links to its page", async () => {
    const good = await fileOf("good");
    const { results: rs } = await results(PUBLIC_VIEWER, WORD.toLowerCase());
    const hit = rs.find((r) => r.href.startsWith(`/files/${good.id}`));
    expect(hit).toMatchObject({ href: `/files/${good.id}#page=2`, title: "Paper good, page 2", kind: "document" });
    expect(hit!.snippet.filter((p) => p.hit).map((p) => p.text)).toContain(WORD);
    // The Word file matches too, linked to the file (no pages).
    const word = await fileOf("word");
    expect(rs.some((r) => r.href === `/files/${word.id}`)).toBe(true);
  });

  it("never finds a draft's text for the public; the clerk finds it", async () => {
    expect((await results(PUBLIC_VIEWER, DRAFT_WORD)).total).toBe(0);
    // A member sees what the public does of documents: the published file's text, not the draft's.
    const m = await makeUser("member");
    const member: Viewer = { kind: "user", userId: m.id, name: m.name, email: m.email, role: "member", personId: null, organisationId: null };
    expect((await results(member, DRAFT_WORD)).total).toBe(0);
    expect((await results(member, WORD.toLowerCase())).results.some((r) => r.href.includes("#page=2"))).toBe(true);
    expect((await results(clerk, DRAFT_WORD)).total).toBe(1);
    const html = await (await send(server, `/search?q=${DRAFT_WORD}`)).text();
    expect(html).not.toContain("draft.pdf");
    expect(html).not.toContain(`Paper draft`);
  });

  it("a replaced file's text is not found, and its replacement's is", async () => {
    expect((await results(PUBLIC_VIEWER, OLD_WORD)).total).toBe(1);
    await db().transaction(async (tx) => replaceFile(tx, actor, docs.old.id, { name: "new.pdf", bytes: await textPdf(["Redacted newtextmarker"], { title: "New", language: "en" }) }));
    await readPendingFileTexts();
    expect((await results(PUBLIC_VIEWER, OLD_WORD)).total).toBe(0);
    expect((await results(clerk, OLD_WORD)).total).toBe(0);
    expect((await results(PUBLIC_VIEWER, "newtextmarker")).total).toBe(1);
  });
});

describe("accessibility warnings for the clerk", () => {
  it("lists the scan and the PDF with no title or language on the dashboard, and warns on the document's page", async () => {
    const section = (await clerkInbox(clerk)).find((s) => s.key === "inaccessible-files")!;
    const hrefs = section.rows.map((r) => r.href);
    expect(hrefs).toContain(`/clerk/documents/${docs.scan.id}`);
    expect(hrefs).toContain(`/clerk/documents/${docs.bare.id}`);
    expect(hrefs).not.toContain(`/clerk/documents/${docs.good.id}`);
    expect(section.rows.find((r) => r.href.endsWith(docs.bare.id))!.detail).toBe("It has no document title set. It has no language set.");
    expect(section.rows.find((r) => r.href.endsWith(docs.scan.id))!.detail).toMatch(/no text layer/);
    const dashboard = await (await send(server, "/clerk", { cookie: clerkCookie })).text();
    expect(dashboard).toContain("Uploaded PDFs that are not accessible documents");
    const page = await (await send(server, `/clerk/documents/${docs.bare.id}`, { cookie: clerkCookie })).text();
    expect(page).toContain("This PDF is not an accessible document");
    expect(page).toContain("Accessibility Regulations 2018");
    const goodPage = await (await send(server, `/clerk/documents/${docs.good.id}`, { cookie: clerkCookie })).text();
    expect(goodPage).not.toContain("This PDF is not an accessible document");
  });

  it("the warning goes when the file is replaced with an accessible one", async () => {
    await db().transaction(async (tx) => replaceFile(tx, actor, docs.bare.id, { name: "bare.pdf", bytes: await textPdf(["Now accessible"], { title: "Report", language: "en-GB" }) }));
    await readPendingFileTexts();
    const section = (await clerkInbox(clerk)).find((s) => s.key === "inaccessible-files")!;
    expect(section.rows.map((r) => r.href)).not.toContain(`/clerk/documents/${docs.bare.id}`);
    const page = await (await send(server, `/clerk/documents/${docs.bare.id}`, { cookie: clerkCookie })).text();
    expect(page).not.toContain("This PDF is not an accessible document");
  });
});

describe("a long report's text", () => {
  it("comes twenty pages at a time, the rest a link away, with and without a file named", async () => {
    expect(TEXT_PAGES_PER_VIEW).toBe(20);
    const item = await makeItem((await makeMeeting((await makeBody()).id)).id, { position: 1 });
    const pages = Array.from({ length: 45 }, (_, i) => `Section ${i + 1} longreportword`);
    await upload(item.id, "long", "long.pdf", await textPdf(pages, { title: "Long", language: "en-GB" }));
    await readPendingFileTexts();
    const long = await fileOf("long");
    const page = async (query: string) => (await (await send(server, `/documents/${docs.long.slug}${query}`)).text()).replaceAll("<!-- -->", "");
    const first = await page("");
    expect(first).toContain("Read the text of long.pdf (45 pages)");
    expect(first).toContain("Pages 1 to 20 of 45");
    expect(first).toMatch(/<h3[^>]*>Page 20<\/h3>/);
    expect(first).not.toMatch(/<h3[^>]*>Page 21<\/h3>/);
    expect(first).not.toContain("Section 21 ");
    expect(first).toContain(`href="?text_file=${long.id}&amp;text_view=2#text-${long.id}"`);
    expect(first).not.toContain("Earlier pages");
    const last = await page(`?text_file=${long.id}&text_view=3`);
    expect(last).toContain("Pages 41 to 45 of 45");
    expect(last).toContain(`<details class="govuk-details" id="text-${long.id}" open="">`);
    expect(last).toContain("Section 45 longreportword");
    expect(last).not.toContain("Later pages");
    expect(last).toContain(`href="?text_file=${long.id}&amp;text_view=2#text-${long.id}"`);
    // Past the end: the last view; a malformed view or file: the first.
    expect(await page(`?text_file=${long.id}&text_view=99`)).toContain("Pages 41 to 45 of 45");
    expect(await page(`?text_file=${long.id}&text_view=-1`)).toContain("Pages 1 to 20 of 45");
    expect(await page(`?text_file=not-a-file&text_view=3`)).toContain("Pages 1 to 20 of 45");
  });
});

describe("a newer reader", () => {
  it("reads again what an older reader read, showing and finding the old text meanwhile, audited", async () => {
    const good = await fileOf("good");
    await db().update(documentFiles).set({ textReadBy: "pdfjs-dist 1.0.0, mammoth 1.0.0, reader 0" }).where(eq(documentFiles.id, good.id));
    expect(await requeueFilesReadByOthers()).toBe(1);
    expect(await fileOf("good")).toMatchObject({ textStatus: "pending", textAttempts: 0 });
    // Meanwhile the old text is still shown and found.
    const html = (await (await send(server, `/documents/${docs.good.slug}`)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain("The text is being read again with a newer reader");
    expect(html).toContain(WORD);
    expect((await results(PUBLIC_VIEWER, WORD.toLowerCase())).results.some((r) => r.href === `/files/${good.id}#page=2`)).toBe(true);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "document_file"), eq(auditLog.entityId, good.id))).orderBy(auditLog.id);
    expect(audit.some((a) => JSON.stringify(a.after).includes("read again: read by pdfjs-dist 1.0.0"))).toBe(true);
    // Nothing else was read by another reader.
    expect(await requeueFilesReadByOthers()).toBe(0);
    await readPendingFileTexts();
    expect(await fileOf("good")).toMatchObject({ textStatus: "extracted", textReadBy: currentTextReader(), pageCount: 3 });
    expect(currentTextReader()).toMatch(/^pdfjs-dist \d+\.\d+\.\d+, mammoth \d+\.\d+\.\d+, reader \d+$/);
    expect((await results(PUBLIC_VIEWER, WORD.toLowerCase())).results.some((r) => r.href === `/files/${good.id}#page=2`)).toBe(true);
  });
});
