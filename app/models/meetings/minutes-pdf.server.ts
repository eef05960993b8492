/**
 * A meeting's minutes as a PDF (issue 18, item 6), once they are published: the meeting,
 * whether the minutes are approved, attendance, then each item with its declarations of
 * interest, its minute and what was resolved. An exempt item shows only its public title.
 * Built for the public once per change and kept in the database, like the agenda pack.
 */
import type { Viewer } from "../../rules/viewer.server";
import { TaggedPdf } from "../../utils/pdf.server";
import { siteUrl } from "../../utils/site-url.server";
import { cachedFile, fingerprint, type GeneratedFile } from "../records";
import { PDF_MEDIA_TYPE, packViewer } from "./agenda-pack-pdf.server";
import { minutesForMeeting } from "./agendas.server";
import { getMeeting, minutesRecord } from "./meetings.server";

const LAYOUT_VERSION = 1;
const MINUTES_STATE: Record<string, string> = {
  approved: "Approved as a correct record",
  draft: "Draft: not yet approved",
  approval_unknown: "Published; the sources do not say whether they were approved",
};

/** The minutes PDF; null where the viewer may not see the meeting or its minutes are not published. */
export async function minutesPdf(viewer: Viewer, slug: string): Promise<GeneratedFile | null> {
  const v = packViewer(viewer);
  const found = await getMeeting(v, slug);
  if (!found || !found.hasMinutes) return null;
  const { items, ...meeting } = found;
  const record = await minutesRecord(v, meeting.id);
  const minutes = await minutesForMeeting(v, meeting.id);
  const data = {
    site: siteUrl(),
    meeting,
    items,
    attendance: record.attendance,
    declarations: record.declarations,
    minutes: Object.entries(minutes).map(([id, m]) => [id, { body: m.body, decisions: m.decisions }] as const),
  };
  const build = async () => {
    const texts = new Map(data.minutes);
    const pdf = new TaggedPdf({ title: `Minutes: ${meeting.title}`, subject: `${meeting.body.name}, ${meeting.date}` });
    pdf.paragraph(`Minutes · ${meeting.body.name}`, pdf.root, { color: "#505a5f" });
    pdf.heading(1, `Minutes: ${meeting.title}`);
    pdf.list([
      [{ text: "Date and time: ", bold: true }, { text: meeting.date }],
      [{ text: "Place: ", bold: true }, { text: meeting.venue ?? "Not recorded" }],
      [{ text: "Minutes: ", bold: true }, { text: MINUTES_STATE[meeting.minutesState] ?? meeting.minutesState }],
      ...(meeting.minutesApproved ? [[{ text: "Approved on: ", bold: true }, { text: meeting.minutesApproved }]] : []),
      [{ text: "Online: ", bold: true }, { text: `${data.site}/meetings/${meeting.slug}` }],
    ]);
    if (data.attendance.length > 0) {
      pdf.bookmark("Attendance");
      pdf.heading(2, "Attendance");
      pdf.list(data.attendance.map((a) => `${a.name}, ${a.roleLabel}: ${a.statusLabel}${a.substituteFor ? ` (substitute for ${a.substituteFor})` : ""}`));
    }
    for (const item of items) {
      pdf.keep(100);
      pdf.bookmark(`${item.number}. ${item.title}`);
      const section = pdf.section();
      pdf.heading(2, `${item.number}. ${item.title}`, section);
      if (!item.contentVisible || item.isExempt) {
        pdf.paragraph(`Exempt: Schedule 12A to the Local Government Act 1972, paragraph ${item.exemptParagraph ?? "not recorded"}. This minute is not published.`, section);
        section.end();
        continue;
      }
      const declared = data.declarations[item.id] ?? [];
      if (declared.length > 0) {
        pdf.heading(3, "Declarations of interest", section);
        pdf.list(declared.map((d) => `${d.person}: ${d.kind.replace(/_/g, " ")} interest. ${d.nature}${d.leftRoom ? " (left the room)" : ""}`), section);
      }
      const minute = texts.get(item.id);
      if (!minute) pdf.paragraph("No minute recorded.", section, { color: "#505a5f" });
      else {
        pdf.markdown(minute.body, section, 3);
        if (minute.decisions) {
          pdf.heading(3, "Resolved", section);
          pdf.markdown(minute.decisions, section, 4);
        }
      }
      section.end();
    }
    return pdf.finish();
  };
  if (v.kind !== "public") return { content: await build(), mediaType: PDF_MEDIA_TYPE, key: "" };
  return cachedFile(`minutes:${meeting.id}`, fingerprint({ LAYOUT_VERSION, data }), PDF_MEDIA_TYPE, build);
}
