/**
 * Meetings of the board and its committees: their agendas, agenda items, minutes,
 * attendance and declarations of interest, and the documents and files published with them.
 * Reads take who is asking; writes are the clerk's (agenda building, publishing, minuting).
 */
export * from "./agenda-changes.server";
export * from "./agenda-pack.server";
export * from "./agenda-pack-pdf.server";
export * from "./agenda-structure.server";
export * from "./agendas.server";
export * from "./attendance.server";
export * from "./calendar.server";
export * from "./attendance-register.server";
export * from "./clerk-meetings.server";
export * from "./clerk-waiting.server";
export * from "./decision-changes.server";
export * from "./decisions.server";
export * from "./documents.server";
export * from "./files.server";
export * from "./file-text.server";
export * from "./file-text-views.server";
export * from "./meeting-changes.server";
export * from "./meetings.server";
export * from "./minute-changes.server";
export * from "./minutes-pdf.server";
export * from "./publication-changes.server";
export * from "./recording-changes.server";
export * from "./recordings.server";
export * from "./record-history.server";
export * from "./summons.server";
