/**
 * The agenda pack as a PDF (issue 18, item 6): a cover (body, meeting, date and time, place,
 * and where there are exempt items the statement that part of the meeting will be private,
 * with the reasons, never the content), the numbered agenda with the page each item starts
 * on, then each item with its public reports: Markdown as text with its headings, uploaded
 * PDFs appended as they are. A bookmark per item and per report; tagged (app/utils/pdf.server.ts).
 * Only what the HTML pack shows (app/routes/meetings.$slug_.pack.tsx): an exempt item's
 * content never. Built for the public once per change of the agenda and kept in the
 * database; a clerk's (which may show drafts, as their HTML pack does) is built each time.
 */
import { PUBLIC_VIEWER, canSeeDrafts, type Viewer } from "../../rules/viewer.server";
import { insertPdfPages, readablePdf, type ReadablePdf } from "../../utils/pdf-merge.server";
import { TaggedPdf } from "../../utils/pdf.server";
import { siteUrl } from "../../utils/site-url.server";
import { cachedFile, fingerprint, type GeneratedFile } from "../records";
import { agendaItemTexts, agendaPackReports, type PackReport } from "./agenda-pack.server";
import { getFileForDownload } from "./files.server";
import { getMeeting } from "./meetings.server";

/** Raise when the layout changes: every stored pack is then built again. */
const LAYOUT_VERSION = 1;
export const PDF_MEDIA_TYPE = "application/pdf";

type Meeting = NonNullable<Awaited<ReturnType<typeof getMeeting>>>;
interface PackData {
  site: string;
  forClerk: boolean;
  meeting: Omit<Meeting, "items">;
  items: Meeting["items"];
  texts: [string, { purpose: string | null; body: string | null }][];
  reports: PackReport[];
}

/** Whom a pack is made for: a clerk sees what their HTML pack shows; everyone else, the public's pack. */
export function packViewer(viewer: Viewer): Viewer {
  return canSeeDrafts(viewer) ? viewer : PUBLIC_VIEWER;
}

/** The meeting's agenda pack as the viewer may have it; null where they may not see the meeting (a 404). */
export async function agendaPackPdf(viewer: Viewer, slug: string): Promise<GeneratedFile | null> {
  const v = packViewer(viewer);
  const found = await getMeeting(v, slug);
  if (!found) return null;
  const { items, ...meeting } = found;
  const inFull = items.filter((i) => i.contentVisible && !i.isExempt);
  const data: PackData = {
    site: siteUrl(),
    forClerk: v.kind !== "public",
    meeting,
    items,
    texts: [...(await agendaItemTexts(v, inFull.map((i) => i.id)))],
    reports: await agendaPackReports(v, inFull),
  };
  const build = () => buildAgendaPack(v, data);
  if (v.kind !== "public") return { content: await build(), mediaType: PDF_MEDIA_TYPE, key: "" };
  // The key is everything the pack is made from (file ids change when a file is replaced).
  return cachedFile(`agenda-pack:${meeting.id}`, fingerprint({ LAYOUT_VERSION, data }), PDF_MEDIA_TYPE, build);
}

async function buildAgendaPack(viewer: Viewer, data: PackData): Promise<Uint8Array> {
  const files = new Map<string, ReadablePdf | null>();
  for (const r of data.reports) {
    for (const f of r.files) {
      if (f.type !== "PDF") continue;
      const file = await getFileForDownload(viewer, f.id);
      files.set(f.id, file ? await readablePdf(file.content) : null);
    }
  }
  // Twice: the first pass finds the page each item starts on, the second writes it in the agenda.
  const first = await layoutPack(data, files, null);
  const second = await layoutPack(data, files, first.pageOf);
  return insertPdfPages(second.bytes, second.inserts);
}

