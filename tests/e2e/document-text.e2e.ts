/**
 * The papers themselves (issue 19), in a real browser: a clerk attaches a PDF to a published
 * agenda item; the portal's background reader reads it (not the request); the public
 * document page offers its text page by page, each page linked to the file at `#page=N`;
 * search finds a word on page 2 and links there. The document page passes axe-core.
 */
import { PDFDocument, StandardFonts } from "pdf-lib";
import { expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { expectText, expectVisible } from "./support/browser";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();
const WORD = `Quokkaplacement${Date.now().toString(36)}`;

async function reportPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle("Kinship care report");
  doc.setLanguage("en-GB");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText("Kinship care: the cover page", { x: 50, y: 700, size: 14, font });
  doc.addPage().drawText(`Placements with family rose (${WORD}).`, { x: 50, y: 700, size: 12, font });
  return Buffer.from(await doc.save());
}

it("a clerk's uploaded PDF is readable on the document page and found by search at its page", async () => {
  const reader = await newTab(true);
  // A published agenda item of the content's meeting, whose content the public sees.
  await reader.open("/meetings/2021-trust-annual-review");
  const itemHref = await reader.page.locator('main a[href^="/agenda-items/"]').first().getAttribute("href");
  expect(itemHref).toMatch(/^\/agenda-items\/[0-9a-f-]+$/);
  const itemId = itemHref!.split("/").pop()!;

  const clerk = await newTab(true);
  await signIn(clerk, "clerk");
  await clerk.open(`/clerk/items/${itemId}`);
  const title = `Kinship care report ${WORD}`;
  await clerk.page.getByLabel("Document title").fill(title);
  await clerk.page.getByLabel("Upload a file (optional)").setInputFiles({ name: "kinship.pdf", mimeType: "application/pdf", buffer: await reportPdf() });
  await submitAndWait(clerk.page, "Attach document", /done=document/);

  await reader.open(itemHref!);
  await Promise.all([reader.page.waitForURL(/\/documents\//), reader.page.getByRole("link", { name: title }).first().click()]);
  const documentPath = new URL(reader.page.url()).pathname;
  // The reader runs every few seconds: the text appears within them (up to a minute on a loaded machine:
  // it once took more than 20 s beside the other browser tests, ADR 046).
  for (let i = 0; i < 60 && !(await reader.page.getByText("Read the text of kinship.pdf").count()); i++) {
    await reader.page.waitForTimeout(1000);
    await reader.open(documentPath);
  }
  await reader.page.getByText("Read the text of kinship.pdf (2 pages)").click();
  await expectVisible(reader.page.getByRole("heading", { name: "Page 2" }), "the heading of page 2");
  const pageLink = reader.page.getByRole("link", { name: "Open page 2 of the PDF" });
  expect(await pageLink.getAttribute("href")).toMatch(/^\/files\/[0-9a-f-]+#page=2$/);
  await expectText(reader.page, WORD);
  await expectNoAxeViolations(reader.page);

  await reader.open(`/search?q=${WORD}`);
  const hit = reader.page.locator(".portal-search-results > li a").filter({ hasText: "page 2" }).first();
  expect(await hit.getAttribute("href")).toMatch(/^\/files\/[0-9a-f-]+#page=2$/);
}, 120_000);
