/**
 * Meetings of the board and its committees: their agendas, agenda items, minutes,
 * attendance and declarations of interest, and the documents and files published with them.
 * Reads take who is asking; writes are the clerk's (agenda building, publishing, minuting).
 */
export * from "./agenda-changes.server";
export * from "./agenda-pack.server";
export * from "./agendas.server";
export * from "./attendance.server";
export * from "./clerk-meetings.server";
export * from "./documents.server";
export * from "./files.server";
export * from "./meeting-changes.server";
export * from "./meetings.server";
export * from "./minute-changes.server";
export * from "./publication-changes.server";