async function layoutPack(data: PackData, files: Map<string, ReadablePdf | null>, pages: Map<string, number> | null) {
  const { meeting, items, site } = data;
  const texts = new Map(data.texts);
  const pdf = new TaggedPdf({ title: `Agenda pack: ${meeting.title}`, subject: `${meeting.body.name}, ${meeting.date}` });
  const pageOf = new Map<string, number>();
  const inserts: { afterPage: number; pdf: ReadablePdf }[] = [];
  let appended = 0;
  const page = () => pdf.pageCount + appended;
  const url = `${site}/meetings/${meeting.slug}`;

  // Cover
  pdf.paragraph(`Agenda pack · ${meeting.body.name}`, pdf.root, { color: "#505a5f" });
  pdf.heading(1, meeting.title);
  pdf.list(
    [
      [{ text: "Board or committee: ", bold: true }, { text: meeting.body.name }],
      [{ text: "Date and time: ", bold: true }, { text: meeting.date }],
      [{ text: "Place: ", bold: true }, { text: meeting.venue ?? "Not recorded" }],
      [{ text: "Status: ", bold: true }, { text: meeting.statusLabel }],
      [{ text: "Agenda published: ", bold: true }, { text: meeting.agendaPublished ?? "Not yet published" }],
      [{ text: "Online: ", bold: true }, { text: url }],
    ],
    pdf.root,
  );
  if (meeting.urgencyReasonHtml) {
    pdf.heading(2, "Published late");
    pdf.paragraph("Published under section 100B(4)(b) of the Local Government Act 1972, for this reason:");
    pdf.paragraph(meeting.urgencyReasonHtml.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());
  }
  const exempt = items.filter((i) => i.isExempt);
  if (exempt.length > 0) {
    pdf.heading(2, "Part of this meeting will be held in private");
    pdf.paragraph(
      "The public and press may be excluded from the meeting for the items below, because they involve exempt information " +
        "as defined in Schedule 12A to the Local Government Act 1972. Their papers are not in this pack.",
    );
    pdf.list(
      exempt.map((i) => [
        { text: `Item ${i.number}. ${i.title}`, bold: true },
        { text: `: Schedule 12A, paragraph ${i.exemptParagraph ?? "not recorded"}` },
        ...(i.exemptParagraphWording ? [{ text: ` (${i.exemptParagraphWording})` }] : []),
        ...(i.exemptReason ? [{ text: `. Public interest: ${i.exemptReason}` }] : []),
      ]),
    );
  }
  if (data.forClerk) {
    pdf.paragraph("Prepared for a clerk: this copy may include drafts not yet published. The public's pack has only what is published.", pdf.root, { color: "#d4351c" });
  }

  // The agenda, with the page each item starts on
  pdf.newPage();
  pdf.bookmark("Agenda");
  pdf.heading(2, "Agenda");
  if (items.length === 0) pdf.paragraph("No agenda items have been published.");
  const agenda = pdf.doc.struct("L");
  pdf.root.add(agenda);
  for (const item of items) {
    const indent = Math.min(item.depth, 3) * 16;
    const label = `${item.number}. ${item.title}${item.isExempt ? " (exempt: held in private)" : ""}`;
    pdf.keep(40);
    agenda.add(
      pdf.doc.struct("LI", {}, () => {
        const doc = pdf.doc;
        const x = doc.page.margins.left + indent;
        const y = doc.y;
        doc.font("Helvetica").fontSize(11).fillColor("#0b0c0c");
        doc.text(`${label}`, x, y, { width: pdf.width - indent - 70 });
        const after = doc.y;
        const n = pages?.get(item.id);
        doc.text(n ? `page ${n}` : "", doc.page.margins.left + pdf.width - 60, y, { width: 60, align: "right", lineBreak: false });
        doc.x = doc.page.margins.left;
        doc.y = after + 4;
      }),
    );
  }
  agenda.end();

  // The items and their reports
  for (const item of items) {
    const reports = data.reports.filter((r) => r.itemId === item.id);
    if (reports.length > 0 || item === items[0]) pdf.newPage();
    else pdf.keep(120);
    pageOf.set(item.id, page());
    const mark = pdf.bookmark(`${item.number}. ${item.title}`);
    const section = pdf.section();
    pdf.heading(2, `Item ${item.number}. ${item.title}`, section);
    if (item.isExempt) {
      pdf.paragraph(
        `Exempt: not for publication under Schedule 12A to the Local Government Act 1972, paragraph ${item.exemptParagraph ?? "not recorded"}. ` +
          "This item will be considered in private; its papers are not in this pack.",
        section,
      );
      section.end();
      continue;
    }
    const text = texts.get(item.id);
    pdf.markdown(text?.purpose, section, 3);
    pdf.markdown(text?.body, section, 3);
    for (const r of reports) {
      pdf.keep(120);
      pdf.bookmark(r.title, mark);
      const part = pdf.section(section);
      pdf.heading(3, r.title, part);
      pdf.markdown(r.body, part, 4);
      for (const f of r.files) {
        const fileUrl = `${site}/files/${f.id}`;
        const readable = files.get(f.id);
        if (f.type !== "PDF") {
          pdf.paragraph(`Also published as a file, not included in this pack: ${f.fileName} (${f.type}, ${f.size}), at ${fileUrl}`, part);
        } else if (readable) {
          pdf.paragraph(
            `The report's file ${f.fileName} follows as published, on page${readable.pages === 1 ? ` ${page() + 1}` : `s ${page() + 1} to ${page() + readable.pages}`}. It is also at ${fileUrl}`,
            part,
          );
          inserts.push({ afterPage: pdf.pageCount - 1, pdf: readable });
          appended += readable.pages;
          pdf.newPage();
        } else {
          pdf.newPage();
          pdf.heading(4, `File not included: ${f.fileName}`, part);
          pdf.paragraph(`This file could not be read as a PDF, so it is not in this pack. It is published at ${fileUrl}`, part);
        }
      }
      part.end();
    }
    section.end();
  }
  return { bytes: await pdf.finish(), inserts, pageOf };
}
