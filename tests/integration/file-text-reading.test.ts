/**
 * Reading an uploaded file's text in a child process (issue 19, docs/decisions/048): page
 * numbers, a PDF's title and language, and every hostile file answered with a plain note in
 * bounded time and memory, never a thrown error.
 */
import { describe, expect, it } from "vitest";
import { readFileText, TEXT_LIMITS } from "~/models/meetings";
import {
  decompressionBombPdf,
  docx,
  docxBomb,
  encryptedPdf,
  fakeDocx,
  pageCountBombPdf,
  scannedPdf,
  textPdf,
} from "../support/paper-fixtures";

async function read(bytes: Uint8Array, kind: "pdf" | "docx", limits = TEXT_LIMITS) {
  const result = await readFileText(bytes, kind, limits);
  if (result === "stopped") throw new Error("not stopped here");
  return result;
}

describe("reading text", () => {
  it("keeps each PDF page's text under its page number, and whether a title and language are set", async () => {
    const r = await read(await textPdf(["First page words", "Second page about fostering\nsecond line", "Third"], { title: "Report", language: "en-GB" }), "pdf");
    expect(r.status).toBe("extracted");
    expect(r.pageCount).toBe(3);
    expect(r.pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(r.pages[1].text).toContain("Second page about fostering");
    expect(r.pages[1].text).toContain("second line");
    expect(r).toMatchObject({ hasTitle: true, hasLanguage: true, note: null });
    const bare = await read(await textPdf(["No metadata"]), "pdf");
    expect(bare).toMatchObject({ status: "extracted", hasTitle: false, hasLanguage: false });
  });

  it("a scan has no text layer", async () => {
    const r = await read(await scannedPdf(), "pdf");
    expect(r.status).toBe("no_text");
    expect(r.note).toMatch(/no text layer/);
    expect(r.pages).toEqual([]);
    expect(r).toMatchObject({ hasTitle: true, hasLanguage: true });
  });

  it("reads a Word document's text as one page", async () => {
    const r = await read(docx(["Placement stability improved.", "Second paragraph."]), "docx");
    expect(r.status).toBe("extracted");
    expect(r.pages).toHaveLength(1);
    expect(r.pages[0].text).toContain("Placement stability improved.");
    expect(r.pages[0].text).toContain("Second paragraph.");
  });

  it("keeps only the first pages past the page limit, and says so", async () => {
    const r = await read(await textPdf(["one", "two", "three", "four", "five"]), "pdf", { ...TEXT_LIMITS, maxPages: 3 });
    expect(r.status).toBe("extracted");
    expect(r.pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(r.note).toBe("The PDF has 5 pages: only the text of the first 3 is kept.");
  });

  it("stops at the text limit, and says so", async () => {
    const r = await read(await textPdf(["a".repeat(60), "b".repeat(60), "c".repeat(60)]), "pdf", { ...TEXT_LIMITS, maxChars: 100 });
    expect(r.pages.map((p) => p.text.length).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100);
    expect(r.note).toMatch(/stops on page 2/);
  });
});

describe("hostile files: a plain note, bounded time, never a throw", () => {
  it("an empty file", async () => {
    expect(await read(new Uint8Array(0), "pdf")).toMatchObject({ status: "failed", note: "The file is empty." });
  });

  it("an encrypted PDF", async () => {
    const r = await read(await encryptedPdf(), "pdf");
    expect(r.status).toBe("failed");
    expect(r.note).toMatch(/protected by a password/);
  });

  it("a PDF that is not one", async () => {
    const r = await read(new TextEncoder().encode("%PDF-1.4\nnothing here at all\n%%EOF\n"), "pdf");
    expect(r.status).toBe("failed");
    expect(r.note).toMatch(/could not be read as a PDF|could not be read/);
  });

  it("a page tree claiming a billion pages", async () => {
    const started = Date.now();
    const r = await read(pageCountBombPdf(), "pdf");
    expect(Date.now() - started).toBeLessThan(10_000);
    // pdf.js counts the pages there are; had it believed the page tree, the page limit would hold.
    expect(r.status).toBe("extracted");
    expect(r.pages[0].text).toContain("Only one real page");
    expect(r.pages.length).toBeLessThanOrEqual(TEXT_LIMITS.maxPages);
  });

  it("a content stream that inflates past the memory limit is stopped", async () => {
    const bomb = await decompressionBombPdf(200);
    const started = Date.now();
    const r = await read(bomb, "pdf", { ...TEXT_LIMITS, maxRssMb: 150, timeMs: 15_000 });
    expect(r.status).toBe("failed");
    expect(r.note).toMatch(/too much memory/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 25_000);

  it("a file that takes too long is stopped", async () => {
    const r = await read(await textPdf(["slow"]), "pdf", { ...TEXT_LIMITS, timeMs: 1 });
    expect(r).toMatchObject({ status: "failed", note: expect.stringMatching(/took too long/) });
  });

  it("a .docx that is really a zip of something else", async () => {
    const r = await read(fakeDocx(), "docx");
    expect(r.status).toBe("failed");
    expect(r.note).toMatch(/holds no Word document text/);
  });

  it("a Word zip bomb is refused before it is unpacked", async () => {
    const r = await read(docxBomb(8), "docx", { ...TEXT_LIMITS, maxUnzippedBytes: 4 * 1024 * 1024 });
    expect(r.status).toBe("failed");
    expect(r.note).toMatch(/too large once unpacked/);
  });

  it("a damaged zip", async () => {
    const r = await read(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "docx");
    expect(r.status).toBe("failed");
  });
});
